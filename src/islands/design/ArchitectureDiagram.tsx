/**
 * Draws the architecture's Mermaid source in the browser, loading Mermaid only when this view
 * mounts (step 3), with the site's settings (strict security, dagre layout, the current theme),
 * and redraws when the theme flips. The drawing is an image labelled with its description, which
 * is also shown as text. It draws; it never builds the diagram (src/design/diagram.ts does).
 */
import { useEffect, useRef, useState } from 'react';
import { currentMermaidTheme } from '../../diagrams/lazy-mermaid.ts';

let counter = 0;

export function ArchitectureDiagram({ code, alt }: { code: string; alt: string }) {
  const canvas = useRef<HTMLDivElement>(null);
  const [theme, setTheme] = useState<'dark' | 'default' | null>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'error'>('loading');
  const [error, setError] = useState('');

  useEffect(() => {
    setTheme(currentMermaidTheme());
    const observer = new MutationObserver(() => setTheme(currentMermaidTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!theme) return;
    let cancelled = false;
    // A short pause so ticking several boxes in a row draws once.
    const timer = window.setTimeout(() => {
      import('mermaid')
        .then(async ({ default: mermaid }) => {
          mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, layout: 'dagre', fontFamily: 'inherit' });
          const { svg } = await mermaid.render(`cl-design-arch-${++counter}`, code);
          if (cancelled || !canvas.current) return;
          canvas.current.innerHTML = svg;
          const el = canvas.current.querySelector('svg');
          el?.setAttribute('aria-hidden', 'true');
          el?.setAttribute('focusable', 'false');
          setState('drawn');
        })
        .catch((err: unknown) => {
          if (cancelled) return;
          setError(err instanceof Error ? err.message : String(err));
          setState('error');
        });
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [code, theme]);

  return (
    <figure className="cl-design__diagram" data-testid="design-diagram" data-state={state}>
      <div ref={canvas} className="cl-design__canvas" role="img" aria-label={alt} />
      {state === 'loading' && <p className="cl-design__small">Drawing the diagram…</p>}
      {state === 'error' && <p className="cl-design__small">The diagram could not be drawn ({error}); its description follows.</p>}
      <figcaption>
        <span className="cl-design__small">Described: </span>
        {alt}
      </figcaption>
    </figure>
  );
}
