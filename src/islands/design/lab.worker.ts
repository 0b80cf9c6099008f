/// <reference lib="webworker" />
/**
 * The design lab off the main thread: explores each run of a plan in turn, in slices, posting each
 * run's outcome as soon as it is known, and stops on `cancel`. Exploration itself is src/design/run-lab.ts.
 */
import { labExplorer, outcomeOf } from '../../design/run-lab.ts';
import type { LabRun } from '../../design/lab.ts';
import { LAB_SLICE, type FromLabWorker, type ToLabWorker } from './lab-worker-protocol.ts';

let generation = 0;
const post = (m: FromLabWorker) => (self as unknown as { postMessage(m: FromLabWorker): void }).postMessage(m);

function runPlan(plan: LabRun[], mine: number) {
  let index = 0;
  let explorer: ReturnType<typeof labExplorer> | null = null;
  const tick = () => {
    if (mine !== generation) return;
    try {
      if (index >= plan.length) return post({ type: 'done' });
      const run = plan[index];
      if (!explorer) {
        post({ type: 'progress', done: index, total: plan.length, runId: run.id });
        explorer = labExplorer(run, () => performance.now());
      }
      const result = explorer.run(LAB_SLICE);
      if (result) {
        post({ type: 'run', outcome: outcomeOf(run, result) });
        explorer = null;
        index += 1;
      }
      setTimeout(tick, 0);
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  tick();
}

self.addEventListener('message', (event: MessageEvent<ToLabWorker>) => {
  const msg = event.data;
  generation += 1;
  if (msg.type === 'start') runPlan(msg.plan, generation);
});
