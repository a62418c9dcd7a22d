import { defineConfig } from 'vitest/config';
import { MODULE_ALIASES } from './scripts/lib/aliases.mjs';

// Node code (shared, main) and DOM code (renderer) run in their own environments. The libraries
// that import a replaced module are inlined, so the tests run the bundles' substitutes too.
export default defineConfig({
  resolve: { alias: MODULE_ALIASES },
  test: {
    server: { deps: { inline: ['y-webrtc', 'y-websocket'] } },
    projects: [
      { extends: true, test: { name: 'node', environment: 'node', include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      { extends: true, test: { name: 'renderer', environment: 'happy-dom', include: ['renderer/**/*.test.{ts,tsx}'] } },
    ],
  },
});
