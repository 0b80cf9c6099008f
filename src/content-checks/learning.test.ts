import { describe, expect, it } from 'vitest';
import { checkpointProblems, checkpointUses, objectiveProblems, type BankFacts } from './learning.ts';
import type { LessonFile } from './lessons.ts';

const banks: Record<string, BankFacts> = {
  '2pc': {
    lesson: 'transactions/2pc',
    questions: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, objectives: id === 'f' ? ['blocking'] : ['phases'] })),
  },
};
const lesson = (body: string, objectives: unknown = [{ id: 'phases', text: 'Trace the phases' }, { id: 'blocking', text: 'Explain blocking' }]): LessonFile => ({
  id: 'transactions/2pc',
  path: 'content/lessons/transactions/2pc.mdx',
  frontmatter: { objectives },
  body,
});

describe('checkpointUses', () => {
  it('reads bank, name and ids, over several lines and either quote', () => {
    const body = `Text\n\n<Checkpoint\n  bank="2pc"\n  name="phases"\n  title="Check"\n  ids={['a', "b",\n 'c']}\n/>\n`;
    expect(checkpointUses(body)).toMatchObject([{ bank: '2pc', name: 'phases', ids: ['a', 'b', 'c'] }]);
  });
});

describe('checkpointProblems', () => {
  it('accepts checkpoints that ask known, distinct questions', () => {
    const body = `<Checkpoint bank="2pc" name="one" ids={["a","b","c"]} />\n<Checkpoint bank="2pc" name="two" ids={["d","e","f"]} />\n<Quiz bank="2pc" ids={["a","f"]} />`;
    expect(checkpointProblems(lesson(body), banks)).toEqual([]);
  });
  it('names the lesson and the id of a question the bank does not have', () => {
    const body = `<Checkpoint bank="2pc" name="one" ids={["a","b","nope"]} />`;
    expect(checkpointProblems(lesson(body), banks)).toEqual([
      'content/lessons/transactions/2pc.mdx: checkpoint "one" names question "nope", which bank "2pc" does not have',
    ]);
  });
  it('fails a question that sits in two checkpoints of the lesson', () => {
    const body = `<Checkpoint bank="2pc" name="one" ids={["a","b","c"]} />\n<Checkpoint bank="2pc" name="two" ids={["c","d","e"]} />`;
    expect(checkpointProblems(lesson(body), banks)).toEqual([
      'content/lessons/transactions/2pc.mdx: question "c" appears in both checkpoint "one" and checkpoint "two"',
    ]);
  });
  it('fails a missing bank, a repeated name, a bad size and a bad Quiz subset', () => {
    const body = [
      `<Checkpoint bank="gone" name="x" ids={["a","b","c"]} />`,
      `<Checkpoint bank="2pc" name="one" ids={["a","b"]} />`,
      `<Checkpoint bank="2pc" name="one" ids={["c","d","e"]} />`,
      `<Quiz bank="2pc" ids={["zz"]} />`,
    ].join('\n');
    const problems = checkpointProblems(lesson(body), banks);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('uses bank "gone", which does not exist');
    expect(problems[1]).toContain('asks 2 questions; a checkpoint asks 3 to 5');
    expect(problems[2]).toContain('checkpoint "one" is used twice');
    expect(problems[3]).toContain('names question "zz"');
  });
});

describe('objectiveProblems', () => {
  it('accepts a lesson whose objectives are all tested by known ids', () => {
    expect(objectiveProblems(lesson(''), banks)).toEqual([]);
  });
  it('fails an objective with no question, naming it', () => {
    const three = [{ id: 'phases', text: 'x' }, { id: 'blocking', text: 'y' }, { id: 'costs', text: 'z' }];
    expect(objectiveProblems(lesson('', three), banks)).toEqual(['content/lessons/transactions/2pc.mdx: objective "costs" is tested by no question in its quiz banks']);
  });
  it('fails a question naming a missing objective, or none', () => {
    const bad: Record<string, BankFacts> = {
      '2pc': { lesson: 'transactions/2pc', questions: [{ id: 'a', objectives: ['phases', 'typo'] }, { id: 'b', objectives: ['blocking'] }, { id: 'c', objectives: [] }] },
    };
    expect(objectiveProblems(lesson(''), bad)).toEqual([
      'content/quizzes/2pc.yaml: question "a" names objective "typo", which content/lessons/transactions/2pc.mdx does not have (it has: phases, blocking)',
      'content/quizzes/2pc.yaml: question "c" names no objective of transactions/2pc',
    ]);
  });
});
