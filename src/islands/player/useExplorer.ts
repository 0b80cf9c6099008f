/**
 * React glue for the explorer: starts the worker on demand, relays its messages as session
 * events, cancels, and falls back to slicing on the main thread when a worker cannot start.
 */
import { useCallback, useEffect, useRef } from 'react';
import { EXPLORE_DEFAULTS, type ExploreRequest, type FromWorker } from './explorer-protocol.ts';
import type { SessionEvent } from './session.ts';

export function useExplorer(dispatch: (e: SessionEvent) => void) {
  const worker = useRef<Worker | null>(null);
  const inlineCancel = useRef<{ cancelled: boolean } | null>(null);

  const onMessage = useCallback(
    (m: FromWorker) => {
      if (m.type === 'progress') dispatch({ type: 'explore.progress', progress: m.progress });
      else if (m.type === 'done') dispatch({ type: 'explore.done', result: m.result });
      else dispatch({ type: 'explore.error', message: m.message });
    },
    [dispatch],
  );

  const startInline = useCallback(
    (req: ExploreRequest) => {
      const token = { cancelled: false };
      inlineCancel.current = token;
      void import('./explore-loop.ts').then(({ runExploreLoop }) =>
        runExploreLoop(req, (m) => !token.cancelled || m.type !== 'progress' ? onMessage(m) : undefined, () => token.cancelled, (fn) => setTimeout(fn, 0)),
      );
    },
    [onMessage],
  );

  const start = useCallback(
    (params: Omit<ExploreRequest, 'type' | 'maxWorlds' | 'timeLimitMs' | 'slice'> & Partial<ExploreRequest>) => {
      const req: ExploreRequest = { ...EXPLORE_DEFAULTS, ...params, type: 'start' };
      dispatch({ type: 'explore.start' });
      try {
        if (!worker.current) {
          const w = new Worker(new URL('./explorer.worker.ts', import.meta.url), { type: 'module' });
          w.addEventListener('message', (e: MessageEvent<FromWorker>) => onMessage(e.data));
          w.addEventListener('error', (e) => {
            e.preventDefault();
            worker.current?.terminate();
            worker.current = null;
            startInline(req);
          });
          worker.current = w;
        }
        worker.current.postMessage(req);
      } catch {
        worker.current = null;
        startInline(req);
      }
    },
    [dispatch, onMessage, startInline],
  );

  const cancel = useCallback(() => {
    worker.current?.postMessage({ type: 'cancel' });
    if (inlineCancel.current) inlineCancel.current.cancelled = true;
  }, []);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      if (inlineCancel.current) inlineCancel.current.cancelled = true;
    },
    [],
  );

  return { start, cancel };
}
