import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import rehypeFocusableTables, { headerCells } from './rehype-focusable-tables';

const el = (tagName: string, children: Element['children'] = [], properties: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const text = (value: string) => ({ type: 'text' as const, value });

function table(): Element {
  return el('table', [
    el('thead', [el('tr', [el('th', [text('Variant')]), el('th', [el('code', [text('Forced')]), text(' writes')])])]),
    el('tbody', [el('tr', [el('td', [text('2PC')]), el('td', [text('2N + 1')])])]),
  ]);
}

describe('rehypeFocusableTables', () => {
  it('makes nested tables focusable and names them by their header row', () => {
    const t = table();
    const tree: Root = { type: 'root', children: [el('section', [t])] };
    rehypeFocusableTables()(tree);
    expect(t.properties.tabIndex).toBe(0);
    expect(t.properties.ariaLabel).toBe('Table: Variant, Forced writes');
  });

  it('keeps a tabindex or label the author set', () => {
    const t = table();
    t.properties = { tabIndex: -1, ariaLabel: 'Costs' };
    rehypeFocusableTables()({ type: 'root', children: [t] });
    expect(t.properties).toEqual({ tabIndex: -1, ariaLabel: 'Costs' });
  });

  it('reads header cells but not body cells', () => {
    expect(headerCells(table())).toEqual(['Variant', 'Forced writes']);
    expect(headerCells(el('table', [el('tbody', [el('tr', [el('th', [text('row head')])])])]))).toEqual([]);
  });
});
