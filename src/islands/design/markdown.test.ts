import { describe, expect, it } from 'vitest';
import { blocks } from './markdown.ts';

describe('blocks', () => {
  it('splits paragraphs and lists, joining wrapped lines', () => {
    expect(blocks('One line\nwrapped.\n\n- a\n- b\n  continued\n\n1. first\n2. second\nAfter.')).toEqual([
      { kind: 'p', text: 'One line wrapped.' },
      { kind: 'ul', items: ['a', 'b continued'] },
      { kind: 'ol', items: ['first', 'second'] },
      { kind: 'p', text: 'After.' },
    ]);
  });

  it('starts a list right after a paragraph line and returns nothing for blank text', () => {
    expect(blocks('Lead:\n- x')).toEqual([{ kind: 'p', text: 'Lead:' }, { kind: 'ul', items: ['x'] }]);
    expect(blocks('  \n\n')).toEqual([]);
  });
});
