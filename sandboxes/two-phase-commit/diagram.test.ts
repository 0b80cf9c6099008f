// The state diagrams a reader sees for 2PC: only what each variant lets happen, in the lessons' names.
import { describe, expect, it } from 'vitest';
import { explore, stateDiagram } from '../kernel/index.ts';
import type { Invariant, Protocol } from '../kernel/types.ts';
import p from './index.ts';

const diagram = (role: string, flags: Record<string, boolean> = {}) => stateDiagram(p.machines[role], { protocol: p, flags });
const edge = (d: ReturnType<typeof diagram>, from: string, to: string, event: string) =>
  d.transitions.filter((t) => t.from === from && t.to === to && t.event === event);

describe('2PC state diagrams for readers', () => {
  it('flagGuards name real guards and real flags', () => {
    const flagNames = p.flags.map((f) => f.name);
    for (const [guard, flag] of Object.entries(p.flagGuards ?? {})) {
      expect(flagNames).toContain(flag);
      const declared = Object.values(p.machines).some((m) => guard in ((m as unknown as { implementations: { guards: object } }).implementations.guards ?? {}));
      expect(declared, guard).toBe(true);
    }
    for (const role of Object.keys(p.stateNames ?? {})) {
      const ids = diagram(role).states.map((s) => s.id);
      for (const id of Object.keys(p.stateNames?.[role] ?? {})) expect(ids).toContain(id);
    }
  });

  it('a prepared participant waits on decision-timeout unless abortWhenInDoubt is on', () => {
    const safe = diagram('participant');
    expect(edge(safe, 'prepared', 'aborted', 'timer.decision-timeout')).toEqual([]);
    expect(edge(safe, 'prepared', 'prepared', 'timer.decision-timeout')).toEqual([
      { from: 'prepared', to: 'prepared', event: 'timer.decision-timeout', label: 'decision-timeout fires' },
    ]);
    const unsafe = diagram('participant', { abortWhenInDoubt: true });
    expect(edge(unsafe, 'prepared', 'aborted', 'timer.decision-timeout')).toHaveLength(1);
    expect(edge(unsafe, 'prepared', 'prepared', 'timer.decision-timeout')).toEqual([]);
  });

  it('voteWithoutLog changes no edge: both ways PREPARE leads to prepared', () => {
    for (const voteWithoutLog of [false, true]) {
      const d = diagram('participant', { voteWithoutLog });
      expect(edge(d, 'working', 'prepared', 'PREPARE').map((t) => t.label)).toEqual(['PREPARE [otherwise]']);
      expect(edge(d, 'working', 'aborted', 'PREPARE').map((t) => t.label)).toEqual(['PREPARE [its work failed]']);
    }
  });

  it('the coordinator goes from collecting to ended only under presumed abort', () => {
    const standard = diagram('coordinator');
    expect(standard.transitions.filter((t) => t.from === 'collecting' && t.to === 'ended')).toEqual([]);
    expect(edge(standard, 'collecting', 'aborting', 'VOTE_ABORT')).toHaveLength(1);
    const pa = diagram('coordinator', { presumedAbort: true });
    expect(pa.transitions.filter((t) => t.from === 'collecting' && t.to === 'ended').map((t) => t.label)).toEqual(['VOTE_ABORT', 'vote-timeout fires']);
    expect(pa.transitions.filter((t) => t.from === 'collecting' && t.to === 'aborting')).toEqual([]);
  });

  it('shows no kernel plumbing: no start state, no timer. or request. prefixes, recovery edges by what the log holds', () => {
    for (const role of ['coordinator', 'participant']) {
      const d = diagram(role);
      expect(d.states.map((s) => s.id)).not.toContain('start');
      expect(d.transitions.some((t) => t.from === 'start' || t.to === 'start')).toBe(false);
      expect(d.recovery).toBe('recovering');
      for (const t of d.transitions) expect(t.label).not.toMatch(/timer\.|request\.|\(always\)/);
    }
    expect(diagram('coordinator').initial).toBe('idle');
    expect(diagram('participant').initial).toBe('working');
    expect(diagram('coordinator').transitions.filter((t) => t.from === 'recovering').map((t) => `${t.to}: ${t.label}`)).toEqual([
      'ended: log has END',
      'committing: log has COMMIT',
      'aborting: log has ABORT',
      'idle: otherwise',
    ]);
    expect(edge(diagram('coordinator'), 'idle', 'collecting', 'request.begin')[0].label).toBe('client: begin');
    expect(edge(diagram('coordinator'), 'collecting', 'aborting', 'timer.vote-timeout')[0].label).toBe('vote-timeout fires');
  });

  it('labels states with the textbook names the lessons use', () => {
    const names = (role: string) => Object.fromEntries(diagram(role).states.map((s) => [s.id, s.textbook ?? null]));
    expect(names('coordinator')).toEqual({
      idle: 'INIT',
      collecting: 'WAIT',
      committing: 'COMMIT',
      aborting: 'ABORT',
      ended: 'forgotten (after END)',
      recovering: null,
    });
    expect(names('participant')).toEqual({ working: 'INIT', prepared: 'READY', committed: 'COMMIT', aborted: 'ABORT', recovering: null });
  });

  it('shows self-loops: resends, repeated votes and answered inquiries', () => {
    const c = diagram('coordinator');
    expect(edge(c, 'committing', 'committing', 'timer.ack-timeout')).toHaveLength(1);
    expect(edge(c, 'idle', 'idle', 'DECISION_REQUEST')).toHaveLength(1);
    expect(edge(c, 'collecting', 'collecting', 'VOTE_COMMIT').map((t) => t.label)).toEqual(['VOTE_COMMIT [otherwise]']);
    expect(edge(c, 'collecting', 'committing', 'VOTE_COMMIT').map((t) => t.label)).toEqual(['VOTE_COMMIT [last yes vote]']);
    expect(edge(diagram('participant'), 'aborted', 'aborted', 'PREPARE')).toHaveLength(1);
  });

  it('under presumed abort the coordinator has no ABORT state: nothing can reach it', () => {
    expect(diagram('coordinator').states.map((s) => s.id)).toContain('aborting');
    const pa = diagram('coordinator', { presumedAbort: true });
    expect(pa.states.map((s) => s.id)).not.toContain('aborting');
    expect(pa.transitions.filter((t) => t.from === 'aborting' || t.to === 'aborting')).toEqual([]);
    expect(edge(pa, 'collecting', 'ended', 'VOTE_ABORT')).toHaveLength(1);
    // The participant still logs ABORT under presumed abort (lazily), so it keeps that state.
    expect(diagram('participant', { presumedAbort: true }).states.map((s) => s.id)).toContain('aborted');
  });

  it('guardsOffWhen tells the truth: with presumed abort on, no reachable world has ABORT in the coordinator log', () => {
    const noAbortLogged: Invariant = {
      name: 'no-abort-logged',
      title: 'No ABORT in the coordinator log',
      description: 'test only',
      kind: 'safety',
      check(world) {
        const log = (world.nodes.c?.store as { log?: { type?: string }[] } | null)?.log ?? [];
        return log.some((r) => r.type === 'ABORT') ? 'c logged ABORT' : null;
      },
    };
    const probe: Protocol = { ...p, invariants: [noAbortLogged] };
    for (const sc of p.scenarios) {
      const scenario = { ...sc, config: { ...sc.config, size: 2, flags: { ...sc.config.flags, presumedAbort: true } } };
      const r = explore(probe, scenario);
      expect(r.complete, sc.id).toBe(true);
      expect(r.violations, sc.id).toEqual([]);
    }
    // And the probe can fail: without presumed abort the coordinator does log ABORT somewhere.
    const sc = p.scenarios.find((x) => x.id === 'one-votes-no')!;
    const off = explore(probe, { ...sc, config: { ...sc.config, size: 2, flags: { ...sc.config.flags, presumedAbort: false } } });
    expect(off.violations.map((v) => v.invariant)).toEqual(['no-abort-logged']);
  });
});
