/**
 * Offers text as a file download from the page (progress export, player run and Mermaid export).
 * Browser-only: it needs Blob, object URLs and a document. It must not format or judge the text.
 */

/** Saves `text` as `fileName` with the given MIME type through a temporary link. */
export function downloadText(doc: Document, fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
