/// <reference lib="webworker" />
/**
 * The explorer, off the main thread: walks every reachable world of a scenario in slices, posting
 * progress between slices, and stops early on a `cancel` message.
 */
import { runExploreLoop } from './explore-loop.ts';
import type { FromWorker, ToWorker } from './explorer-protocol.ts';

let cancelled = false;
const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled = true;
    return;
  }
  if (msg.type === 'start') {
    cancelled = false;
    runExploreLoop(msg, post, () => cancelled, (fn) => setTimeout(fn, 0));
  }
});
