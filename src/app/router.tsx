import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AgentRunsPage } from '../routes/agent-runs-page';
import { HomePage } from '../routes/home-page';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { Layout } from './layout';
import { RouteError } from './route-error';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// Opening a file is rare: its page loads on demand.
const FilePage = lazy(() => import('../routes/file-page').then((module) => ({ default: module.FilePage })));
// So is comparing two runs: its code (alignment, text diffs) stays out of the run page's first load.
const ComparePage = lazy(() => import('../routes/compare-page').then((module) => ({ default: module.ComparePage })));
const FileComparePage = lazy(() => import('../routes/file-compare-page').then((module) => ({ default: module.FileComparePage })));

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: '/', element: <HomePage /> },
        { path: '/agents/:agentId/runs', element: <AgentRunsPage /> },
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
            <Suspense fallback={null}>
              <FilePage />
            </Suspense>
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
  ]);
}
