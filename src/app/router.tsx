import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { BASE_PATH } from './base-path';
import { Layout } from './layout';
import { RouteError } from './route-error';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// The run page is what a shared link opens, so its code is in the first download; the other pages
// load on demand (a file is rarely opened; the lists are a click away), keeping a run's first visit lean.
const FilePage = lazy(() => import('../routes/file-page').then((module) => ({ default: module.FilePage })));
const HomePage = lazy(() => import('../routes/home-page').then((module) => ({ default: module.HomePage })));
const AgentRunsPage = lazy(() => import('../routes/agent-runs-page').then((module) => ({ default: module.AgentRunsPage })));

function OnDemand({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}
// So is comparing two runs: its code (alignment, text diffs) stays out of the run page's first load.
const ComparePage = lazy(() => import('../routes/compare-page').then((module) => ({ default: module.ComparePage })));
const FileComparePage = lazy(() => import('../routes/file-compare-page').then((module) => ({ default: module.FileComparePage })));

export function createRouter() {
  return createBrowserRouter(
    [
      {
        element: <Layout />,
        errorElement: <RouteError />,
        children: [
          {
            path: '/',
            element: (
              <OnDemand>
                <HomePage />
              </OnDemand>
            ),
          },
          {
            path: '/agents/:agentId/runs',
            element: (
              <OnDemand>
                <AgentRunsPage />
              </OnDemand>
            ),
          },
          { path: '/agents/:agentId/runs/:runId', element: <RunPage /> },
          {
            path: '/agents/:agentId/compare',
            element: (
              <Suspense fallback={null}>
                <ComparePage />
              </Suspense>
            ),
          },
          {
            path: FILE_PATH,
            element: (
              <OnDemand>
                <FilePage />
              </OnDemand>
            ),
          },
          {
            path: FILE_COMPARE_PATH,
            element: (
              <Suspense fallback={null}>
                <FileComparePage />
              </Suspense>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    { basename: BASE_PATH || '/' },
  );
}
