import { useEffect, useState, type ComponentType } from 'react';
import { Route } from 'react-router';
import { NotFoundPage } from '../routes/not-found-page';
import { RunPage } from '../routes/run-page';
import { Layout } from './layout';
import { FILE_COMPARE_PATH, FILE_PATH } from '../lib/links';

// The run page is what a shared link opens, so its code is in the first download; the other pages
// load on demand (a file is rarely opened; the lists are a click away; comparing needs alignment and
// text diffs), keeping a run's first visit lean.
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

/**
 * A page whose code loads the first time it is shown. Not React.lazy: React holds a Suspense
 * fallback for at least 300 ms, which delayed every request the page makes (a comparison's two
 * runs started ~300 ms after its code had arrived). Shows nothing until the code is in (a blink).
 */
function onDemand(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function OnDemandPage() {
    const [page, setPage] = useState<{ Page: ComponentType | null; error: Error | null }>(() => ({ Page: loaded, error: null }));
    useEffect(() => {
      if (page.Page) return;
      let shown = true;
      load().then(
        (Page) => {
          loaded = Page;
          if (shown) setPage({ Page, error: null });
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          const problem = new Error(
            `This page's code could not be loaded (${reason}). Reload the page: if the viewer was just updated, that fetches the new version.`,
          );
          if (shown) setPage({ Page: null, error: problem });
        },
      );
      return () => {
        shown = false;
      };
    }, [page.Page]);
    // The route error boundary (app.tsx) shows it.
    if (page.error) throw page.error;
    return page.Page ? <page.Page /> : null;
  };
}
