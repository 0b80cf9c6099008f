/**
 * What the saga promises, as named predicates over a world: Garcia-Molina & Salem's guarantee
 * (T1…Tn, or T1…Tj then Cj…C1) as `all-or-compensated`, and the safety properties a shop needs
 * on top of it (Richardson 2018 ch. 4; McCaffrey 2017): no double charge, no refund of what was
 * never reserved, nothing left reserved for a rejected order, the credit limit, one outcome per
 * order. Observations show what a saga does not promise: isolation (Frank & Zahle 1998).
 *
 * Judged on what services did: the participants' forced, append-only ledgers and the order
 * service's ghost records, never on a machine's intentions. Pure functions of the world.
 */
import type { Invariant, World } from '../kernel/types.ts';
import { ORDER, PAYMENT, INVENTORY } from './data.ts';
import { ledgerOf, recordsOf, totalHeld, type LedgerRecord } from './ledger.ts';
import { atRest, audit, creditHeld, list, ordersInPlay, sagaIn, stockHeld } from './read.ts';

/** Why an order has not ended well, or null when it ended approved with every step standing or rejected with every step undone. */
function unfinished(world: World, o: string): string | null {
  const saga = sagaIn(world, o);
  const credit = creditHeld(world, o);
  const stock = stockHeld(world, o);
  if (!saga) return `the order service has no record of ${o}${credit ? ', while payment holds its credit' : ''}`;
  if (saga.step !== 'done') return `${o} is ${saga.status} and its saga never ends`;
  if (saga.status === 'APPROVED') {
    if (!credit) return `${o} is APPROVED but payment holds none of its credit`;
    if (!stock) return `${o} is APPROVED but inventory holds no stock for it`;
    return null;
  }
  if (credit) return `${o} is REJECTED but payment still holds its credit`;
  if (stock) return `${o} is REJECTED but inventory still holds its stock`;
  return null;
}

const allOrCompensated: Invariant = {
  name: 'all-or-compensated',
  title: 'All or compensated',
  description:
    'Once failures are repaired and messages drain, every order is APPROVED with every step standing, or REJECTED with every completed step compensated.',
  kind: 'liveness',
  check(world) {
    for (const o of ordersInPlay(world)) {
      const why = unfinished(world, o);
      if (why) return why;
    }
    return null;
  },
};

/** Reservations per order in one ledger, in order. */
function reserves(records: LedgerRecord[], o: string): number {
  return records.filter((r) => r.type === 'RESERVED' && r.order === o).length;
}

const noDoubleCharge: Invariant = {
  name: 'no-double-charge',
  title: 'No double charge',
  description: 'No order has credit (or stock) reserved twice.',
  kind: 'safety',
  check(world) {
    for (const [id, what] of [[PAYMENT, 'credit'], [INVENTORY, 'stock']] as const) {
      const records = recordsOf(world.nodes[id].store);
      for (const r of records) if (r.type === 'RESERVED' && reserves(records, r.order) > 1) return `${id} reserved ${what} for ${r.order} twice`;
    }
    return null;
  },
};

const noPhantomRefund: Invariant = {
  name: 'no-phantom-refund',
  title: 'No phantom refund',
  description: 'Payment never releases credit it had not reserved for that order.',
  kind: 'safety',
  check(world) {
    const held: Record<string, number> = {};
    for (const r of recordsOf(world.nodes[PAYMENT].store)) {
      if (r.type === 'RESERVED') held[r.order] = (held[r.order] ?? 0) + 1;
      if (r.type !== 'RELEASED') continue;
      if (!held[r.order]) return `payment released credit for ${r.order} that it never reserved`;
      held[r.order] = 0;
    }
    return null;
  },
};

const noStockForRejected: Invariant = {
  name: 'no-stock-for-rejected',
  title: 'Nothing held for a rejected order',
  description:
    'When the system is at rest (no message in flight, no timer armed, every service up), no credit or stock is held for a REJECTED order.',
  kind: 'safety',
  // Judged only at rest: while a saga compensates, its credit is rightly still held (a saga's
  // intermediate states are visible), and only a world where nothing more can happen shows a
  // leftover for certain. As safety it names that world, with the shortest run into it.
  check(world) {
    if (!atRest(world)) return null;
    for (const o of ordersInPlay(world)) {
      if (sagaIn(world, o)?.status !== 'REJECTED') continue;
      if (creditHeld(world, o)) return `${o} was rejected, yet payment still holds its credit with nothing left to release it`;
      if (stockHeld(world, o)) return `${o} was rejected, yet inventory still holds its stock with nothing left to release it`;
    }
    return null;
  },
};

const creditLimit: Invariant = {
  name: 'credit-limit',
  title: 'Credit limit',
  description: 'The credit payment holds for the customer never exceeds the credit limit.',
  kind: 'safety',
  check(world) {
    const store = world.nodes[PAYMENT].store as { capacity?: number };
    const held = totalHeld(ledgerOf(world.nodes[PAYMENT].store));
    const limit = store.capacity ?? 0;
    return held > limit ? `payment holds ${held} of credit against a limit of ${limit}` : null;
  },
};

const oneOutcome: Invariant = {
  name: 'one-outcome',
  title: 'One outcome per order',
  description: 'No order is both rejected (or cancelled) and approved.',
  kind: 'safety',
  check(world) {
    const a = audit(world.nodes[ORDER]);
    for (const o of ordersInPlay(world)) {
      if (a.includes(`${o} approved`) && a.includes(`${o} rejected`)) return `${o} was both rejected and approved: one write overwrote the other`;
    }
    return null;
  },
};

const noIsolation: Invariant = {
  name: 'no-isolation',
  title: 'Intermediate state visible',
  description: 'A PENDING order’s reservation is already visible to other sagas: sagas are ACD, not ACID.',
  kind: 'observation',
  check(world) {
    const open = ordersInPlay(world).filter((o) => sagaIn(world, o)?.step !== 'done' && creditHeld(world, o) > 0);
    if (!open.length) return null;
    return `payment holds credit for ${list(open)} while ${open.length > 1 ? 'they are' : 'it is'} still PENDING; other sagas already count it`;
  },
};

const dirtyRead: Invariant = {
  name: 'dirty-read',
  title: 'Dirty read',
  description: 'An order was refused credit that another saga was holding and later released.',
  kind: 'observation',
  check(world) {
    const records = recordsOf(world.nodes[PAYMENT].store);
    for (let i = 0; i < records.length; i++) {
      const refused = records[i];
      if (refused.type !== 'REFUSED') continue;
      const later = records.slice(i + 1).find((r) => r.type === 'RELEASED' && r.order !== refused.order);
      if (later) return `${refused.order} was refused credit that ${later.order}'s saga held then and released later`;
    }
    return null;
  },
};

/** Safety first, then the observations and the liveness check. */
export const invariants: Invariant[] = [noDoubleCharge, noPhantomRefund, noStockForRejected, creditLimit, oneOutcome, noIsolation, dirtyRead, allOrCompensated];
