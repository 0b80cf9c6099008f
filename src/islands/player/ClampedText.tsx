/**
 * A paragraph cut to two lines, with a button to show the rest when (and only when) there is
 * more: the scenario's description must not push the canvas and the choices off a phone's
 * first screen, yet stays one press away. Full text is always in the DOM for screen readers.
 */
import { useLayoutEffect, useRef, useState } from 'react';

export function ClampedText(props: { id?: string; text: string; className?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [open, props.text]);
  return (
    <div className={`pl-clamp${open ? ' pl-clamp--open' : ''} ${props.className ?? ''}`}>
      <p id={props.id} ref={ref} className="pl-clamp__text">
        {props.text}
      </p>
      {overflows || open ? (
        <button type="button" className="pl-linkbtn pl-clamp__more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Less' : 'More'}
          <span className="pl-sr"> of the scenario description</span>
        </button>
      ) : null}
    </div>
  );
}
