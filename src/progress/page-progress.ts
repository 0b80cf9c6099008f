// STUB: replaced by the progress helper.
export function startPageProgress(_doc: Document): void {}
