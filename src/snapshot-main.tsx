import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config } from 'zod/mini';
import { App } from './app/app';
import { snapshotRoutes } from './app/snapshot-router';
import { applyTheme, followSystemTheme } from './app/theme';
import './index.css';

// The entry of a snapshot file (vite.snapshot.config.ts): the same app, with only the run page.
// The snapshot's CSP forbids eval, so zod is told not to try it.
config({ jitless: true });
applyTheme();
followSystemTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App routes={snapshotRoutes} />
  </StrictMode>,
);
