import { describe, expect, it } from 'vitest';
import { progressRecordSchema, progressRecordV2Schema, progressRecordV3Schema } from '../schemas/progress.ts';
import { describeProblems, isIsoInstant, migrateV2, readRecord, salvageV4 } from './validate.ts';

const T = '2026-11-03T10:00:00.000Z';
const attempt = { at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1' } } };
const round = { started: T, saved: T, seed: '0a1b2c3d', ids: ['q1', 'q2', 'q3'], answers: { q1: { correct: false, response: '2', hinted: true } } };
const card = { due: T, stability: 2.3, difficulty: 5.1, reps: 1, lapses: 0, state: 'review', step: 0, lastReview: T };
const seeded = { due: T, stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 'new', step: 0, lastReview: null };
const exam = {
  started: T,
  saved: T,
  seed: 'exam-0a1b2c3d',
  ids: ['cap/q1', 'cap/q2', 'tpc/order'],
  index: 1,
  responses: { 'cap/q1': { kind: 'single', choice: 2 }, 'cap/q2': { kind: 'multiple', choices: [0, 3] }, 'tpc/order': { kind: 'ordering', order: [2, 0, 1] } },
  clock: { limitMs: 600_000, usedMs: 42_000, runningSince: T },
};
const design = {
  saved: T,
  step: 'lab',
  asked: ['scale', 'payment-provider'],
  figures: { 'update-rate': '200k', 'downtime-year': '8.7 h' },
  components: ['gateway', 'order-service', 'broker'],
  mechanisms: { agreement: 'orchestrated-saga', publishing: 'dual-write', consuming: 'idempotent' },
  ranking: ['write-contention', 'broker-throughput'],
  notes: { clarify: 'Ask about scale first.' },
  revealed: ['clarify'],
  rubric: ['names-invariants'],
};
const base = {
  version: 4,
  lessons: { 'foundations/cap': { visited: T, finished: null } },
  quizzes: { cap: { attempts: [attempt] } },
  missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
  rounds: { cap: round },
  cards: { 'cap/q1': card, 'cap/q2': seeded },
};

/** Records the zod schema (the specification) accepts or rejects, for checking the hand validator. */
const samples: Record<string, unknown>[] = [
  base,
  { version: 4, lessons: {}, quizzes: {}, missed: {}, rounds: {}, cards: {} },
  { ...base, lessons: { a: { visited: T, finished: T } } },
  { ...base, lessons: { a: { visited: '2026-02-30T10:00:00Z', finished: null } } },
  { ...base, lessons: { a: { visited: T } } },
  { ...base, lessons: { a: { visited: T, finished: 'soon' } } },
  { ...base, lessons: [] },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, total: 0, score: 0 }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, score: 1.5 }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: 'yes', response: '' } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: true, response: 'x'.repeat(501) } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: true, response: '', hinted: 1 } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ at: T, score: 0, total: 1 }] } } },
  { ...base, quizzes: { cap: { attempts: Array(21).fill(attempt) } } },
  { ...base, quizzes: { cap: {} } },
  { ...base, missed: { 'cap/q2': { at: T, bank: 'cap', question: '' } } },
  { ...base, missed: { 'cap/q2': { at: T, bank: 'cap' } } },
  { ...base, rounds: { cap: { ...round, answers: {} } } },
  { ...base, rounds: { cap: { ...round, started: 'now' } } },
  { ...base, rounds: { cap: { ...round, seed: '' } } },
  { ...base, rounds: { cap: { ...round, seed: 'has spaces' } } },
  { ...base, rounds: { cap: { ...round, ids: [] } } },
  { ...base, rounds: { cap: { ...round, ids: ['q1', 'q1'] } } },
  { ...base, rounds: { cap: { ...round, ids: ['q1', 3] } } },
  { ...base, rounds: { cap: { ...round, ids: Array.from({ length: 201 }, (_, i) => `q${i}`) } } },
  { ...base, rounds: { cap: { ...round, answers: { q9: { correct: true, response: '1' } } } } },
  { ...base, rounds: { cap: { ...round, answers: { q1: { correct: 1, response: '1' } } } } },
  { ...base, rounds: { cap: 'half done' } },
  { ...base, rounds: [] },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, mode: 'exam' }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, mode: 'cram' }] } } },
  { ...base, cards: { 'cap/q1': { ...card, state: 'learning', step: 1 }, 'tpc/sub/q': card } },
  { ...base, cards: { q1: card } },
  { ...base, cards: { 'cap/': card } },
  { ...base, cards: { 'cap/q1': { ...card, due: 'tomorrow' } } },
  { ...base, cards: { 'cap/q1': { ...card, stability: -1 } } },
  { ...base, cards: { 'cap/q1': { ...card, stability: 'high' } } },
  { ...base, cards: { 'cap/q1': { ...card, difficulty: 11 } } },
  { ...base, cards: { 'cap/q1': { ...card, reps: 1.5 } } },
  { ...base, cards: { 'cap/q1': { ...card, lapses: -1 } } },
  { ...base, cards: { 'cap/q1': { ...card, step: undefined } } },
  { ...base, cards: { 'cap/q1': { ...card, state: 'Review' } } },
  { ...base, cards: { 'cap/q1': { ...card, state: 2 } } },
  { ...base, cards: { 'cap/q1': { ...card, lastReview: undefined } } },
  { ...base, cards: { 'cap/q1': { ...card, lastReview: null } } },
  { ...base, cards: { 'cap/q1': { ...seeded, lastReview: T } } },
  { ...base, cards: { 'cap/q1': [] } },
  { ...base, cards: [] },
  // The optional unfinished exam: absent, present, and broken in each of its parts.
  { ...base, exam },
  { ...base, exam: { ...exam, clock: { ...exam.clock, runningSince: null } } },
  { ...base, exam: { ...exam, responses: { 'cap/q1': { kind: 'single', choice: null } } } },
  { ...base, exam: { ...exam, responses: {}, extra: 1 } },
  { ...base, exam: null },
  { ...base, exam: 'half done' },
  { ...base, exam: { ...exam, started: 'now' } },
  { ...base, exam: { ...exam, seed: 'has spaces' } },
  { ...base, exam: { ...exam, ids: [] } },
  { ...base, exam: { ...exam, ids: ['cap/q1', 'cap/q1'], index: 0, responses: {} } },
  { ...base, exam: { ...exam, ids: Array.from({ length: 51 }, (_, i) => `cap/q${i}`), responses: {} } },
  { ...base, exam: { ...exam, ids: ['x'.repeat(201)], index: 0, responses: {} } },
  { ...base, exam: { ...exam, index: 3 } },
  { ...base, exam: { ...exam, index: -1 } },
  { ...base, exam: { ...exam, index: 0.5 } },
  { ...base, exam: { ...exam, responses: { 'cap/q9': { kind: 'single', choice: 0 } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q1': { kind: 'simulation', correct: true, response: '' } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q1': { kind: 'single', choice: -1 } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q1': { kind: 'single', choice: 50 } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q1': { kind: 'single' } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q2': { kind: 'multiple', choices: [1, 1] } } } },
  { ...base, exam: { ...exam, responses: { 'cap/q2': { kind: 'multiple', choices: Array.from({ length: 51 }, (_, i) => i) } } } },
  { ...base, exam: { ...exam, responses: { 'tpc/order': { kind: 'ordering', order: '2,0,1' } } } },
  { ...base, exam: { ...exam, responses: [] } },
  { ...base, exam: { ...exam, clock: { ...exam.clock, usedMs: 600_001 } } },
  { ...base, exam: { ...exam, clock: { ...exam.clock, limitMs: 0, usedMs: 0 } } },
  { ...base, exam: { ...exam, clock: { ...exam.clock, limitMs: 3 * 60 * 60 * 1000 + 1 } } },
  { ...base, exam: { ...exam, clock: { ...exam.clock, usedMs: 1.5 } } },
  { ...base, exam: { ...exam, clock: { ...exam.clock, runningSince: 'soon' } } },
  { ...base, exam: { ...exam, clock: { limitMs: 600_000, usedMs: 0 } } },
  { ...base, exam: { ...exam, clock: undefined } },
  // The optional design work: absent, present, and broken in each of its parts.
  { ...base, designs: {} },
  { ...base, designs: { 'order-payment': design } },
  { ...base, designs: { 'order-payment': { ...design, interview: { limitMs: 2_700_000, usedMs: 0, runningSince: T } } } },
  { ...base, designs: { 'order-payment': { ...design, interview: { limitMs: 2_700_000, usedMs: 60_000, runningSince: null } }, other: { ...design, extra: 1 } } },
  { ...base, designs: { 'order-payment': { ...design, notes: { clarify: 'x'.repeat(4000) } } } },
  { ...base, designs: { 'order-payment': { ...design, notes: { clarify: 'x'.repeat(4001) } } } },
  { ...base, designs: { 'order-payment': { ...design, notes: { intro: 'hello there' } } } },
  { ...base, designs: { 'order-payment': { ...design, notes: { clarify: 5 } } } },
  { ...base, designs: { Order_Payment: design } },
  { ...base, designs: { 'order-payment': 'half done' } },
  { ...base, designs: { 'order-payment': { ...design, saved: 'now' } } },
  { ...base, designs: { 'order-payment': { ...design, step: 'deploy' } } },
  { ...base, designs: { 'order-payment': { ...design, asked: ['scale', 'scale'] } } },
  { ...base, designs: { 'order-payment': { ...design, asked: ['Not Kebab'] } } },
  { ...base, designs: { 'order-payment': { ...design, figures: { 'update-rate': 200000 } } } },
  { ...base, designs: { 'order-payment': { ...design, figures: { 'light-speed': '1' } } } },
  { ...base, designs: { 'order-payment': { ...design, figures: { 'update-rate': '1'.repeat(41) } } } },
  { ...base, designs: { 'order-payment': { ...design, components: ['gateway', 'gateway'] } } },
  { ...base, designs: { 'order-payment': { ...design, components: ['load-balancer'] } } },
  { ...base, designs: { 'order-payment': { ...design, mechanisms: { agreement: 'paxos' } } } },
  { ...base, designs: { 'order-payment': { ...design, mechanisms: { publishing: 'orchestrated-saga' } } } },
  { ...base, designs: { 'order-payment': { ...design, mechanisms: { caching: 'lru' } } } },
  { ...base, designs: { 'order-payment': { ...design, mechanisms: [] } } },
  { ...base, designs: { 'order-payment': { ...design, ranking: ['broker-throughput', 'broker-throughput'] } } },
  { ...base, designs: { 'order-payment': { ...design, ranking: ['disk-space'] } } },
  { ...base, designs: { 'order-payment': { ...design, revealed: ['lab', 'lab'] } } },
  { ...base, designs: { 'order-payment': { ...design, revealed: ['deploy'] } } },
  { ...base, designs: { 'order-payment': { ...design, rubric: ['a', 'a'] } } },
  { ...base, designs: { 'order-payment': { ...design, rubric: undefined } } },
  { ...base, designs: { 'order-payment': { ...design, interview: { limitMs: 2_700_000, usedMs: 2_700_001, runningSince: null } } } },
  { ...base, designs: { 'order-payment': { ...design, interview: { limitMs: 2_700_000, usedMs: 0, runningSince: 'soon' } } } },
  { ...base, designs: { 'order-payment': { ...design, interview: null } } },
  { ...base, designs: [] },
  { ...base, designs: null },
];

describe('hand validator agrees with the zod schema', () => {
  it.each(samples.map((s, i) => [i, s] as const))('sample %i', (_, sample) => {
    const zodAccepts = progressRecordSchema.safeParse(sample).success;
    const { record, problems } = salvageV4(sample);
    expect(problems.length === 0).toBe(zodAccepts);
    // Whatever is salvaged is itself a valid record.
    expect(progressRecordSchema.safeParse(record).success).toBe(true);
    if (zodAccepts) expect(record).toEqual(progressRecordSchema.parse(sample));
  });

  it('keeps the newest attempts when there are too many', () => {
    const attempts = Array.from({ length: 23 }, (_, i) => ({ ...attempt, score: i % 2 }));
    const { record, problems } = salvageV4({ ...base, quizzes: { cap: { attempts } } });
    expect(record.quizzes.cap.attempts).toEqual(attempts.slice(3));
    expect(problems).toEqual([{ path: 'quizzes › cap', problem: 'had 3 more attempts than the 20 kept' }]);
  });
});

describe('readRecord', () => {
  it('tells JSON errors, newer and unknown versions apart', () => {
    expect(readRecord('{', T)).toMatchObject({ kind: 'unreadable', reason: 'json' });
    expect(readRecord('"text"', T)).toMatchObject({ kind: 'unreadable', reason: 'shape' });
    expect(readRecord('{"version": 5}', T)).toMatchObject({ kind: 'unreadable', reason: 'newer-version' });
    expect(readRecord('{"version": "4"}', T)).toMatchObject({ kind: 'unreadable', reason: 'unknown-version' });
  });

  it('migrates version 2, keeping every lesson, attempt (with its answers) and missed question', () => {
    const v2 = {
      version: 2,
      lessons: { 'foundations/cap': { visited: T, finished: T }, 'transactions/two-phase-commit': { visited: T, finished: null } },
      quizzes: {
        cap: { attempts: [attempt, { ...attempt, score: 2, answers: { q1: { correct: true, response: '1', hinted: true }, q2: { correct: true, response: '0,2' } } }] },
        practice: { attempts: [{ at: T, score: 0, total: 1, answers: { 'cap/q3': { correct: false, response: 'gave up' } } }] },
      },
      missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' }, 'practice-bank/q': { at: T, bank: 'practice-bank', question: 'q' } },
    };
    expect(progressRecordV2Schema.safeParse(v2).success).toBe(true);
    const outcome = readRecord(JSON.stringify(v2), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: 2, problems: [] });
    if (outcome.kind !== 'ok') return;
    const { cards, ...rest } = outcome.record;
    expect(rest).toEqual({ ...v2, version: 4, rounds: {} });
    // A card for every question answered: cap/q1 and cap/q2 (lesson attempts), cap/q3 (practice), and the missed ones.
    expect(Object.keys(cards).sort()).toEqual(['cap/q1', 'cap/q2', 'cap/q3', 'practice-bank/q']);
    // q1 was last answered right (due two days on); q2 is filed as missed at the same instant, and the miss wins.
    expect(cards['cap/q1']).toMatchObject({ state: 'new', due: '2026-11-05T10:00:00.000Z' });
    expect(cards['cap/q2']).toMatchObject({ state: 'new', due: T });
    expect(cards['cap/q3']).toMatchObject({ state: 'new', due: T });
    expect(progressRecordSchema.safeParse(outcome.record).success).toBe(true);
  });

  it('migrates version 3, keeping every entry and unfinished round, and seeding cards so missed questions are due at once', () => {
    const T2 = '2026-11-04T10:00:00.000Z';
    const v3 = {
      version: 3,
      lessons: base.lessons,
      quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: true, response: '1' }, q2: { correct: false, response: '0' } } }] } },
      missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
      // The round answered q1 wrongly a day later: the newer answer decides q1's card.
      rounds: { cap: { ...round, saved: T2 } },
    };
    expect(progressRecordV3Schema.safeParse(v3).success).toBe(true);
    const outcome = readRecord(JSON.stringify(v3), T2);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: 3, problems: [] });
    if (outcome.kind !== 'ok') return;
    const { cards, ...rest } = outcome.record;
    expect(rest).toEqual({ ...v3, version: 4 });
    expect(cards).toEqual({
      'cap/q1': { ...seeded, due: T2 },
      'cap/q2': { ...seeded, due: T },
    });
    expect(progressRecordSchema.safeParse(outcome.record).success).toBe(true);
  });

  it('migrates a damaged version 2 record, dropping and naming only what version 2 itself rejects', () => {
    const { record, problems } = migrateV2({ version: 2, lessons: { a: { visited: 'x', finished: null } }, quizzes: { cap: { attempts: [attempt] } }, missed: {} });
    expect(record).toEqual({ version: 4, lessons: {}, quizzes: { cap: { attempts: [attempt] } }, missed: {}, rounds: {}, cards: { 'cap/q1': { ...seeded, due: '2026-11-05T10:00:00.000Z' } } });
    expect(problems.map((p) => p.path)).toEqual(['lessons › a']);
  });

  it('drops an unreadable review card, naming it, and keeps the rest', () => {
    const outcome = readRecord(JSON.stringify({ ...base, cards: { 'cap/q1': card, 'cap/q2': { ...card, reps: 'many' } } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null });
    if (outcome.kind !== 'ok') return;
    expect(outcome.record.cards).toEqual({ 'cap/q1': card });
    expect(outcome.problems).toEqual([{ path: 'cards › cap/q2', problem: 'has counts that are not whole numbers' }]);
  });

  it('drops an unreadable unfinished round, naming it, and keeps the rest', () => {
    const outcome = readRecord(JSON.stringify({ ...base, rounds: { cap: round, tpc: { ...round, seed: 'no spaces allowed' } } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null });
    if (outcome.kind !== 'ok') return;
    expect(Object.keys(outcome.record.rounds)).toEqual(['cap']);
    expect(outcome.problems).toEqual([{ path: 'rounds › tpc', problem: 'has no readable shuffle seed' }]);
  });

  it('drops an unreadable unfinished exam, naming it, and keeps everything else', () => {
    const outcome = readRecord(JSON.stringify({ ...base, exam: { ...exam, index: 7 } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null });
    if (outcome.kind !== 'ok') return;
    expect(outcome.record).toEqual(base);
    expect('exam' in outcome.record).toBe(false);
    expect(outcome.problems).toEqual([{ path: 'exam', problem: 'shows a question it does not ask' }]);
  });

  it('reads an unfinished exam without a version change, and a record without one as before', () => {
    const outcome = readRecord(JSON.stringify({ ...base, exam }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null, problems: [], record: { ...base, exam } });
    const without = readRecord(JSON.stringify(base), T);
    expect(without.kind === 'ok' && 'exam' in without.record).toBe(false);
  });

  it('drops an unreadable design entry, naming it, and keeps the other designs and the rest', () => {
    const outcome = readRecord(JSON.stringify({ ...base, designs: { 'order-payment': { ...design, components: ['gateway', 'gateway'] }, other: design } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null });
    if (outcome.kind !== 'ok') return;
    expect(outcome.record).toEqual({ ...base, designs: { other: design } });
    expect(outcome.problems).toEqual([{ path: 'designs › order-payment', problem: '“components” is not a list of known components without repeats' }]);
  });

  it('reads design work without a version change, and a record without any as before', () => {
    const outcome = readRecord(JSON.stringify({ ...base, designs: { 'order-payment': design } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: null, problems: [], record: { ...base, designs: { 'order-payment': design } } });
    const without = readRecord(JSON.stringify(base), T);
    expect(without.kind === 'ok' && 'designs' in without.record).toBe(false);
  });

  it('ignores an exam in an older version, which could not have had one', () => {
    const { cards: _cards, ...v3 } = { ...base, version: 3, exam };
    const outcome = readRecord(JSON.stringify(v3), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: 3, problems: [] });
    expect(outcome.kind === 'ok' && 'exam' in outcome.record).toBe(false);
  });

  it('migrates version 1, dropping only the entries it cannot read', () => {
    const outcome = readRecord(JSON.stringify({ version: 1, visited: ['a', 4], finished: ['b'], quizScores: { cap: { score: 9, total: 3 }, x: { score: 1, total: 1 } } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: 1 });
    if (outcome.kind !== 'ok') return;
    expect(outcome.record.lessons).toEqual({ a: { visited: T, finished: null }, b: { visited: T, finished: T } });
    expect(Object.keys(outcome.record.quizzes)).toEqual(['x']);
    expect(outcome.record.rounds).toEqual({});
    expect(outcome.record.cards).toEqual({});
    expect(progressRecordSchema.safeParse(outcome.record).success).toBe(true);
    expect(outcome.problems.map((p) => p.path)).toEqual(['visited › 2', 'quizScores › cap']);
  });
});

describe('helpers', () => {
  it('accepts only real UTC instants', () => {
    expect(isIsoInstant(T)).toBe(true);
    expect(isIsoInstant('2026-11-03T10:00:00Z')).toBe(true);
    for (const bad of ['2026-11-03', '2026-11-03T24:00:00Z', '2026-02-29T10:00:00Z', '2026-11-03T10:00:00+00:00', 5]) {
      expect(isIsoInstant(bad)).toBe(false);
    }
    expect(isIsoInstant('2028-02-29T10:00:00Z')).toBe(true);
  });

  it('summarises many problems briefly', () => {
    const problems = Array.from({ length: 5 }, (_, i) => ({ path: `p${i}`, problem: 'is bad' }));
    expect(describeProblems(problems)).toBe('p0 is bad; p1 is bad; p2 is bad; and 2 more');
  });
});
