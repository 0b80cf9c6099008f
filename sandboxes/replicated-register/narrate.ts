/**
 * The replicated register's narration: one step in the protocol's terms for the player's log.
 * Placeholder filled in below.
 */
import type { Protocol } from '../kernel/types.ts';
export const narrate: NonNullable<Protocol['narrate']> = () => null;
