import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts.ts';

describe('keyboard shortcuts', () => {
  it('maps the documented keys', () => {
    expect(shortcutFor({ key: 'ArrowRight' })).toEqual({ type: 'step.forward' });
    expect(shortcutFor({ key: 'ArrowLeft' })).toEqual({ type: 'step.back' });
    expect(shortcutFor({ key: ' ' })).toEqual({ type: 'play.toggle' });
    expect(shortcutFor({ key: '3' })).toEqual({ type: 'choice.nth', index: 2 });
    expect(shortcutFor({ key: 'F' })).toEqual({ type: 'explore.start' });
    expect(shortcutFor({ key: '?' })).toEqual({ type: 'help' });
    expect(shortcutFor({ key: '0' })).toBeNull();
    expect(shortcutFor({ key: 'x' })).toBeNull();
  });

  it('leaves modified keys and typing alone', () => {
    expect(shortcutFor({ key: 'f', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: 'f', targetTag: 'INPUT', targetType: 'text' })).toBeNull();
    expect(shortcutFor({ key: '1', targetTag: 'TEXTAREA' })).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight', targetTag: 'SELECT' })).toBeNull();
    expect(shortcutFor({ key: 'k', targetTag: 'DIV', targetEditable: true })).toBeNull();
  });

  it('lets native controls keep their own keys', () => {
    expect(shortcutFor({ key: 'ArrowRight', targetTag: 'INPUT', targetType: 'range' })).toBeNull();
    expect(shortcutFor({ key: 'f', targetTag: 'INPUT', targetType: 'range' })).toEqual({ type: 'explore.start' });
    expect(shortcutFor({ key: ' ', targetTag: 'BUTTON' })).toBeNull();
    expect(shortcutFor({ key: ' ', targetTag: 'INPUT', targetType: 'checkbox' })).toBeNull();
    expect(shortcutFor({ key: 'ArrowRight', targetTag: 'BUTTON' })).toEqual({ type: 'step.forward' });
  });

  it('documents every key it handles', () => {
    const documented = new Set(SHORTCUTS.flatMap((s) => s.keys));
    for (const key of ['ArrowRight', 'ArrowLeft', ' ', '1', '9', 'f', '?', 'Escape', 'Home', 'End', 'r', 's', '+', '-']) {
      expect(shortcutFor({ key })).not.toBeNull();
      expect(documented.has(key)).toBe(true);
    }
  });
});
