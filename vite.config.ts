import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { snapshotTemplatePlugin } from './vite.snapshot.config.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), snapshotTemplatePlugin()],
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
});
