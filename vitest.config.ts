// Unit and content tests: everything named *.test.ts beside the code. Browser tests live in tests/e2e
// and run under Playwright, not here.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['sandboxes/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts', 'content/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'tests/e2e/**'],
    environment: 'node',
    // Exhaustive explorations take seconds, more on a loaded machine; speed budgets live in `npm run
    // bench`, not in unit-test timeouts.
    testTimeout: 60_000,
  },
});
