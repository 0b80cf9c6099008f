import { describe, expect, it } from 'vitest';
import { parseInline, plainInline } from './inline.ts';

describe('inline markdown', () => {
  it('reads code, emphasis and strong', () => {
    expect(parseInline('Send `PREPARE` to *every* participant, **then** wait')).toEqual([
      { kind: 'text', text: 'Send ' },
      { kind: 'code', text: 'PREPARE' },
      { kind: 'text', text: ' to ' },
      { kind: 'em', text: 'every' },
      { kind: 'text', text: ' participant, ' },
      { kind: 'strong', text: 'then' },
      { kind: 'text', text: ' wait' },
    ]);
  });

  it('leaves markup inside code, lone stars and HTML as text', () => {
    expect(parseInline('`a*b*c`')).toEqual([{ kind: 'code', text: 'a*b*c' }]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }]);
    expect(parseInline('<img src=x onerror=alert(1)> *unclosed')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> *unclosed' }]);
  });

  it('gives plain text for labels', () => {
    expect(plainInline('the `commit` **record**')).toBe('the commit record');
  });
});
