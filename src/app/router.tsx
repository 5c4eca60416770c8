import { createBrowserRouter } from 'react-router';
import { AgentRunsPage } from '../routes/agent-runs-page';
import { HomePage } from '../routes/home-page';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { Layout } from './layout';
import { RouteError } from './route-error';

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: '/', element: <HomePage /> },
        { path: '/agents/:agentId/runs', element: <AgentRunsPage /> },
        { path: '/agents/:agentId/runs/:runId', element: <RunPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
