/**
 * The lesson script behind `<Objectives />`: marks each objective with the reader's mastery once
 * the page has loaded, and again whenever a quiz or checkpoint on the page saves an answer.
 * Reads the JSON the component built (objectives and the questions testing them) and the saved
 * progress; computes with `mastery.ts` and draws with `mastery-view.ts`. Never writes progress.
 * Data it cannot read leaves the objectives as plain text, which is what readers without
 * scripts see too.
 */
import { masteryByObjective, type MasteryObjective, type MasteryQuestion } from '../../progress/mastery.ts';
import { fillObjectiveMarkers } from '../../progress/mastery-view.ts';
import { currentRecord, onProgressChange } from './live-progress.ts';

interface MasteryData {
  lesson: string;
  objectives: MasteryObjective[];
  questions: MasteryQuestion[];
}

function readData(box: HTMLElement): MasteryData | null {
  try {
    const data = JSON.parse(box.querySelector('[data-mastery-data]')?.textContent ?? 'null') as MasteryData | null;
    return data && Array.isArray(data.objectives) && Array.isArray(data.questions) ? data : null;
  } catch {
    return null;
  }
}

export function startObjectivesMastery(doc: Document): void {
  const box = doc.querySelector<HTMLElement>('[data-objectives-mastery]');
  const data = box && readData(box);
  if (!box || !data) return;
  const draw = () => fillObjectiveMarkers(box, masteryByObjective(currentRecord(), data.lesson, data.objectives, data.questions));
  draw();
  onProgressChange(doc, draw);
}
