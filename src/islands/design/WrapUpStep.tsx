/**
 * Step 7: the self-review rubric (grouped by step), the write-up as Markdown (download or copy, from
 * `writeUp`), and a share link (`encodeDesign`). Renders and hands text to the browser; builds
 * none of it.
 */
import { useState } from 'react';
import { encodeDesign } from '../../design/share.ts';
import type { ScoreRow } from '../../design/scorecard.ts';
import { writeUp } from '../../design/writeup.ts';
import { downloadText } from '../../browser/download.ts';
import { Inline } from '../quiz/Inline.tsx';
import type { StepProps } from './types.ts';

export function WrapUpStep({ exercise, work, act, rows }: StepProps & { rows: ScoreRow[] | null }) {
  const [said, setSaid] = useState('');
  const [manual, setManual] = useState<{ what: string; text: string } | null>(null);
  const ticked = work.rubric.length;
  const total = exercise.rubric.reduce((n, g) => n + g.items.length, 0);
  const stepTitle = (id: string) => exercise.steps.find((s) => s.id === id)?.title ?? id;

  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setManual(null);
      setSaid(`${what} copied.`);
    } catch {
      // No clipboard (permissions, insecure context): show the text to copy by hand.
      setManual({ what, text });
      setSaid(`${what} could not be copied automatically; it is shown below to copy by hand.`);
    }
  };
  const markdown = () => writeUp(exercise, work, rows);
  const shareLink = () => `${location.origin}${location.pathname}#design=${encodeDesign(work)}`;

  return (
    <div className="cl-design__body">
      <h4>Self-review</h4>
      <p className="cl-design__small">
        {ticked} of {total} points ticked.
      </p>
      {exercise.rubric.map((group) => (
        <fieldset key={group.step} className="cl-design__group" data-rubric-step={group.step}>
          <legend>{stepTitle(group.step)}</legend>
          <ul className="cl-design__checks">
            {group.items.map((item) => (
              <li key={item.id}>
                <label className="cl-design__check">
                  <input type="checkbox" checked={work.rubric.includes(item.id)} onChange={(e) => act({ type: 'rubric', id: item.id, on: e.currentTarget.checked })} data-rubric={item.id} />
                  <span>
                    <Inline text={item.text} />
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      <h4>Keep and share your design</h4>
      <p className="cl-design__small">
        The write-up holds your questions, figures, architecture, mechanisms, {rows ? 'the lab’s scorecard' : 'no scorecard yet (run the lab first to include it)'}, ranking, notes and self-review. A share link carries only your
        components, mechanisms and ranking; notes and figures stay in this browser.
      </p>
      <div className="cl-design__actions">
        <button
          type="button"
          className="cl-design__btn"
          onClick={() => {
            downloadText(document, `${exercise.id}-design.md`, markdown(), 'text/markdown');
            setSaid('Write-up downloaded.');
          }}
          data-testid="design-download"
        >
          Download write-up (Markdown)
        </button>
        <button type="button" className="cl-design__btn" onClick={() => void copy('Write-up', markdown())} data-testid="design-copy">
          Copy write-up
        </button>
        <button type="button" className="cl-design__btn" onClick={() => void copy('Share link', shareLink())} data-testid="design-share">
          Copy share link
        </button>
      </div>
      <p className="cl-design__small" role="status" data-testid="design-wrapup-status">
        {said}
      </p>
      {manual && (
        <div>
          <label className="cl-design__label" htmlFor="cl-design-manual">
            {manual.what} to copy
          </label>
          <textarea id="cl-design-manual" readOnly rows={6} value={manual.text} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </div>
  );
}
