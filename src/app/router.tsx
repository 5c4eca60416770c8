import { matchPath, Route } from 'react-router';
import { onDemand } from '../components/on-demand';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { BASE_PATH } from './base-path';
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

// A link opened straight onto one of them (a shared comparison, say): its code starts loading with
// the app's own instead of after the app's first render.
const ON_DEMAND_PAGES = [
  { path: '/', page: HomePage },
  { path: '/agents/:agentId/runs', page: AgentRunsPage },
  { path: '/agents/:agentId/compare', page: ComparePage },
  { path: FILE_PATH, page: FilePage },
  { path: FILE_COMPARE_PATH, page: FileComparePage },
];
if (typeof location !== 'undefined' && location.pathname.startsWith(BASE_PATH)) {
  const path = location.pathname.slice(BASE_PATH.length) || '/';
  ON_DEMAND_PAGES.find((candidate) => matchPath(candidate.path, path))?.page.preload();
}

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
