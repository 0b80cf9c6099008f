/**
 * What two-phase commit promises, as named predicates over a world (BHG 1987 ch. 7, "AC1–AC5").
 *
 * Read from durable logs where possible, because what a node wrote survives its crash and is what
 * it acted on. Pure functions of the world; no history is kept, so "told the opposite" is read
 * from the coordinator's log, its memory and the messages it has in flight.
 */
import type { Invariant, Json, NodeRecord, World } from '../kernel/types.ts';
import { abortReason, hasRecord, loggedOutcome } from './store.ts';

const COORD = 'c';

function participants(world: World): [string, NodeRecord][] {
  return Object.entries(world.nodes).filter(([, n]) => n.role === 'participant');
}

function stateOf(n: NodeRecord): string | null {
  const s = n.snapshot as { value?: Json } | null;
  return n.up && s && typeof s.value === 'string' ? s.value : null;
}

function coordinatorDecision(world: World): 'commit' | 'abort' | null {
  const c = world.nodes[COORD];
  const ctx = (c.snapshot as { context?: { decision?: 'commit' | 'abort' | null } } | null)?.context;
  return c.up && ctx ? (ctx.decision ?? null) : null;
}

function willVote(n: NodeRecord): string {
  return (n.store as { willVote?: string }).willVote ?? 'yes';
}

const atomicity: Invariant = {
  name: 'atomicity',
  title: 'Atomicity',
  description: 'All participants reach the same outcome: none commits while another aborts.',
  kind: 'safety',
  check(world) {
    const ps = participants(world);
    const committed = ps.find(([, n]) => loggedOutcome(n.store) === 'commit');
    const aborted = ps.find(([, n]) => loggedOutcome(n.store) === 'abort');
    return committed && aborted ? `${committed[0]} committed while ${aborted[0]} aborted` : null;
  },
};

const validity: Invariant = {
  name: 'validity',
  title: 'Validity',
  description: 'The outcome is commit only if every participant voted yes.',
  kind: 'safety',
  check(world) {
    const no = participants(world).find(([, n]) => willVote(n) === 'no');
    if (!no) return null;
    const committed = participants(world).find(([, n]) => loggedOutcome(n.store) === 'commit');
    if (committed) return `${committed[0]} committed although ${no[0]} voted no`;
    if (loggedOutcome(world.nodes[COORD].store) === 'commit' || coordinatorDecision(world) === 'commit') {
      return `${COORD} decided commit although ${no[0]} voted no`;
    }
    return null;
  },
};

const durableDecision: Invariant = {
  name: 'durable-decision',
  title: 'Durable decision',
  description:
    'Once a participant has acted on the coordinator’s decision, the coordinator never decides or announces the opposite, even after a crash.',
  kind: 'safety',
  check(world) {
    for (const [id, n] of participants(world)) {
      const outcome = loggedOutcome(n.store);
      // A unilateral abort (before voting, or by an unsafe shortcut) was not the coordinator's word.
      const acted = outcome === 'commit' ? 'commit' : outcome === 'abort' && abortReason(n.store) === 'global' ? 'abort' : null;
      if (!acted) continue;
      const opposite = acted === 'commit' ? 'abort' : 'commit';
      const verb = acted === 'commit' ? 'committed' : 'aborted on GLOBAL_ABORT';
      const c = world.nodes[COORD];
      if (loggedOutcome(c.store) === opposite) return `${id} ${verb}, but ${COORD}'s log says ${opposite.toUpperCase()}`;
      if (coordinatorDecision(world) === opposite) return `${id} ${verb}, but ${COORD} has decided ${opposite}`;
      const type = opposite === 'commit' ? 'GLOBAL_COMMIT' : 'GLOBAL_ABORT';
      const m = world.inFlight.find((x) => x.from === COORD && x.type === type);
      if (m) return `${id} ${verb}, but ${COORD} is telling ${m.to} ${type}`;
    }
    return null;
  },
};

const blocked: Invariant = {
  name: 'blocked',
  title: 'Blocked',
  description: 'Participants that voted yes cannot finish while the coordinator is unreachable: they wait in doubt, holding locks.',
  kind: 'observation',
  check(world) {
    const c = world.nodes[COORD];
    const cut = (p: string) => world.partition !== null && !world.partition.some((g) => g.includes(COORD) && g.includes(p));
    const inDoubt = participants(world)
      .filter(([id, n]) => stateOf(n) === 'prepared' && (!c.up || cut(id)))
      .map(([id]) => id);
    if (!inDoubt.length) return null;
    const who = inDoubt.length === 1 ? `${inDoubt[0]} is` : `${inDoubt.slice(0, -1).join(', ')} and ${inDoubt[inDoubt.length - 1]} are`;
    return `coordinator is ${c.up ? 'cut off' : 'down'} after prepare; ${who} in doubt holding locks`;
  },
};

const termination: Invariant = {
  name: 'termination',
  title: 'Termination',
  description: 'When nothing but faults can happen and every node is up, every participant has decided.',
  kind: 'liveness',
  check(world) {
    if (Object.values(world.nodes).some((n) => !n.up)) return null;
    const open = participants(world).filter(([, n]) => loggedOutcome(n.store) === null).map(([id]) => id);
    return open.length ? `${open.join(', ')} never decided` : null;
  },
};

/** Safety first, then the observation and the liveness check. */
export const invariants: Invariant[] = [atomicity, validity, durableDecision, blocked, termination];

/** True when the coordinator's log holds a decision record (used by tests and narration). */
export function coordinatorLogged(world: World): boolean {
  return hasRecord(world.nodes[COORD].store, 'COMMIT') || hasRecord(world.nodes[COORD].store, 'ABORT');
}
