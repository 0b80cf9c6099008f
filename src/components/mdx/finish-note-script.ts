/**
 * The lesson script behind the finish note (`FinishLesson.astro`): shows `finishNote` for the
 * lesson's quiz beside the finish toggle, and refreshes it when the quiz saves or the toggle
 * changes. Reads progress only; the toggle and its saving belong to page-progress.ts.
 */
import { lastAttempt } from '../../progress/record.ts';
import { finishNote, newestAttempt } from './finish-note.ts';
import { currentRecord, onProgressChange } from './live-progress.ts';

export function startFinishNote(doc: Document): void {
  for (const box of doc.querySelectorAll<HTMLElement>('[data-finish-lesson][data-finish-banks]')) {
    const note = box.querySelector<HTMLElement>('[data-finish-note]');
    const lesson = box.dataset.finishLesson ?? '';
    const banks = (box.dataset.finishBanks ?? '').split(' ').filter(Boolean);
    if (!note || banks.length === 0) continue;
    const draw = () => {
      const record = currentRecord();
      const text = finishNote(newestAttempt(banks.map((b) => lastAttempt(record, b))), Boolean(record.lessons[lesson]?.finished));
      note.textContent = text ?? '';
      note.hidden = text === null;
    };
    draw();
    onProgressChange(doc, draw);
  }
}
