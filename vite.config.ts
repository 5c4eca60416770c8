import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { THEME_BOOT_SCRIPT } from './src/lib/theme-boot.ts';
import { snapshotTemplatePlugin } from './vite.snapshot.config.ts';

// react-router 7's package exports name only its development build, so production bundles got its
// dev warnings (remix-run/react-router#14102); a build takes the production build shipped beside it.
// Its exports map hides that file, so it is named by path.
const REACT_ROUTER_PRODUCTION = fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url));

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss(), snapshotTemplatePlugin(), themeBoot()],
  resolve: {
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: REACT_ROUTER_PRODUCTION }] : [],
  },
  build: {
    // Built for error reports, not served (server/static-files.ts refuses .map) and not named in the bundles.
    sourcemap: 'hidden',
  },
  experimental: {
    // index.html names its files from the base (`/` unless `vite build --base` says otherwise), so
    // deep links find them; the server can rebase it (the elizaOS plugin serves it under
    // /api/agents/<id>/plugins/run-viewer). The JavaScript and CSS find the other files relative
    // to themselves, so the same build works under any base.
    renderBuiltUrl: (_filename, { hostType }) => (hostType === 'html' ? undefined : { relative: true }),
  },
}));

/** index.html sets dark or light first thing (src/lib/theme-boot.ts). */
function themeBoot(): Plugin {
  return {
    name: 'theme-boot',
    transformIndexHtml: () => [{ tag: 'script', children: THEME_BOOT_SCRIPT, injectTo: 'head-prepend' }],
  };
}
