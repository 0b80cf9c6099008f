import { describe, expect, it } from 'vitest';
import { curriculum, lessonHref, parseCurriculum, prerequisiteProblems, sidebarGroups } from './curriculum.ts';

describe('curriculum', () => {
  it('loads the course file with its modules in order', () => {
    expect(curriculum.modules.map((m) => m.id).slice(0, 2)).toEqual(['foundations', 'transactions']);
  });

  it('flags prerequisites that point forward, to themselves, or nowhere', () => {
    const order = ['a/one', 'a/two', 'b/three'];
    expect(prerequisiteProblems('a/two', ['a/one'], order)).toEqual([]);
    expect(prerequisiteProblems('a/two', ['b/three'], order)).toEqual(['a/two: prerequisite "b/three" does not come before it in the course']);
    expect(prerequisiteProblems('a/two', ['a/two'], order)).toHaveLength(1);
    expect(prerequisiteProblems('a/two', ['x/missing'], order)).toEqual(['a/two: prerequisite "x/missing" is not a lesson in the curriculum']);
  });

  it('rejects a malformed file with a message naming the field', () => {
    expect(() => parseCurriculum('modules:\n  - id: Bad Id\n    label: x\n    summary: y\n    lessons: []\n')).toThrow(
      /content\/curriculum.yaml is invalid: modules\.0\.id/,
    );
  });

  it('builds sidebar groups and links from the same order', () => {
    expect(sidebarGroups()[0].items[0]).toEqual({ slug: curriculum.modules[0].lessons[0] });
    expect(lessonHref('foundations/cap')).toBe('/foundations/cap/');
  });
});
