/**
 * Where the topology canvas puts nodes, links, in-flight envelopes and timer badges, in pixels
 * for a given width, so text keeps its size on a phone. Pure data from the protocol's
 * `topology` and the world: the view (TopologyView.tsx) only draws it.
 */
import type { NodeId, Protocol, World } from '../../../sandboxes/kernel/types.ts';

export type Point = { x: number; y: number };
export type TopologyLayout = {
  width: number;
  height: number;
  /** Widest a node's timer badge may be without running into its neighbour's. */
  badgeWidth: number;
  nodes: { id: NodeId; at: Point }[];
  links: { a: NodeId; b: NodeId; cut: boolean }[];
  /** An envelope per in-flight message, placed on its link, nearer the receiver. */
  envelopes: { id: number; at: Point }[];
};

export const NODE_W = 92;

/** How wide an envelope is drawn: "✉ TYPE" at the canvas's 10.5px type, with a little air. */
export function envelopeWidth(type: string): number {
  return Math.max(44, (type.length + 2) * 6.6 + 10);
}
export const NODE_H = 52;

function linksOf(ids: NodeId[], topology: NonNullable<Protocol['topology']>): [NodeId, NodeId][] {
  if (topology.kind === 'star') return ids.filter((id) => id !== topology.hub).map((id) => [topology.hub, id]);
  if (topology.kind === 'pipeline') return ids.slice(1).map((id, i) => [ids[i], id]);
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as [NodeId, NodeId]));
}

function place(ids: NodeId[], topology: NonNullable<Protocol['topology']>, width: number, timersAt: (id: NodeId) => number): { pos: Map<NodeId, Point>; height: number } {
  const pos = new Map<NodeId, Point>();
  if (topology.kind === 'star') {
    // The hub on top, the others in one row below (two rows when a phone is too narrow).
    const rest = ids.filter((id) => id !== topology.hub);
    const perRow = Math.max(1, Math.min(rest.length, Math.floor(width / (NODE_W + 10))));
    const rows = Math.ceil(rest.length / perRow);
    // Room between the hub and the row below for envelopes going both ways (a phone's steeper links need a little more).
    const drop = width < 480 ? 140 : 120;
    pos.set(topology.hub, { x: width / 2, y: NODE_H / 2 + 8 });
    rest.forEach((id, i) => {
      const row = Math.floor(i / perRow);
      const inRow = Math.min(perRow, rest.length - row * perRow);
      const col = i % perRow;
      // One cell per node, so neighbours never overlap however narrow the canvas.
      pos.set(id, { x: (width / inRow) * (col + 0.5), y: NODE_H / 2 + 8 + drop + row * (NODE_H + 70) });
    });
    // Below the last row, room for its nodes' timer badges (18 px each): always one, so the stage does not jump as timers come and go.
    const badges = Math.max(1, ...rest.slice((rows - 1) * perRow).map((id) => timersAt(id)));
    return { pos, height: NODE_H + 16 + drop + (rows - 1) * (NODE_H + 70) + 4 + badges * 18 };
  }
  if (topology.kind === 'pipeline') {
    const perRow = Math.max(1, Math.floor(width / (NODE_W + 40)));
    ids.forEach((id, i) => pos.set(id, { x: (width / (Math.min(perRow, ids.length) + 1)) * ((i % perRow) + 1), y: NODE_H / 2 + 8 + Math.floor(i / perRow) * 150 }));
    return { pos, height: Math.ceil(ids.length / perRow) * 150 };
  }
  // A clique on an ellipse, wider than tall where there is room, so the stage stays one screen.
  const rx = Math.min(width / 2 - NODE_W / 2 - 8, 240);
  const ry = Math.min(rx, 112);
  ids.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / ids.length;
    pos.set(id, { x: width / 2 + rx * Math.cos(a), y: ry + NODE_H / 2 + 8 + ry * Math.sin(a) });
  });
  return { pos, height: 2 * ry + NODE_H + 40 };
}

/** True when the partition separates a and b. */
function cut(world: World, a: NodeId, b: NodeId): boolean {
  if (!world.partition) return false;
  const g = world.partition.find((x) => x.includes(a));
  return !g || !g.includes(b);
}

export function topologyLayout(protocol: Protocol, world: World, width: number): TopologyLayout {
  const ids = Object.keys(world.nodes);
  const topology = protocol.topology ?? { kind: 'clique' as const };
  const { pos, height } = place(ids, topology, width, (id) => world.timers.filter((t) => t.node === id).length);
  const links = linksOf(ids, topology).map(([a, b]) => ({ a, b, cut: cut(world, a, b) }));
  const degree = new Map<NodeId, number>();
  for (const l of links) for (const n of [l.a, l.b]) degree.set(n, (degree.get(n) ?? 0) + 1);
  // Messages on one link share it: spread them along the segment, nearer the receiver.
  const seen = new Map<string, number>();
  const envelopes = world.inFlight.map((m) => {
    const key = `${m.from}>${m.to}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const from = pos.get(m.from)!;
    const to = pos.get(m.to)!;
    // Keep envelopes away from busy nodes (a star's hub): messages converging on one node would
    // pile up on top of each other there.
    const towardReceiver = (degree.get(m.to) ?? 0) <= (degree.get(m.from) ?? 0);
    // Neighbouring links alternate between two distances, so side-by-side envelopes never share a row.
    const stagger = (ids.indexOf(towardReceiver ? m.to : m.from) % 2) * 0.2;
    const t = towardReceiver ? Math.max(0.25, 0.72 - stagger - k * 0.12) : Math.min(0.75, 0.28 + stagger + k * 0.12);
    // Replies travel a little to the side of requests, so both directions stay readable.
    const side = m.from < m.to ? -1 : 1;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const len = Math.hypot(dx, dy) || 1;
    return { id: m.id, at: { x: from.x + dx * t + (side * 14 * -dy) / len, y: from.y + dy * t + (side * 14 * dx) / len } };
  });
  // Badges sit under their node: only nodes side by side (in one row) can make them collide.
  const ps = [...pos.values()];
  let gap = width;
  for (const a of ps) for (const b of ps) if (a !== b && Math.abs(a.y - b.y) < NODE_H && Math.abs(a.x - b.x) > 1) gap = Math.min(gap, Math.abs(a.x - b.x));
  return { width, height, badgeWidth: Math.min(132, gap - 6), nodes: ids.map((id) => ({ id, at: pos.get(id)! })), links, envelopes };
}
