/**
 * Step 1: the requirements as the interviewer states them, and the candidate questions. Asking one
 * reveals the interviewer's answer, why it matters, and whether it was essential. Renders only.
 */
import { Inline } from '../quiz/Inline.tsx';
import { Prose } from './Prose.tsx';
import type { StepProps } from './types.ts';
import { essentialAsked } from './work-state.ts';

export function ClarifyStep({ exercise, work, act }: StepProps) {
  const { asked, total } = essentialAsked(exercise, work.asked);
  const groups = [
    { title: 'Functional requirements', items: exercise.requirements.filter((r) => r.id.startsWith('FR')) },
    { title: 'Non-functional requirements', items: exercise.requirements.filter((r) => r.id.startsWith('NFR')) },
  ];
  return (
    <div className="cl-design__body">
      <div className="cl-design__brief">
        <h4>The brief</h4>
        <Prose text={exercise.brief} />
        <h5>Out of scope</h5>
        <ul>
          {exercise.outOfScope.map((o, i) => (
            <li key={i}>
              <Inline text={o} />
            </li>
          ))}
        </ul>
      </div>
      {groups.map((g) => (
        <div key={g.title}>
          <h4>{g.title}</h4>
          <dl className="cl-design__reqs">
            {g.items.map((r) => (
              <div key={r.id} className="cl-design__req" data-requirement={r.id}>
                <dt>
                  <span className="cl-design__tag">{r.id}</span> {r.title}
                </dt>
                <dd>
                  <Inline text={r.text} />
                </dd>
                <dd className="cl-design__means">
                  <strong>Taken to mean:</strong> <Inline text={r.means} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      <h4>Questions you could ask</h4>
      <p className="cl-design__count" role="status" data-testid="design-essential-count">
        {asked} of {total} essential questions asked.
      </p>
      <ul className="cl-design__questions">
        {exercise.clarify.map((q) => {
          const isAsked = work.asked.includes(q.id);
          return (
            <li key={q.id} className="cl-design__question" data-question={q.id} data-asked={isAsked}>
              <p className="cl-design__q">
                <Inline text={q.question} />
              </p>
              {isAsked ? (
                <div className="cl-design__answer">
                  <p>
                    <strong>Interviewer:</strong> <Inline text={q.answer} />
                  </p>
                  <p>
                    <strong className={q.essential ? 'cl-design__ok' : 'cl-design__meh'}>
                      <span aria-hidden="true">{q.essential ? '★ ' : '○ '}</span>
                      {q.essential ? 'Essential question.' : 'Not essential.'}
                    </strong>{' '}
                    <Inline text={q.why} />
                  </p>
                </div>
              ) : (
                <button type="button" className="cl-design__btn" onClick={() => act({ type: 'ask', id: q.id })} data-testid="design-ask">
                  Ask<span className="cl-design__sr"> this question</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
