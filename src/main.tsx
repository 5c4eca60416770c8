import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { BASE_PATH } from './app/base-path';
import { handOffFirstPaint } from './app/first-paint';
import { viewerRoutes } from './app/router';
import { applyTheme, followSystemTheme } from './app/theme';
import './index.css';

applyTheme();
followSystemTheme();

const root = document.getElementById('root')!;
handOffFirstPaint(root);
createRoot(root).render(
  <StrictMode>
    <App routes={viewerRoutes} basename={BASE_PATH || '/'} />
  </StrictMode>,
);
