/**
 * Moving progress in and out of the browser as a file: a JSON download and reading a chosen file.
 * The store does the validating; this module only touches downloads and File. It must not
 * parse or judge the text itself, so export and import share exactly one validator.
 */
import { downloadText } from '../browser/download.ts';

/** `consistency-lab-progress-2026-11-03.json`: dated so several exports sort and never collide on one day's work. */
export function exportFileName(now: Date): string {
  return `consistency-lab-progress-${now.toISOString().slice(0, 10)}.json`;
}

/** Offers `text` as a JSON file download. */
export function downloadJson(doc: Document, fileName: string, text: string): void {
  downloadText(doc, fileName, text, 'application/json');
}

/** The text of a chosen file, or null when it cannot be read as text. */
export async function readFileText(file: File): Promise<string | null> {
  try {
    return await file.text();
  } catch {
    return null;
  }
}
