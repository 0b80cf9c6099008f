import { describe, expect, it } from 'vitest';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY } from './constants.ts';
import { FakeStorage, fakeOptions } from './fake-storage.ts';
import { emptyRecord, seedCards, unfinishedExam, unfinishedRound, withAttempt, withDesignWork, designWork, withExam, withFinished, withoutExam, withoutRound, withRound, withVisit, type ExamSnapshot } from './record.ts';
import { withReviewedRound } from './review.ts';
import { emptyWork } from '../design/work.ts';
import { createProgressStore, NOTICE_BLOCKED, NOTICE_WRITE_FAILED } from './store.ts';

const T = '2026-11-03T10:00:00.000Z';
const saved = (s: FakeStorage) => JSON.parse(s.items.get(PROGRESS_KEY) ?? 'null');

describe('progress store', () => {
  it('starts empty and quiet when nothing is saved', () => {
    const storage = new FakeStorage();
    const store = createProgressStore(fakeOptions(storage));
    expect(store.record).toEqual(emptyRecord());
    expect(store.notice).toBeNull();
    expect(store.persistent).toBe(true);
    expect(storage.items.size).toBe(0);
  });

  it('round-trips a record through storage', () => {
    const storage = new FakeStorage();
    const first = createProgressStore(fakeOptions(storage));
    first.update((r, at) => withVisit(r, 'foundations/cap', at));
    first.update((r, at) => withFinished(r, 'foundations/cap', true, at));
    const second = createProgressStore(fakeOptions(storage));
    expect(second.notice).toBeNull();
    expect(second.record.lessons['foundations/cap']).toEqual({ visited: T, finished: T });
  });

  it('resets corrupt JSON with a notice and keeps the raw text under the backup key', () => {
    const storage = new FakeStorage({ [PROGRESS_KEY]: '{"version": 2, "lessons": {' });
    const store = createProgressStore(fakeOptions(storage));
    expect(store.record).toEqual(emptyRecord());
    expect(store.notice).toMatch(/could not be read .* so it was reset/);
    expect(store.notice).toContain(PROGRESS_BACKUP_KEY);
    expect(storage.items.get(PROGRESS_BACKUP_KEY)).toBe('{"version": 2, "lessons": {');
    expect(saved(storage)).toEqual(emptyRecord());
  });

  it('resets a newer or unknown version, naming why, and keeps a copy', () => {
    for (const [raw, why] of [
      ['{"version": 7, "everything": []}', /newer version of this site/],
      ['{"lessons": {}}', /format version \(none\)/],
      ['[1, 2, 3]', /not a progress record/],
    ] as const) {
      const storage = new FakeStorage({ [PROGRESS_KEY]: raw });
      const store = createProgressStore(fakeOptions(storage));
      expect(store.record).toEqual(emptyRecord());
      expect(store.notice).toMatch(why);
      expect(storage.items.get(PROGRESS_BACKUP_KEY)).toBe(raw);
    }
  });

  it('salvages the valid entries of a partly invalid record and names what it dropped', () => {
    const raw = JSON.stringify({
      version: 2,
      lessons: { 'foundations/cap': { visited: T, finished: null }, 'transactions/two-phase-commit': { visited: 'yesterday', finished: null } },
      quizzes: { cap: { attempts: [{ at: T, score: 3, total: 2, answers: {} }, { at: T, score: 1, total: 2, answers: {} }] } },
      missed: { 'cap/q1': { at: T, bank: 'cap', question: 'q1' } },
    });
    const storage = new FakeStorage({ [PROGRESS_KEY]: raw });
    const store = createProgressStore(fakeOptions(storage));
    expect(Object.keys(store.record.lessons)).toEqual(['foundations/cap']);
    expect(store.record.quizzes.cap.attempts).toHaveLength(1);
    expect(store.record.missed['cap/q1']).toBeDefined();
    expect(store.notice).toMatch(/^2 saved entries could not be read and were removed/);
    expect(store.notice).toContain('lessons › transactions/two-phase-commit “visited” is not a date and time');
    expect(store.notice).toContain('quizzes › cap › attempt 1 has an impossible score');
    expect(storage.items.get(PROGRESS_BACKUP_KEY)).toBe(raw);
    expect(saved(storage)).toEqual(store.record);
  });

  it('migrates version 1, dating its events at load time, without a notice', () => {
    const v1 = { version: 1, visited: ['foundations/cap', 'transactions/two-phase-commit'], finished: ['foundations/cap'], quizScores: { cap: { score: 8, total: 10 } } };
    const storage = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(v1) });
    const store = createProgressStore(fakeOptions(storage));
    expect(store.notice).toBeNull();
    expect(store.record).toEqual({
      version: 4,
      lessons: { 'foundations/cap': { visited: T, finished: T }, 'transactions/two-phase-commit': { visited: T, finished: null } },
      quizzes: { cap: { attempts: [{ at: T, score: 8, total: 10, answers: {} }] } },
      missed: {},
      rounds: {},
      cards: {},
    });
    expect(saved(storage)).toEqual(store.record);
  });

  it('migrates version 2 on load, keeping every attempt, and saves it as version 4 with seeded cards, without a notice', () => {
    const v2 = {
      version: 2,
      lessons: { 'foundations/cap': { visited: T, finished: null } },
      quizzes: { cap: { attempts: [{ at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1', hinted: true }, q2: { correct: false, response: '0,2' } } }] } },
      missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
    };
    const storage = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(v2) });
    const store = createProgressStore(fakeOptions(storage));
    expect(store.notice).toBeNull();
    expect(store.record).toEqual({ ...v2, version: 4, rounds: {}, cards: seedCards({ ...v2, rounds: {} }) });
    expect(Object.keys(store.record.cards)).toEqual(['cap/q1', 'cap/q2']);
    expect(saved(storage)).toEqual(store.record);
    expect(storage.items.has(PROGRESS_BACKUP_KEY)).toBe(false);
  });

  it('keeps an unfinished round across page loads, answer by answer, until the round ends', () => {
    const storage = new FakeStorage();
    const options = fakeOptions(storage);
    const first = createProgressStore(options);
    first.update((r, at) => withRound(r, 'cap', { seed: 'abc', ids: ['q1', 'q2'], answers: { q1: { correct: true, response: '2', hinted: false } } }, at));
    options.clock.now = new Date('2026-11-03T10:05:00.000Z');
    const second = createProgressStore(options);
    expect(second.notice).toBeNull();
    expect(unfinishedRound(second.record, 'cap')).toEqual({
      started: T,
      saved: T,
      seed: 'abc',
      ids: ['q1', 'q2'],
      answers: { q1: { correct: true, response: '2', hinted: false } },
    });
    second.update((r, at) => withRound(r, 'cap', { seed: 'abc', ids: ['q1', 'q2'], answers: { q1: { correct: true, response: '2' }, q2: { correct: false, response: '1' } } }, at));
    const third = createProgressStore(options);
    expect(third.record.rounds.cap).toMatchObject({ started: T, saved: '2026-11-03T10:05:00.000Z' });
    expect(Object.keys(third.record.rounds.cap.answers)).toEqual(['q1', 'q2']);
    third.update((r) => withoutRound(r, 'cap'));
    expect(createProgressStore(options).record.rounds).toEqual({});
  });

  it('keeps working in memory when a write fails (quota full) and says so once', () => {
    const storage = new FakeStorage();
    const store = createProgressStore(fakeOptions(storage));
    storage.full = true;
    expect(store.update((r, at) => withVisit(r, 'foundations/cap', at))).toBe(NOTICE_WRITE_FAILED);
    expect(store.persistent).toBe(false);
    expect(store.record.lessons['foundations/cap']).toBeDefined();
    expect(store.update((r, at) => withFinished(r, 'foundations/cap', true, at))).toBeNull();
    expect(store.record.lessons['foundations/cap'].finished).toBe(T);
    expect(store.notice).toBe(NOTICE_WRITE_FAILED);
  });

  it('keeps working in memory when storage throws on every access (blocked)', () => {
    const storage = new FakeStorage();
    storage.blocked = true;
    const store = createProgressStore(fakeOptions(storage));
    expect(store.notice).toBe(NOTICE_BLOCKED);
    expect(store.persistent).toBe(false);
    expect(() => store.update((r, at) => withVisit(r, 'foundations/cap', at))).not.toThrow();
    expect(store.record.lessons['foundations/cap']).toBeDefined();
    expect(() => store.reset()).not.toThrow();
    const throwingAccessor = createProgressStore({
      getStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      now: () => new Date(T),
    });
    expect(throwingAccessor.notice).toBe(NOTICE_BLOCKED);
  });

  it('says when a damaged record could be neither backed up nor rewritten', () => {
    const storage = new FakeStorage({ [PROGRESS_KEY]: 'not json' });
    storage.full = true;
    const store = createProgressStore(fakeOptions(storage));
    expect(store.notice).toContain('No copy of the old data could be kept.');
    expect(store.notice).toContain(NOTICE_WRITE_FAILED);
    expect(store.persistent).toBe(false);
  });

  it('builds each change on what another tab saved meanwhile', () => {
    const storage = new FakeStorage();
    const tabA = createProgressStore(fakeOptions(storage));
    const tabB = createProgressStore(fakeOptions(storage));
    tabA.update((r, at) => withVisit(r, 'foundations/cap', at));
    tabB.update((r, at) => withVisit(r, 'transactions/two-phase-commit', at));
    expect(Object.keys(saved(storage).lessons).sort()).toEqual(['foundations/cap', 'transactions/two-phase-commit']);
  });

  it('reset forgets the record and its backup', () => {
    const storage = new FakeStorage({ [PROGRESS_KEY]: 'bad', [PROGRESS_BACKUP_KEY]: 'old' });
    const store = createProgressStore(fakeOptions(storage));
    store.reset();
    expect(store.record).toEqual(emptyRecord());
    expect(storage.items.size).toBe(0);
  });
});

describe('export and import', () => {
  const attempt = { at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1' }, q2: { correct: false, response: '0' } } };
  const full = withAttempt(withVisit(emptyRecord(), 'foundations/cap', T), 'cap', attempt, [
    { bank: 'cap', question: 'q1', correct: true },
    { bank: 'cap', question: 'q2', correct: false },
  ]);

  it('imports a good file (its own export), replacing the record and saving it', () => {
    const source = createProgressStore(fakeOptions(new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(full) })));
    const storage = new FakeStorage();
    const target = createProgressStore(fakeOptions(storage));
    const result = target.importText(source.exportText());
    expect(result).toEqual({ ok: true, message: 'Imported 1 lesson, 1 quiz attempt and 1 missed question.' });
    expect(target.record).toEqual(full);
    expect(saved(storage)).toEqual(full);
  });

  it('carries unfinished rounds through export and import', () => {
    const withRounds = withRound(full, 'cap', { seed: '0a1b2c3d', ids: ['q1', 'q2', 'q3'], answers: { q1: { correct: false, response: '3', hinted: true } } }, T);
    const source = createProgressStore(fakeOptions(new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(withRounds) })));
    const target = createProgressStore(fakeOptions(new FakeStorage()));
    const result = target.importText(source.exportText());
    expect(result).toEqual({ ok: true, message: 'Imported 1 lesson, 1 quiz attempt, 1 missed question and 1 unfinished quiz round.' });
    expect(target.record.rounds).toEqual(withRounds.rounds);
  });

  it('carries review cards through export and import', () => {
    const reviewed = withReviewedRound(full, 'cap', { seed: 'abc', ids: ['q1', 'q2'], answers: { q1: { correct: false, response: '0' } } }, T);
    const source = createProgressStore(fakeOptions(new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(reviewed) })));
    const target = createProgressStore(fakeOptions(new FakeStorage()));
    const result = target.importText(source.exportText());
    expect(result.message).toBe('Imported 1 lesson, 1 quiz attempt, 1 missed question, 1 unfinished quiz round and 1 review schedule.');
    expect(target.record.cards).toEqual(reviewed.cards);
    expect(target.record.cards['cap/q1'].state).toBe('learning');
  });

  const exam: ExamSnapshot = {
    seed: 'exam-0a1b2c3d',
    ids: ['cap/q1', 'cap/q2'],
    index: 1,
    responses: { 'cap/q1': { kind: 'single', choice: 0 } },
    clock: { limitMs: 600_000, usedMs: 30_000, runningSince: null },
  };

  it('carries an unfinished exam through export and import', () => {
    const withTimedExam = withExam(full, exam, T);
    const source = createProgressStore(fakeOptions(new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(withTimedExam) })));
    const storage = new FakeStorage();
    const target = createProgressStore(fakeOptions(storage));
    const result = target.importText(source.exportText());
    expect(result).toEqual({ ok: true, message: 'Imported 1 lesson, 1 quiz attempt, 1 missed question and an unfinished timed exam.' });
    expect(unfinishedExam(target.record)).toEqual({ started: T, saved: T, ...exam });
    expect(saved(storage).exam).toEqual(withTimedExam.exam);
  });

  it('keeps an exam across page loads, drops a damaged one with the rest kept, and forgets it when handed in', () => {
    const storage = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(full) });
    createProgressStore(fakeOptions(storage)).update((r, at) => withExam(r, exam, at));
    const reloaded = createProgressStore(fakeOptions(storage));
    expect(reloaded.notice).toBeNull();
    expect(unfinishedExam(reloaded.record)).toMatchObject(exam);
    reloaded.update((r) => withoutExam(r));
    expect(saved(storage)).toEqual(full);

    const damaged = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify({ ...withExam(full, exam, T), exam: { ...withExam(full, exam, T).exam, index: 5 } }) });
    const store = createProgressStore(fakeOptions(damaged));
    expect(store.notice).toMatch(/^One saved entry could not be read and was removed \(exam shows a question it does not ask\); the rest of your progress was kept\./);
    expect(store.record).toEqual(full);
    expect(saved(damaged)).toEqual(full);
    expect(damaged.items.get(PROGRESS_BACKUP_KEY)).toContain('"index":5');
  });

  it('carries design work through export and import, drops a damaged design with the rest kept, and forgets it on reset', () => {
    const work = { ...emptyWork(T), step: 'lab' as const, components: ['broker' as const], mechanisms: { agreement: 'orchestrated-saga' as const } };
    const withDesign = withDesignWork(full, 'order-payment', work);
    const source = createProgressStore(fakeOptions(new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(withDesign) })));
    const storage = new FakeStorage();
    const target = createProgressStore(fakeOptions(storage));
    const result = target.importText(source.exportText());
    expect(result).toEqual({ ok: true, message: 'Imported 1 lesson, 1 quiz attempt, 1 missed question and 1 design exercise.' });
    expect(designWork(target.record, 'order-payment')).toEqual(work);
    expect(saved(storage).designs).toEqual(withDesign.designs);

    const damaged = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify({ ...withDesign, designs: { 'order-payment': { ...work, step: 'deploy' } } }) });
    const store = createProgressStore(fakeOptions(damaged));
    expect(store.notice).toMatch(/^One saved entry could not be read and was removed \(designs › order-payment “step” is not a step of the exercise\); the rest of your progress was kept\./);
    expect(store.record).toEqual({ ...full, designs: {} });
    expect(damaged.items.get(PROGRESS_BACKUP_KEY)).toContain('"deploy"');

    target.reset();
    expect(designWork(target.record, 'order-payment')).toBeNull();
    expect(storage.items.get(PROGRESS_KEY)).toBeUndefined();
  });

  it('imports a version 2 file by migrating it, keeping its attempts and seeding review cards', () => {
    const { rounds: _rounds, cards: _cards, ...v2 } = { ...full, version: 2 };
    const target = createProgressStore(fakeOptions(new FakeStorage()));
    const result = target.importText(JSON.stringify(v2));
    expect(result).toEqual({ ok: true, message: 'Imported 1 lesson, 1 quiz attempt, 1 missed question and 2 review schedules, converted from an older format.' });
    expect(target.record).toEqual({ ...full, cards: seedCards(full) });
  });

  it('imports a version 1 file by migrating it', () => {
    const target = createProgressStore(fakeOptions(new FakeStorage()));
    const result = target.importText(JSON.stringify({ version: 1, visited: ['foundations/cap'], finished: [], quizScores: {} }));
    expect(result.ok).toBe(true);
    expect(result.message).toContain('converted from an older format');
  });

  it('refuses a bad file, says what was wrong, and changes nothing', () => {
    const storage = new FakeStorage({ [PROGRESS_KEY]: JSON.stringify(full) });
    const target = createProgressStore(fakeOptions(storage));
    const before = storage.items.get(PROGRESS_KEY);
    const cases: [string, RegExp][] = [
      ['<html>not json</html>', /not valid JSON/],
      ['{"version": 5}', /newer version of this site \(format 5\)/],
      [JSON.stringify({ ...full, missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q9' } } }), /missed › cap\/q2 is filed under the wrong key/],
      ['x'.repeat(1_000_001), /too large/],
    ];
    for (const [text, why] of cases) {
      const result = target.importText(text);
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(why);
      expect(result.message).toContain('Your progress was not changed.');
    }
    expect(target.record).toEqual(full);
    expect(storage.items.get(PROGRESS_KEY)).toBe(before);
  });
});
