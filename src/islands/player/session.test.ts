import { describe, expect, it } from 'vitest';
import { explore } from '../../../sandboxes/kernel/index.ts';
import { kernel, protocols } from './kernel.ts';
import { allowedChoices, createReducer, currentRun, faultsUsed, firstBroken, initSession, pickAuto, replayFrames, worldAt, type SessionEvent, type SessionState } from './session.ts';
import type { Choice } from './model.ts';

const protocol = protocols['two-phase-commit'];
const reduce = createReducer(kernel);
const run = (s: SessionState, ...events: SessionEvent[]) => events.reduce(reduce, s);
const fresh = (scenarioId = 'all-vote-yes', extra: Partial<Parameters<typeof initSession>[1]> = {}) => initSession(kernel, { protocol, scenarioId, ...extra });
const here = (s: SessionState) => worldAt(kernel, s, s.timeline!.cursor)!;

describe('session controller', () => {
  it('opens at the scenario start with no steps', () => {
    const s = fresh();
    expect(s.startError).toBeNull();
    expect(s.timeline!.cursor).toBe(0);
    expect(s.timeline!.steps).toEqual([]);
    expect(s.config.size).toBe(3);
  });

  it('opens a scenario with its own numeric parameters, and a switch of scenario takes the new one’s', () => {
    // lww is W = R = 1 (every replica accepts writes); the protocol's default is a quorum of 2.
    const register = protocols['replicated-register'];
    const s = initSession(kernel, { protocol: register, scenarioId: 'lww' });
    expect(s.config.params).toEqual({ w: 1, r: 1 });
    const quorum = run(s, { type: 'scenario.select', id: 'quorum' });
    expect(quorum.config.params).toEqual({ w: 2, r: 2 });
    expect(run(quorum, { type: 'scenario.select', id: 'lww-two-writes' }).config.params).toEqual({ w: 1, r: 1 });
  });

  it('steps forward with the seeded scheduler, never a fault, the same way each time', () => {
    const a = run(fresh(), ...Array(6).fill({ type: 'step.forward' }));
    const b = run(fresh(), ...Array(6).fill({ type: 'step.forward' }));
    expect(a.timeline!.steps).toEqual(b.timeline!.steps);
    expect(a.timeline!.steps.length).toBe(6);
    expect(a.timeline!.steps.every((c) => !['crash', 'drop', 'duplicate', 'partition'].includes(c.kind))).toBe(true);
  });

  it('plays only while playing, and stops when only faults remain', () => {
    let s = fresh();
    expect(reduce(s, { type: 'play.tick' })).toBe(s);
    s = run(s, { type: 'play.toggle' });
    for (let i = 0; i < 60 && s.playing; i++) s = reduce(s, { type: 'play.tick' });
    expect(s.playing).toBe(false);
    expect(s.notice?.text).toMatch(/only faults/);
    expect(allowedChoices(kernel, s, here(s)).every((c) => ['crash', 'drop', 'duplicate', 'partition'].includes(c.kind))).toBe(true);
  });

  it('steps back and forward along the line without losing it', () => {
    let s = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' }, { type: 'step.forward' });
    s = run(s, { type: 'step.back' }, { type: 'step.back' });
    expect(s.timeline!.cursor).toBe(1);
    expect(s.timeline!.steps.length).toBe(3);
    s = run(s, { type: 'step.forward' });
    expect(s.timeline!.cursor).toBe(2);
    expect(run(s, { type: 'timeline.seek', index: 99 }).timeline!.cursor).toBe(3);
    expect(run(s, { type: 'step.first' }).timeline!.cursor).toBe(0);
  });

  it('branches when the past is changed, and restores the old future', () => {
    let s = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' }, { type: 'step.forward' });
    const oldSteps = s.timeline!.steps;
    s = run(s, { type: 'timeline.seek', index: 1 });
    const other = allowedChoices(kernel, s, here(s)).find((c) => JSON.stringify(c) !== JSON.stringify(oldSteps[1]))!;
    s = run(s, { type: 'choice.take', choice: other });
    expect(s.timeline!.steps.length).toBe(2);
    expect(s.timeline!.branches).toEqual([oldSteps]);
    s = run(s, { type: 'branch.restore', index: 0 });
    expect(s.timeline!.steps).toEqual(oldSteps);
    expect(s.timeline!.branches.length).toBe(1);
    expect(s.timeline!.branches[0][1]).toEqual(other);
  });

  it('taking the step that is already next moves forward without a branch', () => {
    let s = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' }, { type: 'step.first' });
    s = run(s, { type: 'choice.take', choice: s.timeline!.steps[0] });
    expect(s.timeline!.cursor).toBe(1);
    expect(s.timeline!.branches).toEqual([]);
  });

  it('refuses an illegal choice with a notice, not a throw', () => {
    const s = run(fresh(), { type: 'choice.take', choice: { kind: 'deliver', id: 999 } });
    expect(s.timeline!.steps).toEqual([]);
    expect(s.notice?.tone).toBe('error');
  });

  it('caps faults in total for break-it questions', () => {
    let s = fresh('coordinator-crash-after-prepare', { maxFaults: 1 });
    s = run(s, { type: 'choice.take', choice: { kind: 'crash', node: 'c' } });
    expect(faultsUsed(here(s))).toBe(1);
    // A prefix's own faults do not count against the reader's allowance.
    const pre = fresh('participant-crash-while-prepared', { maxFaults: 0 });
    expect(pre.startError).toBeNull();
    expect(allowedChoices(kernel, pre, pre.timeline!.root).some((c) => ['crash', 'drop', 'duplicate', 'partition'].includes(c.kind))).toBe(false);
    expect(allowedChoices(kernel, s, here(s)).some((c) => c.kind === 'partition')).toBe(false);
    const refused = run(s, { type: 'choice.take', choice: { kind: 'partition', groups: [['p1']] } });
    expect(refused.notice?.text).toMatch(/fault/);
  });

  it('ignores a parameter the protocol does not declare, or one out of its range', () => {
    const s = run(fresh(), { type: 'step.forward' });
    expect(run(s, { type: 'param.set', name: 'w', value: 2 })).toBe(s);
    const withW = { ...s, protocol: { ...s.protocol, params: [{ name: 'w', label: 'W', min: 1, max: 3, default: 2, description: '' }] } };
    expect(run(withW, { type: 'param.set', name: 'w', value: 4 })).toBe(withW);
    expect(run(withW, { type: 'param.set', name: 'w', value: 2 })).toBe(withW); // already the value
    expect(run(withW, { type: 'param.set', name: 'w', value: 3 }).config.params).toEqual({ w: 3 });
  });

  it('keeps the run through a variant change when it still replays', () => {
    let s = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' }, { type: 'step.back' });
    const steps = s.timeline!.steps;
    s = run(s, { type: 'flag.set', name: 'presumedAbort', value: true });
    expect(s.config.flags.presumedAbort).toBe(true);
    expect(s.timeline!.steps).toEqual(steps);
    expect(s.timeline!.cursor).toBe(1);
    // Said, and undoable: replaying one schedule under other settings is how a cause is tested.
    expect(s.notice?.text).toBe('Same 2-step schedule, replayed under the new settings.');
    s = run(s, { type: 'config.undo' });
    expect(s.config.flags.presumedAbort).toBe(false);
    expect(s.timeline!.steps).toEqual(steps);
  });

  it('cuts the run where it stops replaying, says so, and can undo', () => {
    // Three PREPAREs, then p3's vote (message 6); at 2 participants message 6 never exists.
    let s = fresh();
    for (const id of [1, 2, 3, 6]) s = run(s, { type: 'choice.take', choice: { kind: 'deliver', id } });
    const before = s;
    s = run(s, { type: 'size.set', size: 2 });
    expect(Object.keys(s.timeline!.root.nodes).length).toBe(3);
    expect(s.timeline!.steps.length).toBe(3);
    expect(s.notice?.text).toMatch(/step 4 no longer applies \(message 6 is not in flight\), so the run was cut to 3 steps/);
    s = run(s, { type: 'config.undo' });
    expect(s.config.size).toBe(3);
    expect(s.timeline).toEqual(before.timeline);
    expect(s.undo).toBeNull();
    expect(run(s, { type: 'size.set', size: 99 })).toBe(s);
  });

  it('a variant the reader turned on survives a scenario switch, which sets the old run aside', () => {
    let s = run(fresh(), { type: 'flag.set', name: 'presumedAbort', value: true }, { type: 'step.forward' });
    s = run(s, { type: 'scenario.select', id: 'vote-lost' });
    expect(s.scenarioId).toBe('vote-lost');
    expect(s.config.flags.presumedAbort).toBe(true);
    expect(s.timeline!.steps).toEqual([]);
    expect(s.notice?.text).toMatch(/set aside/);
    expect(run(s, { type: 'config.undo' }).scenarioId).toBe('all-vote-yes');
  });

  it('remembers how the cursor moved, so the move can be announced', () => {
    let s = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' });
    expect(s.moved).toBeNull();
    s = run(s, { type: 'step.back' });
    expect(s.moved).toEqual({ kind: 'back', cursor: 1 });
    expect(run(s, { type: 'step.last' }).moved).toEqual({ kind: 'jump', cursor: 2 });
    expect(run(s, { type: 'sim.reset' }).moved).toEqual({ kind: 'reset', cursor: 0 });
  });

  it('loads a run and reports the run it shows', () => {
    const base = run(fresh(), { type: 'step.forward' }, { type: 'step.forward' });
    const r = currentRun(base)!;
    const s = run(fresh('vote-lost'), { type: 'run.load', run: r });
    expect(s.scenarioId).toBe('all-vote-yes');
    expect(s.timeline!.steps).toEqual(r.choices);
    expect(s.timeline!.cursor).toBe(2);
    const other = run(fresh(), { type: 'run.load', run: { ...r, protocol: 'saga' } });
    expect(other.notice?.tone).toBe('error');
  });

  it('replays frames with narration and finds where an invariant first broke', () => {
    const scenario = protocol.scenarios.find((x) => x.id === 'coordinator-crash-after-commit')!;
    const config = { size: 2, flags: { ...scenario.config.flags, sendBeforeLog: true } };
    const result = explore(protocol, scenario, { config, maxDepth: 6 });
    expect(result.violations.length).toBeGreaterThan(0);
    const v = result.violations[0];
    let s = fresh('coordinator-crash-after-commit', { flags: { sendBeforeLog: true }, size: 2 });
    s = run(s, { type: 'explore.start' }, { type: 'explore.done', result }, { type: 'explore.replay', invariant: v.invariant });
    expect(s.playing).toBe(true);
    expect(s.timeline!.cursor).toBe(0);
    expect(s.timeline!.steps).toEqual(v.choices);
    const { frames, error } = replayFrames(kernel, protocol, s.config, s.timeline!);
    expect(error).toBeNull();
    expect(frames.length).toBe(v.choices.length + 1);
    expect(frames[1].narration.length).toBeGreaterThan(5);
    const k = firstBroken(frames)[v.invariant];
    expect(k).toBe(v.choices.length);
    for (let i = 0; i < v.choices.length + 3; i++) s = reduce(s, { type: 'play.tick' });
    expect(s.playing).toBe(false);
    expect(s.timeline!.steps.length).toBe(v.choices.length);
    expect(s.timeline!.cursor).toBe(v.choices.length);
  }, 30_000);

  it('pickAuto prefers requests and deliveries, then recoveries, then timers', () => {
    const cs: Choice[] = [{ kind: 'timer', node: 'c', name: 't' }, { kind: 'recover', node: 'p1' }, { kind: 'crash', node: 'c' }];
    expect(pickAuto(cs, 1, 0)).toEqual({ kind: 'recover', node: 'p1' });
    expect(pickAuto([{ kind: 'crash', node: 'c' }], 1, 0)).toBeNull();
    expect(pickAuto([{ kind: 'timer', node: 'c', name: 't' }, { kind: 'deliver', id: 4 }], 3, 9)).toEqual({ kind: 'deliver', id: 4 });
  });
});
