/**
 * Moving progress in and out of the browser as a file: a JSON download and reading a chosen file.
 * The store does the validating; this module only touches Blob, object URLs and File. It must not
 * parse or judge the text itself, so export and import share exactly one validator.
 */

/** `consistency-lab-progress-2026-11-03.json`: dated so several exports sort and never collide on one day's work. */
export function exportFileName(now: Date): string {
  return `consistency-lab-progress-${now.toISOString().slice(0, 10)}.json`;
}

/** Offers `text` as a JSON file download. */
export function downloadJson(doc: Document, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The text of a chosen file, or null when it cannot be read as text. */
export async function readFileText(file: File): Promise<string | null> {
  try {
    return await file.text();
  } catch {
    return null;
  }
}
