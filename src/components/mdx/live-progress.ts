/**
 * For the small lesson scripts (objective markers, the finish note, sidebar marks): the saved
 * progress as it is now, and a signal when it may have changed. Browser only; reads, never writes.
 *
 * Quiz islands save through the page's one store (`getBrowserStore`), so its record is current in
 * this tab. They say nothing when they save, so change is observed from the DOM contract the
 * islands and the page script already keep: a quiz's `data-phase` (an answer was checked, a round
 * ended) and the finish toggle's `data-state`. Another tab's saves arrive as `storage` events.
 */
import { PROGRESS_KEY } from '../../progress/constants.ts';
import type { ProgressRecord } from '../../progress/record.ts';
import { getBrowserStore } from '../../progress/store.ts';
import { readRecord } from '../../progress/validate.ts';

/** The current record: saved text when it reads cleanly (another tab may have saved), else the store's. */
export function currentRecord(): ProgressRecord {
  const store = getBrowserStore();
  if (!store.persistent) return store.record;
  try {
    const text = window.localStorage.getItem(PROGRESS_KEY);
    if (text !== null) {
      const outcome = readRecord(text, new Date().toISOString());
      if (outcome.kind === 'ok') return outcome.record;
    }
  } catch {
    // Storage went away after loading: the store's copy is the best there is.
  }
  return store.record;
}

/** Calls `callback` (at most once per frame) whenever saved progress may have changed. */
export function onProgressChange(doc: Document, callback: () => void): void {
  let queued = false;
  const run = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      callback();
    });
  };
  new MutationObserver(run).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ['data-phase', 'data-state'] });
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key === PROGRESS_KEY) run();
  });
}
