/**
 * The history of a `history` question, drawn twice from the same data: a table (client,
 * operation, when it was invoked and answered, the value a read returned; the accessible reference) and a timeline with one
 * row per client and a bar per operation from invoke to answer. Bars carry their words ("write 1",
 * "read → 1") and a hidden "from t = … to …" for screen readers; writes and reads differ by text
 * and border style, never by colour alone. Nothing here is interactive.
 */
import type { QuizBank } from '../../schemas/quiz.ts';

type History = Extract<QuizBank['questions'][number], { kind: 'history' }>['history'];
type Op = History['operations'][number];

const show = (v: Op['value']) => (v === null ? 'null' : String(v));
const label = (o: Op) => (o.op === 'write' ? `write ${show(o.value)}` : `read → ${show(o.value)}`);

export function HistoryView({ id, history }: { id: string; history: History }) {
  const ops = [...history.operations].sort((a, b) => a.invoked - b.invoked || a.answered - b.answered);
  const clients = [...new Set(ops.map((o) => o.client))];
  const start = Math.min(...ops.map((o) => o.invoked));
  const end = Math.max(...ops.map((o) => o.answered));
  const span = Math.max(end - start, 1);
  const at = (t: number) => `${((t - start) / span) * 100}%`;
  const unit = history.unit;
  const captionId = `cl-quiz-history-${id}`;
  return (
    <div className="cl-quiz__history" data-testid="quiz-history">
      <table className="cl-quiz__history-table" aria-describedby={captionId}>
        <caption id={captionId}>
          One register, initially <code>{show(history.initial)}</code>; times in {unit}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Operation</th>
            <th scope="col">Invoked</th>
            <th scope="col">Answered</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {ops.map((o, i) => (
            <tr key={i}>
              <th scope="row">{o.client}</th>
              <td>{o.op === 'write' ? `write ${show(o.value)}` : 'read'}</td>
              <td>{o.invoked}</td>
              <td>{o.answered}</td>
              <td>{o.op === 'write' ? 'ok' : show(o.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cl-quiz__timeline" role="group" aria-label={`Timeline, ${start} to ${end} ${unit}`}>
        {clients.map((c) => (
          <div className="cl-quiz__lane" key={c}>
            <span className="cl-quiz__lane-name" id={`${captionId}-${c}`}>
              {c}
            </span>
            <ul className="cl-quiz__lane-ops" aria-labelledby={`${captionId}-${c}`}>
              {ops
                .filter((o) => o.client === c)
                .map((o, i) => (
                  <li
                    key={i}
                    className="cl-quiz__bar"
                    data-op={o.op}
                    style={{ insetInlineStart: at(o.invoked), inlineSize: `calc(${at(o.answered)} - ${at(o.invoked)})` }}
                    title={`${label(o)}, ${o.invoked}–${o.answered} ${unit}`}
                  >
                    {label(o)}
                    <span className="cl-quiz__sr">
                      , from t = {o.invoked} to {o.answered} {unit}
                    </span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
        <div className="cl-quiz__axis" aria-hidden="true">
          <span>
            t = {start} {unit}
          </span>
          <span>
            {end} {unit}
          </span>
        </div>
      </div>
    </div>
  );
}
