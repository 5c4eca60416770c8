import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/api-error';
import { useDownloadProgress, type DownloadProgress } from '../api/download-progress';
import { runApiPath, runQueryOptions } from '../api/queries';
import { formatBytes } from '../lib/format';
import { ErrorState, Problem } from '../components/error-state';
import { Skeleton } from '../components/ui/skeleton';
import { agentRunsPath, isValidId } from '../lib/links';
import { isUnknownRunPlaceholder } from '../run/status';
import { RunReport } from './run-report';

/** The run page: checks the ids in the link before anything is fetched. */
export function RunPage() {
  const { agentId, runId } = useParams();
  const [searchParams] = useSearchParams();
  const roomId = searchParams.get('roomId');
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
  const query = useQuery(runQueryOptions(agentId, runId, roomId));
  const subject = `run ${runId} for agent ${agentId}`;

  // Data first, then error, then loading: a failed refetch never hides a run already shown.
  if (query.data) {
    if (isUnknownRunPlaceholder(query.data.run)) return <NoEventsProblem agentId={agentId} runId={runId} roomId={roomId} onRetry={() => query.refetch()} />;
    return (
      <>
        {query.isRefetchError && <RefetchWarning error={query.error} />}
        <RunReport source={{ kind: 'server', agentId }} run={query.data.run} />
      </>
    );
  }
  if (query.isError) {
    const retry = isApiError(query.error) && query.error.kind === 'not-found' ? undefined : () => query.refetch();
    return <ErrorState error={query.error} subject={subject} onRetry={retry} />;
  }
  return <RunSkeleton path={runApiPath(agentId, runId, roomId)} />;
}

/** elizaOS answers an unknown run id with an empty run, not an error: said in words. */
export function NoEventsProblem({ agentId, runId, roomId, onRetry }: { agentId: string; runId: string; roomId: string | null; onRetry: () => void }) {
  return (
    <Problem title="No events recorded for this run" onRetry={onRetry}>
      <p>
        The server knows no events for run {runId} for agent {agentId} (elizaOS answers an unknown run id this way, with no error).{' '}
        {roomId
          ? 'The run id may be wrong.'
          : 'The run id may be wrong, or the run is older than the newest 5,000 log rows the server searches when the link has no roomId.'}
      </p>
      <p>
        <Link className="text-accent underline" to={agentRunsPath(agentId)}>See this agent&apos;s runs</Link>
      </p>
    </Problem>
  );
}

export function RefetchWarning({ error }: { error: unknown }) {
  return (
    <p role="status" className="mb-4 rounded border border-[var(--status-timeout)] p-2 text-sm">
      Could not refresh this run ({error instanceof Error ? error.message : 'unknown error'}). Showing the last version received; it will retry.
    </p>
  );
}

export function RunSkeleton({ path }: { path: string }) {
  const progress = useDownloadProgress(path);
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading run">
      <LoadingStatus progress={progress} />
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-5/6" />
    </div>
  );
}

function LoadingStatus({ progress }: { progress: DownloadProgress | null }) {
  if (!progress) return <p className="sr-only" role="status">Loading run…</p>;
  if (progress.phase === 'preparing') return <p role="status" className="text-sm text-muted">Received {formatBytes(progress.received)}; preparing the run…</p>;
  const { received, total } = progress;
  return (
    <div className="space-y-1">
      <p role="status" className="text-sm text-muted">
        Loading run… {formatBytes(received)}
        {total !== null && ` of ${formatBytes(total)}`}
      </p>
      {total !== null && <progress className="h-2 w-full" max={total} value={received} aria-label="Download progress" />}
    </div>
  );
}
