import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/console', import.meta.url));

/*
 * dist/console also holds what tsc compiles from src/console (server code, tests), so Vite may not
 * empty it; only its own earlier output goes, so hashed assets of old builds do not pile up.
 */
function cleanOwnOutput(): Plugin {
  return {
    name: 'enlace-clean-console-output',
    apply: 'build',
    buildStart() {
      for (const p of ['assets', 'index.html', 'favicon.svg']) rmSync(`${outDir}/${p}`, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react(), cleanOwnOutput()],
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    // The node's Content-Security-Policy is default-src 'self': no data: URLs, no inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // React and i18next change less often than the console: their own chunk stays cached.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
});
