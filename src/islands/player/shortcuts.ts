/**
 * Keyboard shortcuts of the player, as data: the help dialog lists `SHORTCUTS`, and the key
 * handler asks `shortcutFor` what a key press means. Shortcuts apply only while focus is inside
 * the player, and never while the reader types in a text field or uses a native control that
 * already gives the key a meaning.
 */

export type ShortcutAction =
  | { type: 'step.forward' }
  | { type: 'step.back' }
  | { type: 'step.first' }
  | { type: 'step.last' }
  | { type: 'play.toggle' }
  | { type: 'speed.up' }
  | { type: 'speed.down' }
  | { type: 'choice.nth'; index: number }
  | { type: 'explore.start' }
  | { type: 'explore.cancel' }
  | { type: 'sim.reset' }
  | { type: 'share' }
  | { type: 'help' };

/** The shortcut table: keys (as KeyboardEvent.key values), what they do, and a label for help. */
export const SHORTCUTS: { keys: string[]; label: string; description: string }[] = [
  { keys: ['ArrowRight', 'l'], label: '→ or L', description: 'Step forward (replays the next step, or lets the scheduler pick one)' },
  { keys: ['ArrowLeft', 'h'], label: '← or H', description: 'Step back' },
  { keys: ['Home'], label: 'Home', description: 'Go to the start of the timeline' },
  { keys: ['End'], label: 'End', description: 'Go to the end of the timeline' },
  { keys: [' ', 'k'], label: 'Space or K', description: 'Play / pause' },
  { keys: ['+', '='], label: '+', description: 'Play faster' },
  { keys: ['-', '_'], label: '−', description: 'Play slower' },
  { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1 – 9', description: 'Take the nth choice in the "What can happen next" list' },
  { keys: ['f'], label: 'F', description: 'Find a violation (runs the explorer)' },
  { keys: ['Escape'], label: 'Esc', description: 'Cancel the explorer' },
  { keys: ['r'], label: 'R', description: 'Reset the simulation to the scenario start' },
  { keys: ['s'], label: 'S', description: 'Make a share link for this run' },
  { keys: ['?'], label: '?', description: 'Show this list of shortcuts' },
];

/** The parts of a key event the map needs (so it can be tested without a DOM). */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Focused element: its tag name (upper or lower case), input type, and whether it is editable. */
  targetTag?: string;
  targetType?: string;
  targetEditable?: boolean;
  /** role attribute of the focused element, if any. */
  targetRole?: string;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** True when the key belongs to the focused control rather than to the player. */
export function keyBelongsToControl(input: KeyInput): boolean {
  const tag = (input.targetTag ?? '').toLowerCase();
  const type = (input.targetType ?? '').toLowerCase();
  if (input.targetEditable || tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    if (TEXT_INPUT_TYPES.has(type) || type === '') return true;
    // A range slider owns its arrows and Home/End; checkboxes and radios own Space.
    if (type === 'range' && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(input.key)) return true;
    if ((type === 'checkbox' || type === 'radio') && (input.key === ' ' || input.key.startsWith('Arrow'))) return true;
  }
  // Buttons, links and summaries own Space and Enter.
  if ((tag === 'button' || tag === 'a' || tag === 'summary' || input.targetRole === 'button') && (input.key === ' ' || input.key === 'Enter')) return true;
  return false;
}

/** What a key press means in the player, or null to let it through. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (keyBelongsToControl(input)) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (/^[1-9]$/.test(key)) return { type: 'choice.nth', index: Number(key) - 1 };
  switch (key) {
    case 'ArrowRight':
    case 'l':
      return { type: 'step.forward' };
    case 'ArrowLeft':
    case 'h':
      return { type: 'step.back' };
    case 'Home':
      return { type: 'step.first' };
    case 'End':
      return { type: 'step.last' };
    case ' ':
    case 'k':
      return { type: 'play.toggle' };
    case '+':
    case '=':
      return { type: 'speed.up' };
    case '-':
    case '_':
      return { type: 'speed.down' };
    case 'f':
      return { type: 'explore.start' };
    case 'Escape':
      return { type: 'explore.cancel' };
    case 'r':
      return { type: 'sim.reset' };
    case 's':
      return { type: 'share' };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}
