/**
 * Marks finished lessons in Starlight's sidebar: a ✓ after the link text, hidden from screen
 * readers, and "(finished)" in visually hidden text, so the link's accessible name says it and
 * nothing rests on colour. Runs after load and again when the finish toggle or another tab changes
 * progress. Reads progress only, through the store; adds and removes only its own elements.
 */
import curriculumText from '../../content/curriculum.yaml?raw';
import { currentRecord, onProgressChange } from '../components/mdx/live-progress.ts';
import { lessonIdForPath, lessonIdsFromYaml } from '../progress/lesson-ids.ts';
import { lessonStatus, type ProgressRecord } from '../progress/record.ts';

const MARK = 'data-sidebar-finished';

/** The lessons among `ids` the record has marked finished. */
export function finishedLessons(record: ProgressRecord, ids: readonly string[]): Set<string> {
  return new Set(ids.filter((id) => lessonStatus(record, id) === 'finished'));
}

export function startSidebarMarks(doc: Document): void {
  const ids = lessonIdsFromYaml(curriculumText);
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')].flatMap((a) => {
    const id = lessonIdForPath(new URL(a.href, doc.baseURI).pathname, ids);
    return id ? [{ a, id }] : [];
  });
  if (links.length === 0) return;
  const draw = () => {
    const finished = finishedLessons(currentRecord(), ids);
    for (const { a, id } of links) {
      const mark = a.querySelector(`[${MARK}]`);
      if (finished.has(id) && !mark) {
        const box = doc.createElement('span');
        box.className = 'cl-sidebar-mark';
        box.setAttribute(MARK, '');
        const glyph = doc.createElement('span');
        glyph.setAttribute('aria-hidden', 'true');
        glyph.textContent = '✓';
        const words = doc.createElement('span');
        words.className = 'sr-only';
        words.textContent = ' (finished)';
        box.append(glyph, words);
        a.append(box);
        a.title = 'Finished';
      } else if (!finished.has(id) && mark) {
        mark.remove();
        a.removeAttribute('title');
      }
    }
  };
  draw();
  onProgressChange(doc, draw);
}
