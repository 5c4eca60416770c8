import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/api-error';
import { runQueryOptions } from '../api/queries';
import { ErrorState, Problem } from '../components/error-state';
import { RunSummary } from '../components/run-summary';
import { TokenUsagePanel } from '../components/token-usage-panel';
import { Skeleton } from '../components/ui/skeleton';
import { useNow } from '../components/use-now';
import { agentRunsPath, isValidId } from '../lib/links';
import type { Run } from '../run/model';
import { collectErrors } from '../run/run-errors';
import { countRun, runDuration } from '../run/run-stats';
import { deriveStatus, hasNoEvents } from '../run/status';
import { buildTimelineRows } from '../run/timeline-rows';
import { tokenUsage } from '../run/token-usage';
import { useCheckedRun } from './use-checked-run';
import { useTokenEstimates } from './use-token-estimates';
import { RunHeader } from './run-header';
import { RunTimeline } from './run-timeline';
import { runToMarkdown } from '../run/run-markdown';

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
  return <RunView agentId={agentId} runId={runId} roomId={roomId} />;
}

function RunView({ agentId, runId, roomId }: { agentId: string; runId: string; roomId: string | null }) {
  const query = useQuery(runQueryOptions(agentId, runId, roomId));
  const subject = `run ${runId} for agent ${agentId}`;

  // Data first, then error, then loading: a failed refetch never hides a run already shown.
  if (query.data) {
    if (hasNoEvents(query.data.run)) {
      return (
        <Problem title="No events recorded for this run" onRetry={() => query.refetch()}>
          <p>
            The server knows no events for {subject}. The run id may be wrong, or{roomId ? '' : ' (without a roomId in the link)'} the
            server may not have found an older run.{' '}
          </p>
          <p>
            <Link className="text-accent underline" to={agentRunsPath(agentId)}>See this agent&apos;s runs</Link>
          </p>
        </Problem>
      );
    }
    return (
      <>
        {query.isRefetchError && <RefetchWarning error={query.error} />}
        <RunDetails agentId={agentId} run={query.data.run} />
      </>
    );
  }
  if (query.isError) {
    const retry = isApiError(query.error) && query.error.kind === 'not-found' ? undefined : () => query.refetch();
    return <ErrorState error={query.error} subject={subject} onRetry={retry} />;
  }
  return <RunSkeleton />;
}

function RunDetails({ agentId, run: serverRun }: { agentId: string; run: Run }) {
  const run = useCheckedRun(agentId, serverRun);
  const now = useNow();
  const status = deriveStatus(run);
  const counts = useMemo(() => countRun(run), [run]);
  const errors = useMemo(() => collectErrors(run), [run]);
  const { estimates, estimating } = useTokenEstimates(run);
  const rows = useMemo(() => buildTimelineRows(run, estimates), [run, estimates]);
  const tokens = useMemo(() => tokenUsage(run, estimates), [run, estimates]);
  const durationMs = runDuration(run, now);

  return (
    <div className="space-y-4">
      <RunHeader agentId={agentId} run={run} markdown={() => runToMarkdown({ run, status, counts, errors, rows, tokens, durationMs, link: location.href })} />
      <RunSummary run={run} status={status} counts={counts} errors={errors} tokens={tokens} durationMs={durationMs} now={now} />
      <RunTimeline run={run} rows={rows} />
      <TokenUsagePanel usage={tokens} estimating={estimating} />
    </div>
  );
}

function RefetchWarning({ error }: { error: unknown }) {
  return (
    <p role="status" className="mb-4 rounded border border-[var(--status-timeout)] p-2 text-sm">
      Could not refresh this run ({error instanceof Error ? error.message : 'unknown error'}). Showing the last version received; it will retry.
    </p>
  );
}

function RunSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading run">
      <p className="sr-only" role="status">Loading run…</p>
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-full" />
      <Skeleton className="h-8 w-5/6" />
    </div>
  );
}
