import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { Layout } from './layout';
import { RouteError } from './route-error';
import { FILE_PATH } from '../lib/links';

// The run page is what a shared link opens, so its code is in the first download; the other pages
// load on demand (a file is rarely opened; the lists are a click away), keeping a run's first visit lean.
const FilePage = lazy(() => import('../routes/file-page').then((module) => ({ default: module.FilePage })));
const HomePage = lazy(() => import('../routes/home-page').then((module) => ({ default: module.HomePage })));
const AgentRunsPage = lazy(() => import('../routes/agent-runs-page').then((module) => ({ default: module.AgentRunsPage })));

function OnDemand({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: '/', element: <OnDemand><HomePage /></OnDemand> },
        { path: '/agents/:agentId/runs', element: <OnDemand><AgentRunsPage /></OnDemand> },
        { path: '/agents/:agentId/runs/:runId', element: <RunPage /> },
        {
          path: FILE_PATH,
          element: (
            <OnDemand>
              <FilePage />
            </OnDemand>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
