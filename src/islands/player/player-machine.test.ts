import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { kernel, protocols } from './kernel.ts';
import { playerMachine } from './player-machine.ts';
import { initSession } from './session.ts';

const protocol = protocols['two-phase-commit'];
const start = () => createActor(playerMachine, { input: { kernel, initial: initSession(kernel, { protocol, scenarioId: 'all-vote-yes' }) } }).start();

describe('player modes', () => {
  it('starts stepping with the explorer idle', () => {
    expect(start().getSnapshot().value).toEqual({ run: 'stepping', explorer: 'idle' });
  });

  it('play ticks only while playing, and stepping by hand stops the play', () => {
    const a = start();
    a.send({ type: 'play.tick' });
    expect(a.getSnapshot().context.timeline!.steps).toHaveLength(0);
    a.send({ type: 'play.toggle' });
    expect(a.getSnapshot().matches({ run: 'playing' })).toBe(true);
    a.send({ type: 'play.tick' });
    a.send({ type: 'play.tick' });
    expect(a.getSnapshot().context.timeline!.steps).toHaveLength(2);
    a.send({ type: 'step.back' });
    expect(a.getSnapshot().matches({ run: 'stepping' })).toBe(true);
  });

  it('a loaded run replays to its end and then is back to stepping: never playing and replaying at once', () => {
    const a = start();
    const choices = [{ kind: 'deliver', id: 1 } as const, { kind: 'deliver', id: 4 } as const];
    a.send({ type: 'run.load', run: { protocol: protocol.id, scenario: 'all-vote-yes', config: a.getSnapshot().context.config, choices }, play: true });
    expect(a.getSnapshot().matches({ run: 'replaying' })).toBe(true);
    for (let i = 0; i < 4; i++) a.send({ type: 'play.tick' });
    expect(a.getSnapshot().matches({ run: 'stepping' })).toBe(true);
    expect(a.getSnapshot().context.timeline!.cursor).toBe(2);
  });

  it('explorer progress and results count only while it runs; a settings change clears a result', () => {
    const a = start();
    a.send({ type: 'explore.progress', progress: { worlds: 1, transitions: 1, depth: 1 } });
    expect(a.getSnapshot().context.explorer.status).toBe('idle');
    a.send({ type: 'explore.start' });
    expect(a.getSnapshot().matches({ explorer: 'running' })).toBe(true);
    a.send({ type: 'explore.done', result: { worlds: 1, transitions: 0, depth: 0, ms: 0, complete: true, stoppedBy: null, violations: [] } });
    expect(a.getSnapshot().matches({ explorer: 'done' })).toBe(true);
    a.send({ type: 'flag.set', name: 'presumedAbort', value: true });
    expect(a.getSnapshot().matches({ explorer: 'idle' })).toBe(true);
  });
});
