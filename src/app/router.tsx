import { Route } from 'react-router';
import { onDemand } from '../components/on-demand';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { Layout } from './layout';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// The run page is what a shared link opens, so its code is in the first download; the other pages
// load on demand (a file is rarely opened; the lists are a click away; comparing needs alignment and
// text diffs), keeping a run's first visit lean. Each shows nothing until its code is in (a blink).
const HomePage = onDemand(async () => (await import('../routes/home-page')).HomePage);
const AgentRunsPage = onDemand(async () => (await import('../routes/agent-runs-page')).AgentRunsPage);
const ComparePage = onDemand(async () => (await import('../routes/compare-page')).ComparePage);
const FilePage = onDemand(async () => (await import('../routes/file-page')).FilePage);
const FileComparePage = onDemand(async () => (await import('../routes/file-compare-page')).FileComparePage);

/** The viewer's pages (the router around them is in app.tsx). */
export const viewerRoutes = (
  <Route element={<Layout />}>
    <Route path="/" element={<HomePage />} />
    <Route path="/agents/:agentId/runs" element={<AgentRunsPage />} />
    <Route path="/agents/:agentId/runs/:runId" element={<RunPage />} />
    <Route path="/agents/:agentId/compare" element={<ComparePage />} />
    <Route path={FILE_PATH} element={<FilePage />} />
    <Route path={FILE_COMPARE_PATH} element={<FileComparePage />} />
    <Route path="*" element={<NotFoundPage />} />
  </Route>
);
