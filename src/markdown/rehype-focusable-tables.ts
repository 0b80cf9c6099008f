/**
 * Rehype plugin: makes every lesson table reachable by keyboard.
 *
 * Starlight lets a wide table scroll sideways inside itself (on a phone most of ours do). A
 * scrolling region that cannot take focus cannot be scrolled without a pointer (WCAG 2.1.1; axe
 * rule `scrollable-region-focusable`), so each table gets `tabindex="0"` and a name taken from its
 * header row, which screen readers announce on focus. It must not change the table's content.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The text of a node and its descendants. */
function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** The header cells of a table, in order, as plain text. */
export function headerCells(table: Element): string[] {
  const cells: string[] = [];
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'th') cells.push(textOf(child).trim());
      else if (child.tagName !== 'tbody') walk(child);
    }
  };
  walk(table);
  return cells.filter(Boolean);
}

function visitTables(node: Root | Element, fn: (table: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'table') fn(child);
    visitTables(child, fn);
  }
}

export default function rehypeFocusableTables() {
  return (tree: Root) => {
    visitTables(tree, (table) => {
      table.properties.tabIndex ??= 0;
      const heads = headerCells(table);
      if (table.properties.ariaLabel === undefined && heads.length) {
        table.properties.ariaLabel = `Table: ${heads.join(', ')}`;
      }
    });
  };
}
