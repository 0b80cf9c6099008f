import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonOrder } from '../curriculum/curriculum.ts';
import { lessonIdForPath, lessonIdsFromYaml } from './lesson-ids.ts';

describe('lesson ids for the page script', () => {
  it('reads exactly the curriculum order from content/curriculum.yaml', () => {
    const text = readFileSync(new URL('../../content/curriculum.yaml', import.meta.url), 'utf8');
    expect(lessonIdsFromYaml(text)).toEqual(lessonOrder);
  });

  it('handles quoting, comments, flow lists and sibling keys', () => {
    const text = ['modules:', '  - id: a', '    lessons:', "      - 'a/one' # first", '      - "a/two"', '    summary: x', '  - id: b', '    lessons: [b/one, b/two]', ''].join('\n');
    expect(lessonIdsFromYaml(text)).toEqual(['a/one', 'a/two', 'b/one', 'b/two']);
  });

  it('maps paths to listed ids only', () => {
    const ids = ['foundations/cap'];
    expect(lessonIdForPath('/foundations/cap/', ids)).toBe('foundations/cap');
    expect(lessonIdForPath('/foundations/cap/index.html', ids)).toBe('foundations/cap');
    expect(lessonIdForPath('/progress/', ids)).toBeNull();
    expect(lessonIdForPath('/', ids)).toBeNull();
    expect(lessonIdForPath('/%E0%A4%A/', ids)).toBeNull();
  });
});
