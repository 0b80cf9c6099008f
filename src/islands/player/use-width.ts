/**
 * The width a drawing gets, kept current with a ResizeObserver: the canvas, the history view and
 * the sequence chart lay themselves out in pixels at that width, so their text keeps its size on
 * a phone instead of being scaled down.
 */
import { useEffect, useRef, useState } from 'react';

export function useWidth<T extends HTMLElement>(initial: number, min = 280) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const w = Math.max(min, Math.floor(el.clientWidth));
      setWidth((old) => (Math.abs(old - w) > 2 ? w : old));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [min]);
  return [ref, width] as const;
}
