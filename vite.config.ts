import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    // Built for error reports, not served (server/static-files.ts refuses .map) and not named in the bundles.
    sourcemap: 'hidden',
  },
});
