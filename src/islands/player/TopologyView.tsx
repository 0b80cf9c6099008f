/**
 * The topology canvas: the nodes where the protocol's `topology` puts them, the links between
 * them (a cut link is dashed and marked ✂), each in-flight message as an envelope on its link
 * (activate it to deliver it), each armed timer as a clock badge under its node (activate it to
 * fire), a crashed node greyed with "down", and the nodes the last step changed marked until the
 * next one. Drawn in pixels at the width it gets, so its text keeps its size on a phone. View
 * only: positions come from topology-layout.ts, states and choices from the kernel.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { NODE_H, NODE_W, topologyLayout } from './topology-layout.ts';
import type { Choice, NodeView, Protocol, StepTrace, World } from './model.ts';
import { hasChoice, type SessionEvent } from './session.ts';


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

/** An SVG group that acts as a button: focusable, Enter or Space activates, inert (and says so) when off. */
function SvgButton(props: { label: string; ok: boolean; className: string; onAct: () => void; testId: string; children: ReactNode }) {
  const act = () => props.ok && props.onAct();
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={props.label}
      aria-disabled={props.ok ? undefined : true}
      className={props.className}
      onClick={act}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        act();
      }}
      data-testid={props.testId}
    >
      {props.children}
    </g>
  );
}

export function TopologyView(props: { protocol: Protocol; world: World; nodes: NodeView[]; trace: StepTrace; allowed: Choice[]; dispatch: (e: SessionEvent) => void }) {
  const { protocol, world, nodes, allowed, dispatch } = props;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(280, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const layout = topologyLayout(protocol, world, width);
  const at = new Map(layout.nodes.map((n) => [n.id, n.at]));
  const view = new Map(nodes.map((n) => [n.id, n]));
  const changed = changedBy(props.trace);
  const textbook = (role: string, state: string | null) => (state ? protocol.stateNames?.[role]?.[state] : undefined);
  return (
    <div className="pl-topo" ref={box} data-testid="topology" data-focus-group="topology">
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label="The network: nodes, their links, messages in flight and armed timers">
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
          const timers = world.timers.filter((t) => t.node === id);
          const cls = `pl-topo__node${n.up ? '' : ' pl-topo__node--down'}${changed.has(id) ? ' pl-topo__node--changed' : ''}`;
          return (
            <g key={id} className={cls} data-testid={`topo-node-${id}`}>
              <rect x={p.x - NODE_W / 2} y={p.y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={8} />
              <text x={p.x} y={p.y - 8} className="pl-topo__id">
                {id}
                {changed.has(id) ? ' •' : ''}
              </text>
              <text x={p.x} y={p.y + 8} className="pl-topo__state">
                {n.up ? n.state : 'down'}
              </text>
              {n.up && name ? (
                <text x={p.x} y={p.y + 20} className="pl-topo__textbook">
                  {name.split(' ')[0]}
                </text>
              ) : null}
              <title>{`${id} (${n.role}): ${n.up ? `${n.state}${name ? `, ${name}` : ''}` : 'down, its memory lost, its log kept'}${changed.has(id) ? '; changed by the last step' : ''}`}</title>
              {timers.map((t, i) => {
                const fire: Choice = { kind: 'timer', node: t.node, name: t.name };
                const ok = hasChoice(allowed, fire);
                const y = p.y + NODE_H / 2 + 14 + i * 18;
                const label = `Fire ${t.name} at ${t.node}`;
                return (
                  <SvgButton key={t.name} label={label} ok={ok} className="pl-topo__timer" onAct={() => dispatch({ type: 'choice.take', choice: fire })} testId={`topo-fire-${t.node}-${t.name}`}>
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
          const deliver: Choice = { kind: 'deliver', id };
          const ok = hasChoice(allowed, deliver);
          const w = Math.max(44, m.type.length * 6.4 + 12);
          const label = `Deliver ${m.type} from ${m.from} to ${m.to}`;
          return (
            <SvgButton key={id} label={label} ok={ok} className="pl-topo__msg" onAct={() => dispatch({ type: 'choice.take', choice: deliver })} testId={`topo-msg-${id}`}>
              <rect x={p.x - w / 2} y={p.y - 9} width={w} height={18} rx={3} />
              <text x={p.x} y={p.y + 4}>
                ✉ {m.type}
              </text>
              <title>{`${label} (message #${id})`}</title>
            </SvgButton>
          );
        })}
      </svg>
      <p className="pl-small pl-muted">Activate an envelope to deliver it, a clock to fire its timer. Drop, duplicate, crash and cut are below.</p>
    </div>
  );
}
