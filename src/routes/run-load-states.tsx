import { Link } from 'react-router';
import { useDownloadProgress, type DownloadProgress } from '../api/download-progress';
import { Problem } from '../components/error-state';
import { Skeleton } from '../components/ui/skeleton';
import { formatBytes } from '../lib/format';
import { agentRunsPath } from '../lib/links';

// How a run that is not on screen yet looks, shared by the run page and the comparison.

/** elizaOS answers an unknown run id with an empty run, not an error: said in words. */
export function NoEventsProblem({
  agentId,
  runId,
  roomId,
  onRetry,
}: {
  agentId: string;
  runId: string;
  roomId: string | null;
  onRetry: () => void;
}) {
  return (
    <Problem title="No events recorded for this run" onRetry={onRetry}>
      <p>
        The server knows no events for run {runId} for agent {agentId} (elizaOS answers an unknown run id this way, with no error).{' '}
        {roomId
          ? 'The run id may be wrong.'
          : 'The run id may be wrong, or the run is older than the newest 5,000 log rows the server searches when the link has no roomId.'}
      </p>
      <p>
        <Link className="text-accent underline" to={agentRunsPath(agentId)}>
          See this agent&apos;s runs
        </Link>
      </p>
    </Problem>
  );
}

export function RefetchWarning({ error }: { error: unknown }) {
  return (
    <p role="status" className="mb-4 rounded border border-[var(--status-timeout)] p-2 text-sm">
      Could not refresh this run ({error instanceof Error ? error.message : 'unknown error'}). Showing the last version received; it will
      retry.
    </p>
  );
}

export function RunSkeleton({ path }: { path: string }) {
  const progress = useDownloadProgress(path);
  return (
    // data-first-paint-wait: the server's first paint of the run stays over this (src/app/first-paint.ts).
    <div className="space-y-4" aria-busy="true" aria-label="Loading run" data-first-paint-wait="">
      <LoadingStatus progress={progress} />
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-5/6" />
    </div>
  );
}

function LoadingStatus({ progress }: { progress: DownloadProgress | null }) {
  if (!progress)
    return (
      <p className="sr-only" role="status">
        Loading run…
      </p>
    );
  if (progress.phase === 'preparing')
    return (
      <p role="status" className="text-sm text-muted">
        Received {formatBytes(progress.received)}; preparing the run…
      </p>
    );
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
