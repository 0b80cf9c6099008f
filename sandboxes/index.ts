// STUB by the lead so the site builds; the kernel helper replaces this file with the real registry.
import type { Protocol } from './kernel/types.ts';
export const protocols: Record<string, Protocol> = {};
