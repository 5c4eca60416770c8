import { Route } from 'react-router';
import { RunCopyView } from '../routes/run-copy-view';
import { Layout } from './layout';

/**
 * The pages of a snapshot file: whatever its path on disk, it shows the run it holds. Filters and
 * permalinks change only the query, which browsers let a file:// page rewrite.
 */
export const snapshotRoutes = (
  <Route element={<Layout />}>
    <Route path="*" element={<RunCopyView copy={{ how: 'snapshot' }} />} />
  </Route>
);
