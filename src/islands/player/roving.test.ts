import { describe, expect, it } from 'vitest';
import { clampActive, rovingMove } from './roving.ts';

describe('roving focus', () => {
  it('moves with Up and Down, wrapping, and leaves other keys alone', () => {
    expect(rovingMove('ArrowDown', 0, 3)).toBe(1);
    expect(rovingMove('ArrowDown', 2, 3)).toBe(0);
    expect(rovingMove('ArrowUp', 0, 3)).toBe(2);
    expect(rovingMove('ArrowRight', 0, 3)).toBeNull();
    expect(rovingMove('ArrowDown', 0, 0)).toBeNull();
  });
  it('keeps the active index inside a list that changed length', () => {
    expect(clampActive(5, 3)).toBe(2);
    expect(clampActive(-1, 3)).toBe(0);
    expect(clampActive(2, 0)).toBe(0);
  });
});
