/**
 * The script of the "Your progress" page (src/pages/progress.astro): renders the dashboard (where
 * to continue, reviews due, each lesson's facts and mastery per objective), the quiz attempts and
 * missed questions computed by `summary.ts`, and runs Export, Import and Reset through the store.
 * Plain DOM, no React: the page is lists and a few buttons. Text goes in as text nodes only.
 * The clock is read here and passed to the pure view functions.
 */
import { parseInline } from '../islands/quiz/inline.ts';
import { masteryByObjective } from './mastery.ts';
import { renderMastery } from './mastery-view.ts';
import { fillBadges } from './page-progress.ts';
import { getBrowserStore } from './store.ts';
import { dashboardView, masteryInputs, progressView, type Catalog, type DashboardView, type LessonLinkView } from './summary.ts';
import type { ProgressRecord } from './record.ts';
import { downloadJson, exportFileName, readFileText } from './transfer.ts';

type Child = Node | string;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function el(doc: Document, tag: string, children: Child[] = [], attrs: Record<string, string> = {}): HTMLElement {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function inline(doc: Document, text: string): Child[] {
  return parseInline(text).map((t) => (t.kind === 'text' ? t.text : el(doc, t.kind, [t.text])));
}

function link(doc: Document, l: LessonLinkView): HTMLElement {
  return el(doc, 'a', [l.title], { href: l.href });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function renderDashboard(doc: Document, root: HTMLElement, catalog: Catalog, record: ProgressRecord, dash: DashboardView): void {
  const cont = root.querySelector<HTMLElement>('[data-progress-continue]');
  cont?.replaceChildren(
    ...(dash.continueAt
      ? [el(doc, 'a', [dash.continueAt.label], { href: dash.continueAt.href, 'data-testid': 'progress-continue-link', 'data-kind': dash.continueAt.kind })]
      : ['Nothing in progress. Pick a lesson below, or start with the first one.']),
  );
  const reviews = root.querySelector<HTMLElement>('[data-progress-reviews]');
  const reviewsText = root.querySelector<HTMLElement>('[data-progress-reviews-text]');
  const start = root.querySelector<HTMLElement>('[data-progress-review-start]');
  const hasCards = Object.keys(record.cards).length > 0;
  if (reviews && reviewsText && start) {
    reviews.hidden = false;
    reviews.dataset.due = String(dash.due);
    reviewsText.textContent =
      dash.due > 0
        ? `Review: ${dash.due} due. Questions come back when you are about to forget them; a short session now keeps them.`
        : hasCards
          ? 'No reviews are due right now. Questions you answered come back here when they are due.'
          : 'No reviews yet. Every quiz question you answer is scheduled to come back for review.';
    start.hidden = dash.due === 0;
    start.textContent = dash.due > 0 ? `Start a review of ${plural(dash.due, 'question')}` : 'Start a review';
  }
  for (const row of dash.lessons) {
    const facts = root.querySelector<HTMLElement>(`[data-lesson-facts="${row.id}"]`);
    const parts = [
      row.best ? `Best quiz score: ${row.best.score} of ${row.best.total}` : 'Quiz not taken yet',
      row.due > 0 ? `${plural(row.due, 'review')} due` : 'no reviews due',
    ];
    facts?.replaceChildren(parts.join(' · '));
    if (facts) facts.dataset.due = String(row.due);
    const note = root.querySelector<HTMLElement>(`[data-lesson-note="${row.id}"]`);
    if (note) {
      note.textContent = row.note ?? '';
      note.hidden = row.note === null;
    }
    const slot = root.querySelector<HTMLElement>(`[data-mastery-slot="${row.id}"]`);
    const box = root.querySelector<HTMLElement>(`[data-lesson-mastery="${row.id}"]`);
    const summary = root.querySelector<HTMLElement>(`[data-mastery-summary="${row.id}"]`);
    const { objectives, questions } = masteryInputs(catalog, row.id);
    if (slot && box && objectives.length > 0) {
      const mastery = masteryByObjective(record, row.id, objectives, questions);
      renderMastery(slot, mastery);
      if (summary) summary.textContent = `Objectives: ${mastery.mastered} of ${objectives.length} mastered`;
      box.hidden = false;
    }
  }
}

function render(doc: Document, root: HTMLElement, catalog: Catalog): void {
  const record = getBrowserStore().record;
  renderDashboard(doc, root, catalog, record, dashboardView(record, catalog, new Date()));
  const view = progressView(record, catalog);
  const quizzes = root.querySelector<HTMLElement>('[data-progress-quizzes]');
  const missed = root.querySelector<HTMLElement>('[data-progress-missed]');
  quizzes?.replaceChildren(
    ...(view.quizzes.length === 0
      ? [el(doc, 'p', ['No quiz attempts yet.'])]
      : view.quizzes.map((q) =>
          el(doc, 'section', [
            el(doc, 'h3', [q.title]),
            ...(q.link ? [el(doc, 'p', ['From ', link(doc, q.link), '.'])] : []),
            el(doc, 'ul', q.attempts.map((a) => el(doc, 'li', [`${a.score} of ${a.total} right, ${dateFormat.format(new Date(a.at))}`]))),
          ], { 'data-testid': 'progress-quiz', 'data-bank': q.bankId }),
        )),
  );
  missed?.replaceChildren(
    view.missed.length === 0
      ? el(doc, 'p', ['No missed questions. Questions you answer wrongly appear here until you get them right.'])
      : el(doc, 'ul', view.missed.map((m) => el(doc, 'li', [
          ...inline(doc, m.prompt),
          // The lesson link says where to read up; the bank's title only when no lesson is known.
          ...(m.lessons.length === 0 ? [` (${m.bankTitle})`] : [' (see ', ...m.lessons.flatMap((l, i) => (i ? [', ', link(doc, l)] : [link(doc, l)])), ')']),
        ], { 'data-testid': 'progress-missed-item' }))),
  );
  const totals = root.querySelector<HTMLElement>('[data-progress-totals]');
  if (totals) totals.textContent = `Lessons opened: ${view.lessonsVisited}. Marked finished: ${view.lessonsFinished}.`;
  fillBadges(doc, getBrowserStore().record);
}

function wireActions(doc: Document, root: HTMLElement, catalog: Catalog): void {
  const store = getBrowserStore();
  const message = root.querySelector<HTMLElement>('[data-progress-message]');
  const say = (text: string) => message && (message.textContent = text);
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel);
  const confirmBox = q<HTMLElement>('[data-reset-confirm]');
  const resetButton = q<HTMLButtonElement>('[data-progress-reset]');

  q('[data-progress-export]')?.addEventListener('click', () => {
    downloadJson(doc, exportFileName(new Date()), store.exportText());
    say('Your progress was saved as a file. Import it here, in this or another browser, to bring it back.');
  });
  q<HTMLInputElement>('[data-progress-import]')?.addEventListener('change', async (event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // so choosing the same file again fires change again
    if (!file) return;
    const text = await readFileText(file);
    say(text === null ? 'That file could not be read. Your progress was not changed.' : store.importText(text).message);
    render(doc, root, catalog);
  });
  resetButton?.addEventListener('click', () => {
    if (!confirmBox) return;
    confirmBox.hidden = false;
    confirmBox.querySelector<HTMLElement>('[data-reset-question]')?.focus();
  });
  const closeConfirm = () => {
    if (confirmBox) confirmBox.hidden = true;
    resetButton?.focus();
  };
  q('[data-reset-cancel]')?.addEventListener('click', closeConfirm);
  q('[data-reset-yes]')?.addEventListener('click', () => {
    store.reset();
    render(doc, root, catalog);
    closeConfirm();
    say('Your progress in this browser was deleted.');
  });
}

/** Entry point for the progress page. */
export function startProgressPage(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-progress-page]');
  const data = doc.getElementById('cl-progress-catalog')?.textContent;
  if (!root || !data) return;
  const catalog = JSON.parse(data) as Catalog;
  for (const hidden of root.querySelectorAll<HTMLElement>('[data-needs-script]')) hidden.hidden = false;
  render(doc, root, catalog);
  wireActions(doc, root, catalog);
}
