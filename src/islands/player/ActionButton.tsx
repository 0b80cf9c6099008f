/**
 * A player button that, when it cannot act, stays focusable and says why: `aria-disabled` rather
 * than `disabled` (a disabled button drops keyboard focus to the page and tells a screen reader
 * nothing), with the reason attached through `aria-describedby` and, where the caller wants it
 * visible, shown next to it by the caller. Clicking it while off does nothing. Islands other than
 * the player pass their own visually-hidden class as `srClass`.
 */
import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';

export function ActionButton(props: { off: boolean; why?: string | null; onAct: () => void; srClass?: string; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'disabled' | 'type'>) {
  const { off, why, onAct, srClass = 'pl-sr', children, ...rest } = props;
  const id = useId();
  const reason = off ? (why ?? 'not possible in this state') : null;
  return (
    <>
      <button type="button" {...rest} aria-disabled={off || undefined} aria-describedby={reason ? id : undefined} onClick={off ? undefined : onAct}>
        {children}
      </button>
      {reason ? (
        <span id={id} className={srClass}>
          {reason}
        </span>
      ) : null}
    </>
  );
}
