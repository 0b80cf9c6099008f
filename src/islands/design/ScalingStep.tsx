/**
 * Step 6: the scaling bottlenecks (symptom, fixes and their costs) and the reader's ranking, set
 * with Move up / Move down buttons; the model ranking on request. Focus stays on the moved item's
 * button and a polite message says where it went. Renders only.
 */
import { useEffect, useRef, useState } from 'react';
import type { BottleneckId } from '../../design/ids.ts';
import { Inline } from '../quiz/Inline.tsx';
import type { StepProps } from './types.ts';
import { fullRanking } from './work-state.ts';
import { ActionButton } from '../player/ActionButton.tsx';

export function ScalingStep({ exercise, work, act }: StepProps) {
  const ranking = fullRanking(work.ranking);
  const title = (id: BottleneckId) => exercise.bottlenecks.find((b) => b.id === id)?.title ?? id;
  const [said, setSaid] = useState('');
  const [compare, setCompare] = useState(false);
  const moved = useRef<{ id: BottleneckId; by: -1 | 1 } | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const m = moved.current;
    if (!m || !list.current) return;
    moved.current = null;
    const item = list.current.querySelector(`[data-rank="${m.id}"]`);
    const wanted = item?.querySelector<HTMLButtonElement>(`[data-move="${m.by}"]:not([aria-disabled])`) ?? item?.querySelector<HTMLButtonElement>('[data-move]:not([aria-disabled])');
    wanted?.focus();
  });

  const move = (id: BottleneckId, by: -1 | 1) => {
    const at = ranking.indexOf(id) + by;
    moved.current = { id, by };
    act({ type: 'rank', id, by });
    setSaid(`${title(id)} moved to position ${at + 1} of ${ranking.length}.`);
  };

  return (
    <div className="cl-design__body">
      <h4>Bottlenecks</h4>
      <ul className="cl-design__bottlenecks">
        {exercise.bottlenecks.map((b) => (
          <li key={b.id} data-bottleneck={b.id}>
            <h5>{b.title}</h5>
            <p>
              <strong>Symptom:</strong> <Inline text={b.symptom} />
            </p>
            <ul>
              {b.fixes.map((f, i) => (
                <li key={i}>
                  <Inline text={f.fix} /> <em>Cost:</em> <Inline text={f.cost} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h4 id="cl-design-ranking">Your ranking, most pressing first</h4>
      {work.ranking.length === 0 && <p className="cl-design__small">Not ranked yet: the list is in the order above until you move something.</p>}
      <ol className="cl-design__ranking" ref={list} aria-labelledby="cl-design-ranking" data-testid="design-ranking">
        {ranking.map((id, i) => (
          <li key={id} data-rank={id}>
            <span className="cl-design__rank-title">{title(id)}</span>
            <span className="cl-design__rank-buttons">
              <ActionButton className="cl-design__btn cl-design__btn--sm" data-move="-1" off={i === 0} why="Already first." srClass="cl-design__sr" onAct={() => move(id, -1)}>
                Move up<span className="cl-design__sr">: {title(id)}</span>
              </ActionButton>
              <ActionButton className="cl-design__btn cl-design__btn--sm" data-move="1" off={i === ranking.length - 1} why="Already last." srClass="cl-design__sr" onAct={() => move(id, 1)}>
                Move down<span className="cl-design__sr">: {title(id)}</span>
              </ActionButton>
            </span>
          </li>
        ))}
      </ol>
      <p className="cl-design__sr" aria-live="polite">
        {said}
      </p>
      <button type="button" className="cl-design__btn" aria-expanded={compare} onClick={() => setCompare((c) => !c)} data-testid="design-compare">
        {compare ? 'Hide the model ranking' : 'Compare with the model ranking'}
      </button>
      {compare && (
        <div className="cl-design__model">
          <ol>
            {exercise.ranking.order.map((id, i) => (
              <li key={id}>
                {title(id)}
                {ranking[i] === id ? ' (same place as yours)' : ` (yours: ${ranking.indexOf(id) + 1})`}
              </li>
            ))}
          </ol>
          <p>
            <Inline text={exercise.ranking.why} />
          </p>
        </div>
      )}
    </div>
  );
}
