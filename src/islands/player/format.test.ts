import { describe, expect, it } from 'vitest';
import { compact, entries, recordText } from './format.ts';

describe('store and memory text', () => {
  it('renders log records and values compactly', () => {
    expect(recordText({ type: 'PREPARED', tx: 'T1' })).toBe('PREPARED tx="T1"');
    expect(recordText('COMMIT')).toBe('COMMIT');
    expect(compact({ votes: ['p1'], decided: null })).toBe('{votes: ["p1"], decided: null}');
  });
  it('splits a store into entries with the log as a list', () => {
    expect(entries({ log: [{ type: 'BEGIN' }], table: { a: 1 } })).toEqual([
      { key: 'log', items: ['BEGIN'], text: '' },
      { key: 'table', items: null, text: '{a: 1}' },
    ]);
    expect(entries(null)).toEqual([]);
  });
});
