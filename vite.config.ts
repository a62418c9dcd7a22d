import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { noPublicServers } from './scripts/lib/no-public-servers.mjs';
import { MODULE_ALIASES } from './scripts/lib/aliases.mjs';

// One renderer bundle serves Electron (app://) and browsers (the host's HTTP server),
// so asset URLs are relative and nothing is loaded from outside the bundle.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), noPublicServers()],
  resolve: { alias: MODULE_ALIASES },
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { strictPort: true },
});
