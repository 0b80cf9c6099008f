/**
 * What the reader has picked on the topology canvas (a node, an in-flight message, an armed timer),
 * the canvas's items in keyboard order, and what each selection can do now. Pure: the canvas and
 * the selection bar draw from it; the kernel's allowed choices decide what is possible.
 * Knows nothing of React or the DOM.
 */
import type { Choice, World } from './model.ts';

export type CanvasItem = { kind: 'node'; id: string } | { kind: 'message'; id: number } | { kind: 'timer'; node: string; name: string };

/** A stable key for an item, for React keys and focus bookkeeping. */
export function itemKey(item: CanvasItem): string {
  if (item.kind === 'node') return `node:${item.id}`;
  if (item.kind === 'message') return `msg:${item.id}`;
  return `timer:${item.node}.${item.name}`;
}

/**
 * The canvas items in the order arrow keys visit them: each node followed by its timers, then the
 * messages in flight (oldest first). One tab stop enters the canvas; ↑ and ↓ walk this list.
 */
export function canvasItems(world: World, nodeOrder: string[]): CanvasItem[] {
  const out: CanvasItem[] = [];
  for (const id of nodeOrder) {
    out.push({ kind: 'node', id });
    for (const t of world.timers) if (t.node === id) out.push({ kind: 'timer', node: t.node, name: t.name });
  }
  for (const m of world.inFlight) out.push({ kind: 'message', id: m.id });
  return out;
}

/** The selection if it still exists in this world (a delivered message or a fired timer is gone), else null. */
export function liveSelection(sel: CanvasItem | null, world: World): CanvasItem | null {
  if (!sel) return null;
  if (sel.kind === 'node') return world.nodes[sel.id] ? sel : null;
  if (sel.kind === 'message') return world.inFlight.some((m) => m.id === sel.id) ? sel : null;
  return world.timers.some((t) => t.node === sel.node && t.name === sel.name) ? sel : null;
}

/** The choice that activating an item takes (Enter or a click): deliver a message, fire a timer; a node only selects. */
export function primaryChoice(item: CanvasItem): Choice | null {
  if (item.kind === 'message') return { kind: 'deliver', id: item.id };
  if (item.kind === 'timer') return { kind: 'timer', node: item.node, name: item.name };
  return null;
}
