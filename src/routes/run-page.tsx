import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/api-error';
import { runApiPath, runQueryOptions } from '../api/queries';
import { ErrorState, Problem } from '../components/error-state';
import { onDemand } from '../components/on-demand';
import { StaleNotice } from '../components/stale-notice';
import { useNow } from '../components/use-now';
import { isValidId } from '../lib/ids';
import { isStale, quietFor } from '../run/staleness';
import { deriveStatus, isUnknownRunPlaceholder } from '../run/status';
import { runCopyAt } from './run-copy';
import { NoEventsProblem, RefetchWarning, RunSkeleton } from './run-load-states';
import { RunReport } from './run-report';

/** A shared copy or a snapshot: its decoding and banner load only for one. */
const RunCopyView = onDemand(async () => (await import('./run-copy-view')).RunCopyView, <p role="status">Opening the copy of the run…</p>);

/** The run page: checks the ids in the link before anything is fetched. */
export function RunPage() {
  const { agentId, runId } = useParams();
  const [searchParams] = useSearchParams();
  const roomId = searchParams.get('roomId');
  const location = useLocation();
  const copy = runCopyAt(location.pathname, location.hash);
  if (copy) return <RunCopyView copy={copy} />;
  if (!isValidId(agentId) || !isValidId(runId) || (roomId !== null && !isValidId(roomId))) {
    return (
      <Problem title="This link is malformed">
        <p>
          A run link looks like <code>/agents/&lt;agentId&gt;/runs/&lt;runId&gt;?roomId=&lt;roomId&gt;</code>, with ids made of letters,
          digits, <code>-</code> and <code>_</code>. This one has{' '}
          {!isValidId(agentId) ? 'an invalid agent id' : !isValidId(runId) ? 'an invalid run id' : 'an invalid room id'}. Check that the
          link was copied whole.
        </p>
      </Problem>
    );
  }
  return <ServerRun agentId={agentId} runId={runId} roomId={roomId} />;
}

/** A run fetched from the server: its loading progress, its errors, or the report once it is here. */
function ServerRun({ agentId, runId, roomId }: { agentId: string; runId: string; roomId: string | null }) {
  const [resumed, setResumed] = useState(false);
  const query = useQuery(runQueryOptions(agentId, runId, roomId, { resumed }));
  const now = useNow();
  const subject = `run ${runId} for agent ${agentId}`;

  // Data first, then error, then loading: a failed refetch never hides a run already shown.
  if (query.data) {
    if (isUnknownRunPlaceholder(query.data.run))
      return <NoEventsProblem agentId={agentId} runId={runId} roomId={roomId} onRetry={() => query.refetch()} />;
    const quietMs = deriveStatus(query.data.run).tone === 'running' ? quietFor(query.data.run, now) : null;
    return (
      <>
        {query.isRefetchError && <RefetchWarning error={query.error} />}
        {quietMs !== null && isStale(quietMs) && (
          <StaleNotice
            quietMs={quietMs}
            resumed={resumed}
            onResume={() => {
              setResumed(true);
              void query.refetch();
            }}
          />
        )}
        <RunReport source={{ kind: 'server', agentId, response: query.data.response }} run={query.data.run} />
      </>
    );
  }
  if (query.isError) {
    const retry = isApiError(query.error) && query.error.kind === 'not-found' ? undefined : () => query.refetch();
    return <ErrorState error={query.error} subject={subject} onRetry={retry} />;
  }
  return <RunSkeleton path={runApiPath(agentId, runId, roomId)} />;
}
