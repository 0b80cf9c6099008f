/**
 * The client history, drawn the way Jepsen and Porcupine draw one: a lane per client, each
 * operation a bar from invoke to response with its value, on the run's step axis up to the cursor.
 * Operations a broken consistency invariant names are marked (✗ and a thick outline, not colour
 * alone) and its explanation is shown in words. The same history is also a table. View only:
 * positions come from history-layout.ts, operations from `Protocol.history`.
 */
import { useId } from 'react';
import { useWidth } from './use-width.ts';
import { HIST, layoutHistory, opLabel, type ClientOp } from './history-layout.ts';

export interface HistoryProblem {
  title: string;
  message: string;
  ops: number[];
}

export function HistoryView(props: { ops: ClientOp[]; cursor: number; problems: HistoryProblem[] }) {
  const hid = useId();
  const [box, width] = useWidth<HTMLDivElement>(560);
  const marked = props.problems.flatMap((p) => p.ops);
  const l = layoutHistory(props.ops, props.cursor, width, marked);
  const shown = props.ops.map((o, i) => ({ o, i })).filter(({ o }) => o.invokedAt <= props.cursor);
  return (
    <div role="group" className="pl-panel pl-hist" aria-labelledby={hid} data-testid="history-view">
      <h4 id={hid} className="pl-h">
        Client history <span className="pl-muted">(each bar: from the request to its answer)</span>
      </h4>
      {props.problems.map((p) => (
        <p key={p.title} className="pl-hist__problem" data-testid="history-problem">
          <span aria-hidden="true">✗ </span>
          <strong>{p.title}:</strong> {p.message}
        </p>
      ))}
      <div ref={box} className="pl-hist__canvas">
        {shown.length === 0 ? (
          <p className="pl-muted pl-small">No client has sent a request yet.</p>
        ) : (
          <svg width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`} aria-hidden="true">
            {l.lanes.map((lane) => (
              <g key={lane.client}>
                <line x1={HIST.left} x2={l.width - HIST.right} y1={lane.y + HIST.bar / 2} y2={lane.y + HIST.bar / 2} className="pl-hist__lane" />
                <text x={4} y={lane.y + HIST.bar / 2 + 4} className="pl-hist__client">
                  {lane.client}
                </text>
              </g>
            ))}
            {l.bars.map((b) => (
              <g key={b.index} className={`pl-hist__bar pl-hist__bar--${b.outcome}${b.marked ? ' pl-hist__bar--marked' : ''}`}>
                <rect x={b.x1} y={b.y} width={Math.max(b.x2 - b.x1, 14)} height={HIST.bar} rx={3} strokeDasharray={b.open ? '4 3' : undefined} />
                <text x={b.x1 + 4} y={b.y + 13}>
                  {b.marked ? '✗ ' : ''}
                  {b.label}
                  {b.outcome === 'fail' ? ' (failed)' : b.outcome === 'unknown' ? ' (no answer)' : ''}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      {shown.length ? (
        <table className="pl-hist__table">
          <caption className="pl-sr">Client operations up to step {props.cursor}</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Operation</th>
              <th scope="col">Asked at step</th>
              <th scope="col">Answered at step</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ o, i }) => {
              const done = o.completedAt !== null && o.completedAt <= props.cursor;
              return (
                <tr key={i} className={marked.includes(i) ? 'pl-hist__row--marked' : undefined}>
                  <td>{o.client}</td>
                  <td>{opLabel(o, done)}</td>
                  <td>{o.invokedAt}</td>
                  <td>{done ? o.completedAt : '—'}</td>
                  <td>
                    {done ? o.outcome : 'waiting'}
                    {marked.includes(i) ? ' ✗ named by a broken invariant' : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
