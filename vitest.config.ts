import { defineConfig } from 'vitest/config';

// Node code (shared, main) and DOM code (renderer) run in their own environments.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', environment: 'node', include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      { test: { name: 'renderer', environment: 'happy-dom', include: ['renderer/**/*.test.{ts,tsx}'] } },
    ],
  },
});
