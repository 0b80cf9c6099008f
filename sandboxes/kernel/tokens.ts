/**
 * Run tokens: one short, URL-safe, human-readable word per choice, so quiz authors can write runs
 * in YAML and links stay short.
 *
 *   d3 deliver message 3     x3 drop message 3      u3 duplicate message 3
 *   c.p1 crash p1            r.p1 recover p1        t.p1.vote-timeout fire p1's vote-timeout
 *   i.c isolate c            h heal                 q.begin issue request `begin`
 *   p.c-p1.p2 partition into groups {c,p1} and {p2} (rest joins the last unnamed group)
 *
 * Only characters unreserved in URLs (letters, digits, `-`, `.`) appear in tokens; runs join tokens
 * with `_`. Node ids, timer and request names must therefore use letters, digits and `-`.
 */
import type { Choice } from './types.ts';

const NAME = /^[A-Za-z0-9-]+$/;

function checkName(what: string, s: string): string {
  if (!NAME.test(s)) throw new Error(`bad ${what} "${s}" (letters, digits and - only)`);
  return s;
}

/** The token for a choice. */
export function choiceToToken(c: Choice): string {
  switch (c.kind) {
    case 'deliver':
      return `d${c.id}`;
    case 'drop':
      return `x${c.id}`;
    case 'duplicate':
      return `u${c.id}`;
    case 'crash':
      return `c.${c.node}`;
    case 'recover':
      return `r.${c.node}`;
    case 'timer':
      return `t.${c.node}.${c.name}`;
    case 'partition':
      if (c.groups.length === 1 && c.groups[0].length === 1) return `i.${c.groups[0][0]}`;
      return 'p.' + c.groups.map((g) => g.join('-')).join('.');
    case 'heal':
      return 'h';
    case 'request':
      return `q.${c.name}`;
  }
}

/** The choice for a token; throws an Error saying what is wrong with a malformed token. */
export function tokenToChoice(token: string): Choice {
  const t = token.trim();
  const num = /^([dxu])([1-9][0-9]*)$/.exec(t);
  if (num) {
    const id = Number(num[2]);
    return num[1] === 'd' ? { kind: 'deliver', id } : num[1] === 'x' ? { kind: 'drop', id } : { kind: 'duplicate', id };
  }
  if (t === 'h') return { kind: 'heal' };
  const parts = t.split('.');
  const [head, ...rest] = parts;
  switch (head) {
    case 'c':
    case 'r':
    case 'i':
    case 'q':
      if (rest.length !== 1) break;
      if (head === 'c') return { kind: 'crash', node: checkName('node', rest[0]) };
      if (head === 'r') return { kind: 'recover', node: checkName('node', rest[0]) };
      if (head === 'i') return { kind: 'partition', groups: [[checkName('node', rest[0])]] };
      return { kind: 'request', name: checkName('request', rest[0]) };
    case 't':
      if (rest.length !== 2) break;
      return { kind: 'timer', node: checkName('node', rest[0]), name: checkName('timer', rest[1]) };
    case 'p':
      if (rest.length < 1) break;
      return { kind: 'partition', groups: rest.map((g) => g.split('-').map((n) => checkName('node', n))) };
  }
  throw new Error(`"${token}" is not a choice token (expected e.g. d3, x3, u3, c.p1, r.p1, t.p1.vote-timeout, i.c, h, q.begin)`);
}
