import { createBrowserRouter } from 'react-router';
import { RunCopyView } from '../routes/run-copy-view';
import { Layout } from './layout';
import { RouteError } from './route-error';

/**
 * The router of a snapshot file: whatever its path on disk, it shows the run it holds. Filters and
 * permalinks change only the query, which browsers let a file:// page rewrite.
 */
export function createSnapshotRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [{ path: '*', element: <RunCopyView copy={{ how: 'snapshot' }} /> }],
    },
  ]);
}
