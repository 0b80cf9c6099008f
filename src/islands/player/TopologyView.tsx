/**
 * The topology canvas: the nodes where the protocol's `topology` puts them, the links between
 * them (a cut link is dashed and marked ✂), each in-flight message as an envelope on its link,
 * each armed timer as a clock badge under its node, a crashed node greyed with "down", and the
 * nodes the last step changed marked until the next one. A delivered message flies to its
 * receiver (not under reduced motion).
 *
 * One tab stop: ↑ and ↓ walk the items (canvas-selection.ts), and the focused item is the
 * selection the bar below acts on. Activating an envelope delivers it and a clock fires its timer;
 * a node is only selected. Drawn in pixels at the width it gets, so text keeps its size on a
 * phone. View only: positions come from topology-layout.ts, states and choices from the kernel.
 */
import { type KeyboardEvent, type ReactNode } from 'react';
import { useWidth } from './use-width.ts';
import { envelopeWidth, NODE_H, NODE_W, topologyLayout, type Point } from './topology-layout.ts';
import type { Choice, NodeView, Protocol, StepTrace, World } from './model.ts';
import { hasChoice, type SessionEvent } from './session.ts';
import { canvasItems, itemKey, primaryChoice, type CanvasItem } from './canvas-selection.ts';
import { rovingMove } from './roving.ts';

/** Nodes whose state or log the last step changed. */
function changedBy(trace: StepTrace): Set<string> {
  const out = new Set<string>();
  for (const e of trace) if (e.kind === 'state' || e.kind === 'store' || e.kind === 'store.lost') out.add(e.node);
  return out;
}

/** SVG attributes that fit `◷ name` into a badge by narrowing the glyphs when it would not fit. */
function squeeze(name: string, width: number): { textLength?: number; lengthAdjust?: 'spacingAndGlyphs' } {
  const natural = (name.length + 2) * 6;
  return natural <= width - 10 ? {} : { textLength: width - 10, lengthAdjust: 'spacingAndGlyphs' };
}

/** An SVG group that acts as a button: Enter or Space activates; focus selects it; inert (and says so) when off. */
function SvgButton(props: { label: string; ok: boolean; className: string; onAct: () => void; onFocus: () => void; testId: string; active: boolean; itemKey: string; children: ReactNode }) {
  const act = () => props.ok && props.onAct();
  return (
    <g
      role="button"
      tabIndex={props.active ? 0 : -1}
      aria-label={props.label}
      aria-disabled={props.ok ? undefined : true}
      className={props.className}
      onClick={act}
      onFocus={props.onFocus}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        act();
      }}
      data-testid={props.testId}
      data-item={props.itemKey}
    >
      {props.children}
    </g>
  );
}

/** A textbook name short enough for a node box: whole when it fits, else its first word ("forgotten (after END)" → "forgotten"). */
function shortName(name: string): string {
  return name.length <= 12 ? name : name.split(' ')[0];
}

/** Where the message the last step delivered flew from and to, for the arrival animation. */
function arrivalOf(protocol: Protocol, prev: World | null, choice: Choice | null, at: Map<string, Point>, width: number) {
  if (!prev || choice?.kind !== 'deliver') return null;
  const m = prev.inFlight.find((x) => x.id === choice.id);
  const from = topologyLayout(protocol, prev, width).envelopes.find((e) => e.id === choice.id)?.at;
  const to = m ? at.get(m.to) : undefined;
  return m && from && to ? { type: m.type, from, to } : null;
}

export interface TopologyViewProps {
  protocol: Protocol;
  world: World;
  nodes: NodeView[];
  trace: StepTrace;
  allowed: Choice[];
  dispatch: (e: SessionEvent) => void;
  selection: CanvasItem | null;
  onSelect: (item: CanvasItem | null) => void;
  /** The world before the last step and the step's choice, when the cursor just moved forward by one. */
  previous: { world: World; choice: Choice; step: number } | null;
}

export function TopologyView(props: TopologyViewProps) {
  const { protocol, world, nodes, allowed, dispatch, selection } = props;
  const [box, width] = useWidth<HTMLDivElement>(600);
  const layout = topologyLayout(protocol, world, width);
  const at = new Map(layout.nodes.map((n) => [n.id, n.at]));
  const view = new Map(nodes.map((n) => [n.id, n]));
  const changed = changedBy(props.trace);
  const items = canvasItems(world, layout.nodes.map((n) => n.id));
  const selKey = selection ? itemKey(selection) : null;
  // The roving tab stop: the selection when it is on the canvas, else the first item.
  const activeKey = items.some((i) => itemKey(i) === selKey) ? selKey : items[0] ? itemKey(items[0]) : null;
  const arrival = props.previous ? arrivalOf(protocol, props.previous.world, props.previous.choice, at, width) : null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = items.findIndex((x) => itemKey(x) === activeKey);
    const next = rovingMove(e.key, Math.max(0, i), items.length);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    props.onSelect(items[next]);
    box.current?.querySelector<SVGGElement>(`[data-item="${itemKey(items[next])}"]`)?.focus();
  };
  const take = (item: CanvasItem) => {
    const c = primaryChoice(item);
    if (c) dispatch({ type: 'choice.take', choice: c });
    else props.onSelect(item);
  };
  const textbook = (role: string, state: string | null) => (state ? protocol.stateNames?.[role]?.[state] : undefined);
  return (
    <div className="pl-topo" ref={box} data-testid="topology" data-focus-group="topology" onKeyDown={onKeyDown}>
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label="The network: nodes, their links, messages in flight and armed timers. Up and down arrows move between them.">
        {layout.links.map((l) => {
          const a = at.get(l.a)!;
          const b = at.get(l.b)!;
          return (
            <g key={`${l.a}-${l.b}`} className={l.cut ? 'pl-topo__link pl-topo__link--cut' : 'pl-topo__link'}>
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
              {l.cut ? (
                <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2} className="pl-topo__cut">
                  ✂ cut
                </text>
              ) : null}
            </g>
          );
        })}
        {layout.nodes.map(({ id, at: p }) => {
          const n = view.get(id)!;
          const name = textbook(n.role, n.state);
          const item: CanvasItem = { kind: 'node', id };
          const key = itemKey(item);
          const cls = `pl-topo__node${n.up ? '' : ' pl-topo__node--down'}${changed.has(id) ? ' pl-topo__node--changed' : ''}${key === selKey ? ' pl-topo__node--selected' : ''}`;
          // The name starts with the visible text (id, state, textbook name) so speech and sight agree.
          const shown = n.up ? `${id} ${n.state}${name && name !== n.state ? ` ${shortName(name)}` : ''}` : `${id} down`;
          const label = `${shown}: ${n.role}${n.up ? '' : ', memory lost, log kept'}${changed.has(id) ? '; changed by the last step' : ''}`;
          return (
            <g key={id}>
              <SvgButton label={label} ok className={cls} onAct={() => take(item)} onFocus={() => props.onSelect(item)} testId={`topo-node-${id}`} active={key === activeKey} itemKey={key}>
                <rect x={p.x - NODE_W / 2} y={p.y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={8} />
                <text x={p.x} y={p.y - 8} className="pl-topo__id">
                  {id}
                  {changed.has(id) ? <tspan aria-hidden="true"> •</tspan> : null}
                  {/* Trailing spaces keep the lines apart in the text assistive technology compares with the name. */}{' '}
                </text>
                <text x={p.x} y={p.y + 8} className="pl-topo__state">
                  {n.up ? n.state : <><tspan aria-hidden="true">✖ </tspan>down</>}{' '}
                </text>
                {n.up && name && name !== n.state ? (
                  <text x={p.x} y={p.y + 20} className="pl-topo__textbook">
                    {shortName(name)}
                  </text>
                ) : null}
              </SvgButton>
              {world.timers
                .filter((t) => t.node === id)
                .map((t, i) => {
                  const timer: CanvasItem = { kind: 'timer', node: t.node, name: t.name };
                  const tkey = itemKey(timer);
                  const ok = hasChoice(allowed, primaryChoice(timer)!);
                  const y = p.y + NODE_H / 2 + 14 + i * 18;
                  return (
                    <SvgButton key={t.name} label={`Fire ${t.name} at ${t.node}`} ok={ok} className={`pl-topo__timer${tkey === selKey ? ' pl-topo__timer--selected' : ''}`} onAct={() => take(timer)} onFocus={() => props.onSelect(timer)} testId={`topo-fire-${t.node}-${t.name}`} active={tkey === activeKey} itemKey={tkey}>
                      <rect x={p.x - layout.badgeWidth / 2} y={y - 11} width={layout.badgeWidth} height={16} rx={8} />
                      {/* A long name is squeezed, never cut: its visible text must match the button's name. */}
                      <text x={p.x} y={y + 1} {...squeeze(t.name, layout.badgeWidth)}>
                        ◷ {t.name}
                      </text>
                    </SvgButton>
                  );
                })}
            </g>
          );
        })}
        {layout.envelopes.map(({ id, at: p }) => {
          const m = world.inFlight.find((x) => x.id === id)!;
          const item: CanvasItem = { kind: 'message', id };
          const key = itemKey(item);
          const ok = hasChoice(allowed, { kind: 'deliver', id });
          const w = envelopeWidth(m.type);
          return (
            <g key={id}>
              <SvgButton label={`Deliver ${m.type} from ${m.from} to ${m.to}`} ok={ok} className={`pl-topo__msg${key === selKey ? ' pl-topo__msg--selected' : ''}`} onAct={() => take(item)} onFocus={() => props.onSelect(item)} testId={`topo-msg-${id}`} active={key === activeKey} itemKey={key}>
                <rect x={p.x - w / 2} y={p.y - 9} width={w} height={18} rx={3} />
                <text x={p.x} y={p.y + 4}>
                  ✉ {m.type}
                </text>
              </SvgButton>
              {/* For the mouse: pick the message without delivering it (keyboard focus already picks it). */}
              <g className="pl-topo__more" onClick={() => props.onSelect(item)} data-testid={`topo-more-${id}`} aria-hidden="true">
                <circle cx={p.x + w / 2 + 10} cy={p.y} r={8} />
                <text x={p.x + w / 2 + 10} y={p.y + 4}>
                  ⋯
                </text>
              </g>
            </g>
          );
        })}
        {arrival ? (
          <g key={props.previous!.step} className="pl-topo__ghost" style={{ '--dx': `${arrival.to.x - arrival.from.x}px`, '--dy': `${arrival.to.y - arrival.from.y}px` } as React.CSSProperties} aria-hidden="true">
            <rect x={arrival.from.x - 30} y={arrival.from.y - 9} width={60} height={18} rx={3} />
            <text x={arrival.from.x} y={arrival.from.y + 4}>
              ✉ {arrival.type}
            </text>
          </g>
        ) : null}
      </svg>
    </div>
  );
}
