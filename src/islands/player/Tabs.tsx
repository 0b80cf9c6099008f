/**
 * Tabs for the player's details below the stage (goals, a node's details, invariants, history...),
 * following the WAI-ARIA tabs pattern with automatic activation: the tab list is one tab stop,
 * ← → Home End move between tabs (and are kept from the player's step shortcuts), and only the
 * chosen panel is mounted, so heavy views (the sequence chart) cost nothing while hidden.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec {
  id: string;
  label: ReactNode;
  /** Plain text name when `label` carries glyphs (the accessible name). */
  name?: string;
}

/** The index a key moves to in a horizontal tab list, or null when the key is not the list's. */
export function tabMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export function Tabs(props: { label: string; tabs: TabSpec[]; current: string; onChange: (id: string) => void; children: ReactNode }) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const index = Math.max(0, props.tabs.findIndex((t) => t.id === props.current));
  const current = props.tabs[index]?.id;
  const onKeyDown = (e: KeyboardEvent) => {
    const next = tabMove(e.key, index, props.tabs.length);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    props.onChange(props.tabs[next].id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  };
  return (
    <div className="pl-tabs" data-focus-group="tabs">
      <div role="tablist" aria-label={props.label} className="pl-tabs__list" ref={list} onKeyDown={onKeyDown}>
        {props.tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === current}
            aria-controls={`${base}-panel`}
            aria-label={t.name}
            tabIndex={t.id === current ? 0 : -1}
            className="pl-tabs__tab"
            onClick={() => props.onChange(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="pl-tabs__panel" data-testid={`panel-${current}`}>
        {props.children}
      </div>
    </div>
  );
}
