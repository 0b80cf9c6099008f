/**
 * "Review: N due" on the course home page and the practice page: fills each `[data-review-due]`
 * element from the saved review cards once the page has loaded. The server renders the element
 * hidden and empty, because only this browser knows the count. Counts only questions the site
 * still has (keys listed at build time in a JSON script, `[data-review-keys]`).
 *
 * Small on purpose: it uses `due.ts` (no scheduler, no zod) and the store the page script
 * already loads. It reads the clock once, here, and passes it to the pure counters.
 */
import { dueCount, dueLabel, nextDue } from './due.ts';
import { getBrowserStore } from './store.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The keys the site's banks hold, from the page's JSON script; null when the page carries none. */
function knownKeys(doc: Document): Set<string> | null {
  const text = doc.querySelector('script[data-review-keys]')?.textContent;
  if (!text) return null;
  try {
    const keys: unknown = JSON.parse(text);
    return Array.isArray(keys) ? new Set(keys.filter((k): k is string => typeof k === 'string')) : null;
  } catch {
    return null;
  }
}

/**
 * Fills every badge: a link "Review: N due" when something is due; when nothing is, the date of
 * the next review (if the reader has any cards); nothing at all for a reader with no cards yet.
 * Each badge's `data-href` is where the link goes (the practice page with `?source=due`).
 */
export function fillDueBadges(doc: Document, now: Date = new Date()): void {
  const badges = doc.querySelectorAll<HTMLElement>('[data-review-due]');
  if (badges.length === 0) return;
  const record = getBrowserStore().record;
  const known = knownKeys(doc) ?? undefined;
  const count = dueCount(record, now, known);
  const label = dueLabel(count);
  const next = nextDue(record, now, known);
  for (const badge of badges) {
    badge.dataset.due = String(count);
    if (label) {
      const link = doc.createElement('a');
      link.href = badge.dataset.href ?? '/practice/quizzes/?source=due';
      link.textContent = label;
      link.dataset.testid = 'review-due-link';
      badge.replaceChildren(link, badge.dataset.suffix ?? '');
      badge.hidden = false;
    } else if (next) {
      badge.replaceChildren(`No reviews due. The next one is due ${dateFormat.format(new Date(next))}.`);
      badge.hidden = false;
    } else {
      badge.replaceChildren();
      badge.hidden = true;
    }
  }
}
