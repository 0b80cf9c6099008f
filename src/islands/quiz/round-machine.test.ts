import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { byId } from './fixtures.ts';
import { roundMachine, type RoundEmitted } from './round-machine.ts';
import { currentId, toSnapshot } from './session.ts';

const ids = ['one', 'many', 'order'];

/** A started actor plus everything it emitted, as the island's store would receive it. */
function start(lessonIds: string[] | null = ids) {
  const actor = createActor(roundMachine, { input: { questions: byId, ids: lessonIds, seed: 'bank' } });
  const emitted: RoundEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as RoundEmitted));
  actor.start();
  const phase = () => actor.getSnapshot().value;
  const session = () => actor.getSnapshot().context.session!;
  return { actor, emitted, phase, session };
}

describe('quiz round phases', () => {
  it('a lesson quiz starts answering; a practice quiz starts choosing', () => {
    expect(start().phase()).toBe('answering');
    expect(start(null).phase()).toBe('choosing');
  });

  it('checks only with an answer, saves each checked answer, and saves the attempt at the end', () => {
    const { actor, emitted, phase, session } = start();
    actor.send({ type: 'round.start', ids, seed: 'fresh' });
    expect(session().seed).toBe('fresh');
    actor.send({ type: 'answer.check' });
    expect(phase()).toBe('answering');
    expect(session().needsAnswer).toBe(true);
    expect(emitted).toEqual([]);

    actor.send({ type: 'hint.show' });
    actor.send({ type: 'answer.respond', response: { kind: 'single', choice: 1 } });
    actor.send({ type: 'answer.check' });
    expect(phase()).toBe('checked');
    expect(emitted).toEqual([{ type: 'progress.round', round: { seed: 'fresh', ids, answers: { one: { correct: true, response: '1', hinted: true } } } }]);
    // Locked once checked: neither a new response nor a second check changes anything.
    actor.send({ type: 'answer.respond', response: { kind: 'single', choice: 0 } });
    actor.send({ type: 'answer.check' });
    expect(session().graded.one.correct).toBe(true);
    expect(emitted).toHaveLength(1);

    actor.send({ type: 'question.next' });
    expect(phase()).toBe('answering');
    expect(currentId(session())).toBe('many');
    actor.send({ type: 'answer.respond', response: { kind: 'multiple', choices: [0, 2] } });
    actor.send({ type: 'answer.check' });
    actor.send({ type: 'question.next' });
    actor.send({ type: 'answer.check' }); // the ordering starts shuffled, so it can be checked as is
    expect(emitted.map((e) => e.type)).toEqual(['progress.round', 'progress.round', 'progress.round']);
    actor.send({ type: 'question.next' });
    expect(phase()).toBe('done');
    expect(emitted[3]).toMatchObject({ type: 'progress.finished' });
  });

  it('takes a simulation verdict only for a simulation question', () => {
    const { actor, phase, session } = start(['one', 'guess']);
    actor.send({ type: 'answer.simulated', correct: true, response: '0', choice: 0 });
    expect(phase()).toBe('answering');
    actor.send({ type: 'answer.respond', response: { kind: 'single', choice: 0 } });
    actor.send({ type: 'answer.check' });
    actor.send({ type: 'question.next' });
    actor.send({ type: 'answer.simulated', correct: true, response: '0', choice: 0 });
    expect(phase()).toBe('checked');
    expect(session().graded.guess).toEqual({ correct: true, response: '0' });
  });

  it('restores a saved round as an offer, then continues at the first unanswered question', () => {
    const { actor, emitted, phase, session } = start();
    const saved = { seed: 'saved', ids, answers: { one: { correct: false, response: '0', hinted: false } } };
    actor.send({ type: 'round.restore', round: saved });
    expect(phase()).toBe('resumed');
    // Answers are not taken while the offer is showing.
    actor.send({ type: 'answer.check' });
    expect(phase()).toBe('resumed');
    actor.send({ type: 'round.continue' });
    expect(phase()).toBe('answering');
    expect(currentId(session())).toBe('many');
    expect(session().seed).toBe('saved');
    expect(toSnapshot(session()).answers).toEqual({ one: { correct: false, response: '0', hinted: false } });
    expect(emitted).toEqual([]);
  });

  it('continuing a round whose answers are all in shows the result and saves the attempt', () => {
    const { actor, emitted, phase } = start(['one']);
    actor.send({ type: 'round.restore', round: { seed: 's', ids: ['one'], answers: { one: { correct: true, response: '1' } } } });
    actor.send({ type: 'round.continue' });
    expect(phase()).toBe('done');
    expect(emitted.map((e) => e.type)).toEqual(['progress.finished']);
  });

  it('starting over forgets the saved round: a new lesson round, or back to choosing a practice set', () => {
    const lesson = start();
    lesson.actor.send({ type: 'round.restore', round: { seed: 'saved', ids, answers: {} } });
    lesson.actor.send({ type: 'round.discard', ids, seed: 'new' });
    expect(lesson.phase()).toBe('answering');
    expect(lesson.session().seed).toBe('new');
    expect(lesson.emitted).toEqual([{ type: 'progress.discard' }]);

    const practice = start(null);
    practice.actor.send({ type: 'round.restore', round: { seed: 'saved', ids: ['one'], answers: {} } });
    expect(practice.phase()).toBe('resumed');
    practice.actor.send({ type: 'round.discard', ids: [], seed: 'new' });
    expect(practice.phase()).toBe('choosing');
    expect(practice.actor.getSnapshot().context.session).toBeNull();
    expect(practice.emitted).toEqual([{ type: 'progress.discard' }]);
  });

  it('ignores a saved round with nothing left to ask, and a new round without questions', () => {
    const { actor, phase } = start();
    actor.send({ type: 'round.restore', round: { seed: 's', ids: ['gone'], answers: {} } });
    expect(phase()).toBe('answering');
    const practice = start(null);
    practice.actor.send({ type: 'round.start', ids: ['gone'], seed: 's' });
    expect(practice.phase()).toBe('choosing');
  });

  it('a practice round ends, and the reader goes back to choosing', () => {
    const { actor, phase } = start(null);
    actor.send({ type: 'round.start', ids: ['one'], seed: 's' });
    actor.send({ type: 'answer.respond', response: { kind: 'single', choice: 2 } });
    actor.send({ type: 'answer.check' });
    actor.send({ type: 'question.next' });
    expect(phase()).toBe('done');
    actor.send({ type: 'round.start', ids: ['one'], seed: 'retry' });
    expect(phase()).toBe('answering');
    actor.send({ type: 'answer.respond', response: { kind: 'single', choice: 1 } });
    actor.send({ type: 'answer.check' });
    actor.send({ type: 'question.next' });
    actor.send({ type: 'practice.choose' });
    expect(phase()).toBe('choosing');
  });
});
