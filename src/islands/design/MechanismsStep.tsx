/**
 * Step 4: one radio group per interaction, each option with its summary and cost. Renders only;
 * a changed choice makes a lab result stale (the island tracks that).
 */
import type { MechanismId } from '../../design/ids.ts';
import { Inline } from '../quiz/Inline.tsx';
import type { StepProps } from './types.ts';
import { missingMechanisms } from '../../design/work.ts';

export function MechanismsStep({ exercise, work, act, stale }: StepProps & { stale: boolean }) {
  const missing = missingMechanisms(work.mechanisms);
  return (
    <div className="cl-design__body">
      {exercise.mechanisms.map((m) => {
        const id = m.id as MechanismId;
        return (
          <fieldset key={id} className="cl-design__group" data-mechanism={id}>
            <legend>
              <Inline text={m.question} />
            </legend>
            <ul className="cl-design__checks">
              {m.options.map((o) => (
                <li key={o.id}>
                  <label className="cl-design__check" data-option={o.id}>
                    <input type="radio" name={`cl-design-${id}`} value={o.id} checked={work.mechanisms[id] === o.id} onChange={() => act({ type: 'mechanism', id, option: o.id })} />
                    <span>
                      <strong>{o.label}</strong>
                      <span className="cl-design__role">
                        <Inline text={o.summary} />
                      </span>
                      <span className="cl-design__role">
                        <em>Cost:</em> <Inline text={o.cost} />
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      <p className="cl-design__small" role="status" data-testid="design-mechanisms-status">
        {missing.length === 0
          ? stale
            ? 'Every interaction has a choice. Your lab result is for an earlier design: run the lab again.'
            : 'Every interaction has a choice: the lab can run your design.'
          : `${missing.length} of ${exercise.mechanisms.length} interactions still need a choice.`}
      </p>
    </div>
  );
}
