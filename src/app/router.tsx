import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { BASE_PATH } from './base-path';
import { Layout } from './layout';
import { RouteError } from './route-error';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// The run page is what a shared link opens, so its code is in the first download; the other pages
// load on demand (a file is rarely opened; the lists are a click away; comparing needs alignment and
// text diffs), keeping a run's first visit lean. The router loads them before it renders the route, not
// a Suspense boundary: React holds a boundary's fallback for at least 300 ms, which delayed every
// request the page makes (a comparison's two runs started ~300 ms after its code had arrived).
function NothingYet() {
  return null;
}
const onDemand = (load: () => Promise<ComponentType>) => async () => ({ Component: await load() });

export function createRouter() {
  return createBrowserRouter(
    [
      {
        element: <Layout />,
        errorElement: <RouteError />,
        // A first visit to a page loaded on demand shows nothing until its code is in (a blink).
        HydrateFallback: NothingYet,
        children: [
          { path: '/', lazy: onDemand(async () => (await import('../routes/home-page')).HomePage) },
          { path: '/agents/:agentId/runs', lazy: onDemand(async () => (await import('../routes/agent-runs-page')).AgentRunsPage) },
          { path: '/agents/:agentId/runs/:runId', element: <RunPage /> },
          { path: '/agents/:agentId/compare', lazy: onDemand(async () => (await import('../routes/compare-page')).ComparePage) },
          { path: FILE_PATH, lazy: onDemand(async () => (await import('../routes/file-page')).FilePage) },
          { path: FILE_COMPARE_PATH, lazy: onDemand(async () => (await import('../routes/file-compare-page')).FileComparePage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    { basename: BASE_PATH || '/' },
  );
}
