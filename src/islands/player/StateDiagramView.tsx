/**
 * A node's state diagram in its card: the SVG drawn from `state-diagram-layout.ts` (dagre), the
 * current state lit, and the list of every transition under it.
 *
 * The drawing labels every edge when the card is wide enough for the labelled layout; otherwise it
 * uses the compact layout and labels only the exits of the current state (the list under the
 * drawing always has them all). Only reads data; no kernel logic.
 */
import { useLayoutEffect, useId, useMemo, useRef, useState } from 'react';
import type { StateDiagram } from './model.ts';
import { layoutStateDiagram, placeLabels, SD, stateText, type EdgeLabel, type StateEdge } from './state-diagram-layout.ts';

export function StateDiagramView({ diagram, current, nodeId }: { diagram: StateDiagram; current: string | null; nodeId: string }) {
  const lit = (id: string) => current === id;
  const within = (id: string) => !!current && current.startsWith(id + '.');
  /** Transitions the current state (or a state it is nested in) can take. */
  const fromNow = (id: string) => lit(id) || within(id);
  const compact = useMemo(() => layoutStateDiagram(diagram, { labels: 'none' }), [diagram]);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const scroller = useRef<HTMLDivElement>(null);
  // The card's inner width: the layout with every label when it fits (only tried on a card wider
  // than the compact drawing; both are memoised per diagram), else the compact one. Never drawn
  // smaller than 1:1 (text stays at 10-12px): a card narrower than the drawing scrolls it, and only
  // then is the wrapper a focusable, named region (axe: scrollable-region-focusable).
  const [room, setRoom] = useState<number | null>(null);
  const roomy = room !== null && room > compact.width;
  const full = useMemo(() => (roomy ? layoutStateDiagram(diagram, { labels: 'all' }) : null), [diagram, roomy]);
  const layout = full && room !== null && full.width <= room ? full : compact;
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const check = () => {
      setRoom(el.clientWidth);
      setScrolls(el.scrollWidth > el.clientWidth + 1);
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [layout.width]);

  const byId = new Map(diagram.states.map((s) => [s.id, s]));
  const nameOf = (id: string) => {
    const s = byId.get(id);
    return s ? stateText(s) : id;
  };
  const next = layout.edges.filter((e) => fromNow(e.from));
  const nextIds = next.map((e) => e.id).join('|');
  const labels: EdgeLabel[] = useMemo(
    () => (layout !== compact ? layout.labels : placeLabels(compact, nextIds ? nextIds.split('|') : [])),
    [layout, compact, nextIds],
  );
  /** "on PREPARE", "when vote-timeout fires", "if log has COMMIT", "otherwise". */
  const cause = (e: StateEdge, line: string) =>
    line === 'otherwise' ? line : e.recovery ? `if ${line}` : /^\S+ fires\b/.test(line) ? `when ${line}` : `on ${line}`;
  const exits = (e: StateEdge) => `${e.self ? 'stays' : nameOf(e.to)} ${e.lines.map((l) => cause(e, l)).join(' or ')}`;
  const name =
    `${nodeId} state diagram. Current state: ${current ? nameOf(current) : 'none (crashed)'}.` +
    (next.length ? ` Next: ${next.map(exits).join('; ')}.` : current ? ' No way out.' : '');
  const head = `sd${uid}`;
  const edgeClass = (e: StateEdge) => `pl-sd__edge${e.recovery ? ' pl-sd__edge--recovery' : ''}${fromNow(e.from) ? ' pl-sd__edge--next' : ''}`;
  // Quiet edges first, the current state's on top of them, then boxes, then labels over everything.
  const ordered = [...layout.edges.filter((e) => !fromNow(e.from)), ...next];
  const edgeOf = new Map(layout.edges.map((e) => [e.id, e]));
  const transitionText = (t: StateDiagram['transitions'][number]) => t.label ?? t.event;
  return (
    <div className="pl-diagram">
      <div
        ref={scroller}
        className="pl-sd"
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? 'group' : undefined}
        aria-label={scrolls ? `${nodeId} state diagram, scrollable` : undefined}
      >
        <svg
          className="pl-sd__svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width="100%"
          style={{ minWidth: layout.width, maxWidth: Math.round(layout.width * 1.25) }}
          role="img"
          aria-label={name}
          data-testid={`state-diagram-${nodeId}`}
          data-labels={layout !== compact ? 'all' : 'current'}
        >
          <defs>
            <marker id={`${head}-a`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className="pl-sd__head" />
            </marker>
            <marker id={`${head}-n`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className="pl-sd__head pl-sd__head--next" />
            </marker>
          </defs>
          {layout.entries.map((en) => (
            <g key={en.to} className={`pl-sd__entry${en.recovery ? ' pl-sd__entry--recovery' : ''}`}>
              <title>{`${en.text === 'start' ? 'A fresh node starts in' : 'A node restarting after a crash starts in'} ${nameOf(en.to)}`}</title>
              <text className="pl-sd__entry-text" x={en.x} y={en.y} textAnchor="middle">
                {en.text}
              </text>
              <circle cx={en.dot.cx} cy={en.dot.cy} r={en.dot.r} />
              <path d={en.path} markerEnd={`url(#${head}-a)`} />
            </g>
          ))}
          {ordered.map((e) => (
            <path key={e.id} d={e.path} className={`${edgeClass(e)}${e.self ? ' pl-sd__edge--loop' : ''}`} markerEnd={`url(#${head}-${fromNow(e.from) ? 'n' : 'a'})`}>
              <title>{`${nameOf(e.from)} ${e.self ? 'stays' : `→ ${nameOf(e.to)}`} ${e.lines.map((l) => cause(e, l)).join(', or ')}`}</title>
            </path>
          ))}
          {layout.boxes.map((b) => (
            <g key={b.id} className={`pl-sd__state${lit(b.id) ? ' pl-sd__state--now' : ''}${within(b.id) ? ' pl-sd__state--within' : ''}${b.final ? ' pl-sd__state--final' : ''}`}>
              <title>{`${nameOf(b.id)}${b.final ? ' (final)' : ''}${lit(b.id) ? ': you are here' : ''}`}</title>
              <rect className="pl-sd__box" x={b.x} y={b.y} width={b.w} height={b.h} rx={5} />
              {b.final ? <rect className="pl-sd__inner" x={b.x + SD.finalInset} y={b.y + SD.finalInset} width={b.w - 2 * SD.finalInset} height={b.h - 2 * SD.finalInset} rx={3} /> : null}
              {lit(b.id) ? (
                <path
                  className="pl-sd__here"
                  d={`M${b.x - SD.pointer},${b.y + b.h / 2 - 6} L${b.x + 1},${b.y + b.h / 2} L${b.x - SD.pointer},${b.y + b.h / 2 + 6} z`}
                />
              ) : null}
              <text className="pl-sd__text" x={b.x + b.w / 2} y={b.y + (b.textbook ? 15 : b.h / 2 + 4)} textAnchor="middle">
                {b.label}
              </text>
              {b.textbook ? (
                <text className="pl-sd__sub" x={b.x + b.w / 2} y={b.y + 29} textAnchor="middle">
                  {b.textbook}
                </text>
              ) : null}
            </g>
          ))}
          {labels.map((l) => {
            const now = fromNow(edgeOf.get(l.edge)?.from ?? '');
            return (
              <text key={l.edge} className={`pl-sd__label${now ? '' : ' pl-sd__label--quiet'}`} x={l.x} y={l.y} textAnchor={l.anchor} aria-hidden="true">
                {l.lines.map((line, i) => (
                  <tspan key={i} x={l.x} dy={i ? SD.labelLine : 0}>
                    {line}
                  </tspan>
                ))}
              </text>
            );
          })}
        </svg>
      </div>
      <ol className="pl-states pl-sr" aria-label={`${nodeId} states`}>
        {diagram.states.map((s) => (
          <li key={s.id} aria-current={lit(s.id) ? 'true' : undefined}>
            {stateText(s)}
            {s.final ? ' (final)' : ''}
            {diagram.initial === s.id ? ' (where a fresh node starts)' : ''}
            {diagram.recovery === s.id ? ' (where a node restarts after a crash)' : ''}
            {lit(s.id) ? ' (current state)' : within(s.id) ? ' (contains the current state)' : ''}
          </li>
        ))}
      </ol>
      <details className="pl-transitions">
        <summary>Transitions ({diagram.transitions.length})</summary>
        <ul>
          {diagram.transitions.map((t, i) => (
            <li key={i} className={fromNow(t.from) ? 'pl-tr--from-now' : undefined}>
              {nameOf(t.from)}{' '}
              {t.from === t.to ? (
                'stays'
              ) : (
                <>
                  <span aria-hidden="true">→</span>
                  <span className="pl-sr"> to </span> {nameOf(t.to)}
                </>
              )}
              <span className="pl-muted">{t.event === '(always)' ? `: ${transitionText(t)}` : ` ${t.event.startsWith('timer.') ? 'when' : 'on'} ${transitionText(t)}`}</span>
              {fromNow(t.from) ? <span className="pl-sr"> (from the current state)</span> : null}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
