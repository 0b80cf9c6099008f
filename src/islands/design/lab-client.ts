/**
 * Starts the design lab in a Web Worker and reports back run by run. The page keeps no state here:
 * handlers receive each outcome; the returned function cancels the search and ends the worker.
 */
import type { LabRun } from '../../design/lab.ts';
import type { RunOutcome } from '../../design/scorecard.ts';
import type { FromLabWorker, ToLabWorker } from './lab-worker-protocol.ts';

export type LabHandlers = {
  onProgress(done: number, total: number, current: LabRun): void;
  onRun(outcome: RunOutcome): void;
  onDone(): void;
  onError(message: string): void;
};

export function startLab(plan: LabRun[], handlers: LabHandlers): () => void {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
  } catch (err) {
    handlers.onError(`The lab could not start its worker: ${err instanceof Error ? err.message : String(err)}`);
    return () => {};
  }
  let finished = false;
  const stop = () => {
    finished = true;
    worker.terminate();
  };
  worker.addEventListener('message', (event: MessageEvent<FromLabWorker>) => {
    if (finished) return;
    const m = event.data;
    if (m.type === 'progress') handlers.onProgress(m.done, m.total, plan.find((r) => r.id === m.runId) ?? plan[m.done]);
    else if (m.type === 'run') handlers.onRun(m.outcome);
    else if (m.type === 'done') {
      stop();
      handlers.onDone();
    } else {
      stop();
      handlers.onError(m.message);
    }
  });
  worker.addEventListener('error', (event) => {
    if (finished) return;
    stop();
    handlers.onError(`The lab's worker failed: ${event.message || 'unknown error'}`);
  });
  worker.postMessage({ type: 'start', plan } satisfies ToLabWorker);
  return stop;
}
