import { describe, expect, it } from 'vitest';
import { MASTERY_LABEL, masteryDetail, masteryLine } from './mastery-view.ts';

describe('mastery wording', () => {
  it('gives every level a glyph and words, never a glyph alone', () => {
    for (const { glyph, text } of Object.values(MASTERY_LABEL)) {
      expect(glyph).toMatch(/^[✓◐○]$/);
      expect(text.length).toBeGreaterThan(3);
    }
  });
  it('says what was answered and how much of it was right', () => {
    expect(masteryDetail({ questions: 4, answered: 0, right: 0 })).toBe('0 of 4 questions answered');
    expect(masteryDetail({ questions: 1, answered: 1, right: 1 })).toBe('1 of 1 question answered, right on the latest try');
    expect(masteryDetail({ questions: 5, answered: 3, right: 3 })).toBe('3 of 5 questions answered, all right on the latest try');
    expect(masteryDetail({ questions: 5, answered: 3, right: 1 })).toBe('3 of 5 questions answered, 1 right on the latest try');
    expect(masteryDetail({ questions: 0, answered: 0, right: 0 })).toBe('no questions test this yet');
  });
  it('puts the level first on the line', () => {
    expect(masteryLine({ id: 'x', text: 'Trace both phases', questions: 4, answered: 1, right: 0, level: 'learning' })).toBe(
      'Learning: 1 of 4 questions answered, 0 right on the latest try',
    );
  });
});
