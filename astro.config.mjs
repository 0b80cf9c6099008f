// Site configuration: Starlight for the course shell, React for islands, MDX for lessons.
// The sidebar comes from content/curriculum.yaml (the one place the course order lives).
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import { sidebarGroups } from './src/curriculum/curriculum.ts';
import rehypeFocusableTables from './src/markdown/rehype-focusable-tables.ts';

/** Only this site's own origin may serve scripts, styles, fonts, images or answer requests. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export default defineConfig({
  site: 'https://consistency-lab.dev',
  trailingSlash: 'always',
  // Lesson tables scroll sideways on a phone; this keeps them reachable by keyboard.
  markdown: { rehypePlugins: [rehypeFocusableTables] },
  integrations: [
    starlight({
      title: 'Consistency Lab',
      description:
        'Learn how data stays consistent across services: lessons, protocols you can run and break in the browser, and practice quizzes.',
      // The title text stands beside the logo, so the image is decorative (empty alt).
      logo: { src: './src/assets/logo.svg', alt: '' },
      markdown: { processedDirs: ['./content/lessons'] },
      // Course home first and the progress page last, so prev/next runs home → lessons → progress.
      sidebar: [{ label: 'Course home', link: '/' }, ...sidebarGroups(), { label: 'Your progress', link: '/progress/' }],
      // Code wraps instead of scrolling: a phone reads a whole statement, and an unlabelled
      // scrolling region per block (Expressive Code's keyboard fallback) never appears.
      expressiveCode: { defaultProps: { wrap: true } },
      customCss: ['./src/styles/course.css'],
      head: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy } }],
      components: { Footer: './src/overrides/Footer.astro', Sidebar: './src/overrides/Sidebar.astro' },
      lastUpdated: false,
      pagination: true,
    }),
    react(),
  ],
});
