/**
 * The progress script that runs on every page (loaded by src/overrides/Footer.astro): records the
 * visit to the current lesson, turns the FinishLesson text into a saved toggle, fills the course
 * map's status badges, and shows the store's notice when saved progress had to be repaired.
 *
 * It ships on every page, so it stays a few kB: no React, no zod, no YAML parser. It only reads
 * the DOM and the store; everything it shows comes from `record.ts` readers.
 */
import curriculumText from '../../content/curriculum.yaml?raw';
import { lessonIdForPath, lessonIdsFromYaml } from './lesson-ids.ts';
import { lessonStatus, withFinished, withVisit, type LessonStatus, type ProgressRecord } from './record.ts';
import { getBrowserStore, type ProgressStore } from './store.ts';
import './progress.css';

/** Badge wording per status. The glyph is text, so the status never rests on colour alone. */
export const STATUS_LABEL: Record<LessonStatus, { glyph: string; text: string }> = {
  'not-started': { glyph: '○', text: 'Not started' },
  visited: { glyph: '◐', text: 'Visited' },
  finished: { glyph: '✓', text: 'Finished' },
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** Fills every `[data-lesson-status]` badge; the progress page calls it again after import or reset. */
export function fillBadges(doc: Document, record: ProgressRecord): void {
  for (const badge of doc.querySelectorAll<HTMLElement>('[data-lesson-status]')) {
    const status = lessonStatus(record, badge.dataset.lessonStatus ?? '');
    const glyph = doc.createElement('span');
    glyph.setAttribute('aria-hidden', 'true');
    glyph.textContent = `${STATUS_LABEL[status].glyph} `;
    badge.replaceChildren(glyph, STATUS_LABEL[status].text);
    badge.dataset.state = status;
  }
}

function showFinish(box: HTMLElement, record: ProgressRecord): void {
  const id = box.dataset.finishLesson ?? '';
  const finished = record.lessons[id]?.finished ?? null;
  const button = box.querySelector<HTMLButtonElement>('[data-finish-button]');
  const status = box.querySelector<HTMLElement>('[data-finish-status]');
  box.dataset.state = finished ? 'finished' : 'open';
  button?.setAttribute('aria-pressed', String(finished !== null));
  if (status) {
    status.textContent = finished
      ? `✓ Finished on ${dateFormat.format(new Date(finished))}. Press the button again to unmark it.`
      : 'Not marked as finished yet.';
  }
}

function wireFinish(doc: Document, store: ProgressStore, notify: (notice: string | null) => void): void {
  for (const box of doc.querySelectorAll<HTMLElement>('[data-finish-lesson]')) {
    const button = box.querySelector<HTMLButtonElement>('[data-finish-button]');
    const id = box.dataset.finishLesson;
    if (!button || !id) continue;
    button.hidden = false;
    showFinish(box, store.record);
    button.addEventListener('click', () => {
      const finish = button.getAttribute('aria-pressed') !== 'true';
      notify(store.update((r, at) => withFinished(r, id, finish, at)));
      showFinish(box, store.record);
      fillBadges(doc, store.record);
    });
  }
}

/** Shows a notice in `[data-progress-notice]` (role=status, from the footer) with a dismiss button. */
export function showNotice(doc: Document, notice: string | null): void {
  const region = doc.querySelector<HTMLElement>('[data-progress-notice]');
  if (!region || !notice) return;
  const text = doc.createElement('p');
  text.textContent = notice;
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'cl-button';
  dismiss.textContent = 'Dismiss';
  dismiss.dataset.progressNoticeDismiss = '';
  dismiss.addEventListener('click', () => {
    region.hidden = true;
    region.replaceChildren();
  });
  region.setAttribute('role', 'status');
  region.replaceChildren(text, dismiss);
  region.hidden = false;
}

/** Entry point. Safe on any page: missing elements are skipped, and the store never throws. */
export function startPageProgress(doc: Document): void {
  const store = getBrowserStore();
  const notify = (notice: string | null) => showNotice(doc, notice);
  notify(store.notice);
  const lesson = lessonIdForPath(doc.location.pathname, lessonIdsFromYaml(curriculumText));
  if (lesson) notify(store.update((r, at) => withVisit(r, lesson, at)));
  wireFinish(doc, store, notify);
  fillBadges(doc, store.record);
}
