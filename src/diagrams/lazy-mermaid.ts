/**
 * Draws `<Diagram>` figures with Mermaid, lazily: Mermaid (a large download) is imported only when
 * a figure comes within a screen of the viewport, and never on pages without one. Redraws every
 * drawn figure when Starlight's theme attribute flips. The source text stays in the page for
 * readers without scripts; it is hidden, not removed, once the drawing exists.
 */
type MermaidApi = typeof import('mermaid').default;

let mermaidPromise: Promise<MermaidApi> | null = null;
let counter = 0;

function loadMermaid(): Promise<MermaidApi> {
  mermaidPromise ??= import('mermaid').then((m) => m.default);
  return mermaidPromise;
}

/** Mermaid theme for the current Starlight theme (`data-theme` on <html>). */
export function currentMermaidTheme(root: HTMLElement = document.documentElement): 'dark' | 'default' {
  return root.dataset.theme === 'dark' ? 'dark' : 'default';
}

async function draw(figure: HTMLElement): Promise<void> {
  const canvas = figure.querySelector<HTMLElement>('[data-diagram-canvas]');
  const source = figure.querySelector<HTMLElement>('[data-diagram-source]');
  if (!canvas || !source) return;
  const mermaid = await loadMermaid();
  const theme = currentMermaidTheme();
  // Strict security: labels are text, no HTML or click handlers from diagram source.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, layout: 'dagre', fontFamily: 'inherit' });
  try {
    const { svg } = await mermaid.render(`cl-diagram-${++counter}`, source.textContent ?? '');
    canvas.innerHTML = svg;
    keepReadable(canvas);
    figure.dataset.rendered = theme;
  } catch (error) {
    // Keep the readable source visible; say why there is no drawing.
    figure.dataset.rendered = 'error';
    canvas.textContent = `This diagram could not be drawn: ${(error as Error).message}`;
  }
}

/**
 * Mermaid scales a drawing down to its column, which shrinks a wide sequence diagram's text to a
 * few pixels. Shrink it only so far, and let a wider one scroll sideways: the canvas then takes
 * keyboard focus, so it can be scrolled without a mouse.
 */
const MIN_SCALE = 0.7;

function keepReadable(canvas: HTMLElement): void {
  const svg = canvas.querySelector('svg');
  const width = svg?.viewBox?.baseVal?.width ?? 0;
  if (!svg || !width) return;
  // Shrink to the column, but never below MIN_SCALE (Mermaid's 16px text stays above 11px).
  const shown = Math.ceil(Math.min(width, Math.max(canvas.clientWidth, width * MIN_SCALE)));
  svg.style.maxWidth = 'none';
  svg.setAttribute('width', String(shown));
  svg.removeAttribute('height');
  const wide = shown > canvas.clientWidth + 1;
  canvas.classList.toggle('cl-diagram__canvas--wide', wide);
  if (wide) canvas.tabIndex = 0;
  else canvas.removeAttribute('tabindex');
}

/** Start watching every `[data-diagram]` figure under `root`. Safe to call more than once. */
export function watchDiagrams(root: ParentNode): void {
  const figures = [...root.querySelectorAll<HTMLElement>('[data-diagram]:not([data-watched])')];
  if (figures.length === 0) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void draw(entry.target as HTMLElement);
      }
    },
    // Half a phone screen of lead time: early enough to draw before the reader arrives, late enough
    // that a diagram two screens down does not load Mermaid with the page.
    { rootMargin: '400px 0px' },
  );
  for (const figure of figures) {
    figure.dataset.watched = '';
    observer.observe(figure);
  }
  new MutationObserver(() => {
    const theme = currentMermaidTheme();
    for (const figure of root.querySelectorAll<HTMLElement>('[data-diagram][data-rendered]')) {
      if (figure.dataset.rendered !== theme) void draw(figure);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}
