/**
 * The sliced explorer loop, shared by the Web Worker and the in-page fallback (used when a worker
 * cannot start). It runs `slice` transitions at a time and yields between slices, so progress is
 * reported and a cancel is seen within one slice.
 */
import { createExplorer, protocols } from './kernel.ts';
import type { ExploreRequest, FromWorker } from './explorer-protocol.ts';
import type { ExploreProgress } from './model.ts';

export function runExploreLoop(req: ExploreRequest, post: (m: FromWorker) => void, isCancelled: () => boolean, yieldNow: (fn: () => void) => void): void {
  const protocol = protocols[req.protocolId];
  const scenario = protocol?.scenarios.find((s) => s.id === req.scenarioId);
  if (!protocol || !scenario) {
    post({ type: 'error', message: `unknown protocol or scenario "${req.protocolId}/${req.scenarioId}"` });
    return;
  }
  let last: ExploreProgress = { worlds: 0, transitions: 0, depth: 0 };
  let explorer: ReturnType<typeof createExplorer>;
  try {
    explorer = createExplorer(protocol, scenario, {
      config: req.config,
      budget: req.budget,
      maxFaults: req.maxFaults,
      maxWorlds: req.maxWorlds,
      timeLimitMs: req.timeLimitMs,
      now: () => performance.now(),
      shouldCancel: isCancelled,
      onProgress: (p) => {
        last = p;
      },
      progressEvery: Math.max(100, Math.floor(req.slice / 4)),
    });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const tick = () => {
    try {
      const result = explorer.run(req.slice);
      if (result) {
        post({ type: 'done', result });
        return;
      }
      post({ type: 'progress', progress: last });
      yieldNow(tick);
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  tick();
}
