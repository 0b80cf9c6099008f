/**
 * Obsolete messages (`Protocol.obsolete`): messages whose delivery can no longer change anything,
 * such as a reply from a term its receiver has already left. They stay in the world, so the
 * reader sees them and may deliver them, but nothing waits for them and the explorer neither
 * delivers them nor tells worlds apart by them.
 *
 * Why that is sound: take a world W and W' = W without some obsolete messages. Delivering an
 * obsolete message in W gives W minus it, up to obsolete messages it sends (it is dead now), and it stays obsolete whatever
 * else happens first (dead forever). Every other choice is legal in W exactly when it is in W'
 * (timers and faults ignore obsolete messages, and invariants never read messages in flight), and
 * leads to worlds that again differ only by obsolete messages (a resend identical to an obsolete
 * message merges with it in W and is obsolete itself in W'). So W and W' reach the same states,
 * and the same runs break the same invariants; merging them loses nothing. This is the "dead
 * transition" case of state-space reduction, not a partial-order reduction: no interleaving of
 * live messages is skipped. `obsoleteProblems` checks both halves of the promise on one world.
 *
 * Pure; must not import a clock, randomness or UI code.
 */
import { applyChoice, choices } from './step.ts';
import { worldKey } from './explore.ts';
import { withoutObsolete } from './world.ts';
import type { Choice, Config, Message, Protocol, World } from './types.ts';

export { isObsolete, withoutObsolete } from './world.ts';

// Equal up to obsolete messages: an answer the receiver of an obsolete message sends may itself be
// obsolete (a STALE_TERM to a replica already in that term), which is as good as not sent.
const sameWorld = (p: Protocol, a: World, b: World) => worldKey(withoutObsolete(p, a)) === worldKey(withoutObsolete(p, b));

/**
 * What breaks the obsolete-message promise in this world, in words (empty when nothing does):
 * each obsolete message must be dead now (delivering it leaves the world as removing it would: no
 * change at the receiver, no ghost record, no tick of the clock, nothing sent but obsolete messages) and
 * stay obsolete after every other legal choice that leaves it in flight.
 */
export function obsoleteProblems(protocol: Protocol, config: Config, world: World): string[] {
  if (!protocol.obsolete) return [];
  const out: string[] = [];
  const dead = world.inFlight.filter((m) => protocol.obsolete!(m, world));
  if (!dead.length) return out;
  const legal = choices(protocol, config, world);
  for (const m of dead) {
    const name = `${m.from}'s ${m.type} to ${m.to} (message ${m.id})`;
    const delivered = applyChoice(protocol, config, world, { kind: 'deliver', id: m.id });
    if (!sameWorld(protocol, delivered, { ...world, inFlight: world.inFlight.filter((x) => x.id !== m.id) })) out.push(`${name} is declared obsolete, yet delivering it changes the world`);
    for (const c of legal) {
      if (isDeliveryOf(c, m)) continue;
      const next = applyChoice(protocol, config, world, c);
      const still = next.inFlight.find((x) => x.id === m.id);
      if (still && !protocol.obsolete(still, next)) out.push(`${name} is obsolete, but no longer after ${JSON.stringify(c)}`);
    }
  }
  return out;
}

const isDeliveryOf = (c: Choice, m: Message) => c.kind === 'deliver' && c.id === m.id;
