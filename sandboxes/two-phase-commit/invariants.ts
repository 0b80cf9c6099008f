/**
 * What two-phase commit promises, as named predicates over a world: the atomic commitment
 * properties of Bernstein, Hadzilacos & Goodman 1987, ch. 7 (AC1–AC5): agreement, validity,
 * non-triviality, finality of decisions, and termination.
 *
 * Safety is judged on ghost state (ghost.ts): what each node actually did, which crashes do not
 * erase and machines never read. A participant's log alone would not do: a lazily written COMMIT
 * can vanish in a crash after the participant already committed. Liveness is judged by the
 * kernel's reachability check (see `Invariant.kind`). Pure functions of the world.
 */
import type { Choice, Invariant, NodeRecord, World } from '../kernel/types.ts';
import { GHOST } from './ghost.ts';
import { list, stateOf } from './read.ts';

const COORD = 'c';

function participants(world: World): [string, NodeRecord][] {
  return Object.entries(world.nodes).filter(([, n]) => n.role === 'participant');
}

/** Participants, then the coordinator. */
function withCoordinator(world: World): [string, NodeRecord][] {
  return [...participants(world), [COORD, world.nodes[COORD]]];
}

/** The node's ghost records (what it did). */
function did(n: NodeRecord, record: string): boolean {
  const audit = (n.store as { audit?: string[] } | null)?.audit;
  return Array.isArray(audit) && audit.includes(record);
}

const verb = { commit: 'committed', abort: 'aborted' } as const;

type Decision = { id: string; outcome: 'commit' | 'abort' };

function decisions(id: string, n: NodeRecord): Decision[] {
  const out: Decision[] = [];
  if (did(n, GHOST.decidedCommit)) out.push({ id, outcome: 'commit' });
  if (did(n, GHOST.decidedAbort)) out.push({ id, outcome: 'abort' });
  return out;
}

const atomicity: Invariant = {
  name: 'atomicity',
  title: 'Atomicity (agreement)',
  description: 'No two nodes reach different decisions: none commits while another aborts.',
  kind: 'safety',
  check(world) {
    // Participants first, so the message names the nodes the reader watches. One node deciding
    // both ways is finality's to report; here two different nodes must disagree.
    const all = withCoordinator(world).flatMap(([id, n]) => decisions(id, n));
    const name = (d: Decision) => (d.id === COORD ? `${COORD} decided ${d.outcome}` : `${d.id} ${verb[d.outcome]}`);
    for (const a of all) {
      if (a.outcome !== 'commit') continue;
      const b = all.find((x) => x.outcome === 'abort' && x.id !== a.id);
      if (b) return `${name(a)} while ${name(b)}`;
    }
    return null;
  },
};

const validity: Invariant = {
  name: 'validity',
  title: 'Validity',
  description: 'Commit is decided only after every participant has actually voted yes.',
  kind: 'safety',
  check(world) {
    const ps = participants(world);
    const missing = ps.find(([, n]) => !did(n, GHOST.votedYes));
    if (!missing) return null;
    const committer = withCoordinator(world).find(([, n]) => did(n, GHOST.decidedCommit));
    if (!committer) return null;
    const who = committer[0] === COORD ? `${COORD} decided commit` : `${committer[0]} committed`;
    return did(missing[1], GHOST.votedNo) ? `${who} although ${missing[0]} voted no` : `${who} before ${missing[0]} voted yes`;
  },
};

const finality: Invariant = {
  name: 'decisions-final',
  title: 'Decisions are final',
  description: 'A node that has decided never decides the opposite, not even after a crash.',
  kind: 'safety',
  check(world) {
    for (const [id, n] of withCoordinator(world)) {
      if (did(n, GHOST.decidedCommit) && did(n, GHOST.decidedAbort)) return `${id} decided commit and later abort`;
    }
    return null;
  },
};

const noFaultYet = (world: World): boolean => world.used.crash + world.used.drop + world.used.duplicate + world.used.partition === 0;

const nonTriviality: Invariant = {
  name: 'non-triviality',
  title: 'Non-triviality',
  description: 'If every participant votes yes and nothing fails (no crash, no lost message, no timeout), the outcome is commit.',
  kind: 'liveness',
  // The premise: nothing has failed so far (no fault in the scenario's prefix, and the run since
  // its start made of deliveries and requests only: viaFromStart), and nobody voted no.
  from: (world) => noFaultYet(world) && participants(world).every(([, n]) => !did(n, GHOST.votedNo)),
  // Failure-free continuations: no faults and no timeouts.
  via: (c: Choice) => c.kind === 'deliver' || c.kind === 'request',
  viaFromStart: true,
  stuck: 'no continuation without faults or timeouts gets there',
  check(world) {
    const ps = participants(world);
    if (ps.some(([, n]) => did(n, GHOST.votedNo))) return null;
    const open = ps.filter(([, n]) => !did(n, GHOST.decidedCommit)).map(([id]) => id);
    return open.length ? `all can vote yes and nothing has failed, yet ${list(open)} never ${open.length > 1 ? 'commit' : 'commits'}` : null;
  },
};

const termination: Invariant = {
  name: 'termination',
  title: 'Termination',
  description:
    'Once failures are repaired and no new ones happen, every participant decides and the coordinator finishes with the transaction.',
  kind: 'liveness',
  check(world) {
    const open = participants(world).filter(([, n]) => stateOf(n) !== 'committed' && stateOf(n) !== 'aborted').map(([id]) => id);
    if (open.length) return `${list(open)} never ${open.length > 1 ? 'decide' : 'decides'}`;
    const c = world.nodes[COORD];
    const cState = stateOf(c);
    if (cState !== 'ended' && !(cState === 'idle' && world.pendingRequests.length === 0)) return `${COORD} never finishes T1 (it stays ${cState ?? 'down'})`;
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
    const who = inDoubt.length === 1 ? `${inDoubt[0]} is` : `${list(inDoubt)} are`;
    return `coordinator is ${c.up ? 'cut off' : 'down'} after prepare; ${who} in doubt holding locks`;
  },
};

/** Safety first, then the observation and the liveness checks. */
export const invariants: Invariant[] = [atomicity, validity, finality, blocked, nonTriviality, termination];
