import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRouter } from './app/router';
import { applyTheme, followSystemTheme } from './app/theme';
import './index.css';

applyTheme();
followSystemTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App createRouter={createRouter} />
  </StrictMode>,
);
