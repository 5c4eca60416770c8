import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds the elizaOS plugin: src/plugin.ts, with the server code it shares with the viewer's own
// server bundled in, into one ES module that needs only Node built-ins (dist/index.js), plus a copy
// of the built app (dist/app/). Run after the app's build: `npm run build` does both.
const pluginDir = fileURLToPath(new URL('.', import.meta.url));
const appDist = fileURLToPath(new URL('../dist/', import.meta.url));

export default defineConfig({
  root: pluginDir,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: fileURLToPath(new URL('./src/plugin.ts', import.meta.url)),
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'index.js', format: 'es' } },
  },
  plugins: [
    {
      name: 'copy-built-app',
      apply: 'build',
      closeBundle() {
        if (!existsSync(`${appDist}index.html`))
          throw new Error(`${appDist}index.html is missing: build the app first (\`npm run build\` does both).`);
        cpSync(appDist, `${pluginDir}dist/app`, { recursive: true });
      },
    },
  ],
});
