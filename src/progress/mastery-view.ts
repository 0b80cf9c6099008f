/**
 * Shows mastery per objective (computed by `mastery.ts`) in the page. Two entry points:
 *
 * - `renderMastery(container, view, { headingLevel })` replaces the container's content with a
 *   list: one item per objective with its marker (✓ mastered, ◐ learning, ○ not started), the
 *   level in words, the objective and what the reader has answered. For the progress page:
 *
 *   ```ts
 *   import { masteryByObjective } from './mastery.ts';
 *   import { renderMastery } from './mastery-view.ts';
 *   renderMastery(element, masteryByObjective(record, lessonId, objectives, questions));
 *   ```
 *
 *   where `objectives` is the lesson's frontmatter list (`{ id, text }`) and `questions` comes
 *   from `masteryQuestions(banks, lessonId)`, both known at build time.
 * - `fillObjectiveMarkers(root, view)` fills the marker slots the lesson's `<Objectives />` block
 *   renders (`[data-objective-mastery="<objective id>"]`), leaving the objective text as it is.
 *
 * Every marker is a glyph plus words, so nothing rests on colour, and the glyph is hidden from
 * screen readers, which read the words. Plain DOM, no framework: this runs in the small lesson
 * script. It only renders what it is given; it computes no mastery and reads no storage.
 */
import type { LessonMastery, MasteryLevel, ObjectiveMastery } from './mastery.ts';
import './mastery.css';

/** Marker glyph and words per level. */
export const MASTERY_LABEL: Record<MasteryLevel, { glyph: string; text: string }> = {
  'not-started': { glyph: '○', text: 'Not started' },
  learning: { glyph: '◐', text: 'Learning' },
  mastered: { glyph: '✓', text: 'Mastered' },
};

/** What the reader has done on one objective, as a phrase: "2 of 5 questions answered, 1 right". */
export function masteryDetail(o: Pick<ObjectiveMastery, 'questions' | 'answered' | 'right'>): string {
  if (o.questions === 0) return 'no questions test this yet';
  const of = `${o.answered} of ${o.questions} question${o.questions === 1 ? '' : 's'} answered`;
  if (o.answered === 0) return of;
  const right = o.right === o.answered ? (o.answered === 1 ? 'right' : 'all right') : `${o.right} right`;
  return `${of}, ${right} on the latest try`;
}

/** One line of text per objective, as the list and the markers show it (for tests and titles). */
export function masteryLine(o: ObjectiveMastery): string {
  return `${MASTERY_LABEL[o.level].text}: ${masteryDetail(o)}`;
}

/** A marker element: glyph (hidden from screen readers) and the level in words, then the detail. */
function marker(doc: Document, o: ObjectiveMastery): HTMLElement {
  const box = doc.createElement('span');
  box.className = 'cl-mastery__marker';
  box.dataset.level = o.level;
  const glyph = doc.createElement('span');
  glyph.className = 'cl-mastery__glyph';
  glyph.setAttribute('aria-hidden', 'true');
  glyph.textContent = MASTERY_LABEL[o.level].glyph;
  const level = doc.createElement('strong');
  level.className = 'cl-mastery__level';
  level.textContent = MASTERY_LABEL[o.level].text;
  const detail = doc.createElement('span');
  detail.className = 'cl-mastery__detail';
  detail.textContent = ` (${masteryDetail(o)})`;
  box.append(glyph, ' ', level, detail);
  return box;
}

/** Fills each `[data-objective-mastery="<id>"]` slot under `root` with that objective's marker. */
export function fillObjectiveMarkers(root: ParentNode & Node, view: LessonMastery): void {
  const doc = root.ownerDocument ?? (root as Document);
  for (const o of view.objectives) {
    const slot = root.querySelector<HTMLElement>(`[data-objective-mastery="${o.id}"]`);
    if (!slot) continue;
    slot.replaceChildren(marker(doc, o));
    slot.dataset.level = o.level;
    slot.hidden = false;
  }
}

/** Replaces `container`'s content with the list of objectives and their mastery. */
export function renderMastery(container: HTMLElement, view: LessonMastery): void {
  const doc = container.ownerDocument;
  const list = doc.createElement('ul');
  list.className = 'cl-mastery';
  list.dataset.lesson = view.lesson;
  for (const o of view.objectives) {
    const item = doc.createElement('li');
    item.dataset.objective = o.id;
    item.dataset.level = o.level;
    const text = doc.createElement('span');
    text.className = 'cl-mastery__text';
    text.textContent = o.text;
    item.append(marker(doc, o), doc.createElement('br'), text);
    list.append(item);
  }
  const summary = doc.createElement('p');
  summary.className = 'cl-mastery__summary';
  summary.textContent = `${view.mastered} of ${view.objectives.length} objective${view.objectives.length === 1 ? '' : 's'} mastered.`;
  container.replaceChildren(summary, list);
}
