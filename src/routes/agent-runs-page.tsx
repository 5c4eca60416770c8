import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { agentsQueryOptions, runsQueryOptions } from '../api/queries';
import { useState } from 'react';
import { CompareLink } from '../components/compare-link';
import type { ListedRun } from '../api/schemas';
import { ErrorState, Problem } from '../components/error-state';
import { Card, CardTitle } from '../components/ui/card';
import { Skeleton } from '../components/ui/skeleton';
import { isValidId } from '../lib/ids';
import { RunsTable } from './runs-table';
import { runsFilter, useRunsListView } from './use-runs-list-view';
import { Button } from '../components/ui/button';
import { CopyButton } from '../components/ui/copy-button';
import { matchesFilter, TRUTH_FILTERS, type TruthFilter } from '../run/run-truth';
import { useListTruth, type RowTruth } from './use-list-truth';

const FILTER_LABELS: Record<TruthFilter | 'all', string> = {
  all: 'all',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  timeout: 'timeout',
  cancelled: 'cancelled',
  'has-errors': 'has errors',
};
const REFRESH_MS = 5000;

export function AgentRunsPage() {
  const { agentId } = useParams();
  if (!isValidId(agentId)) {
    return (
      <Problem title="This link is malformed">
        <p>The agent id in this link is not valid. Check that the link was copied whole.</p>
      </Problem>
    );
  }
  return <AgentRuns agentId={agentId} />;
}

function AgentRuns({ agentId }: { agentId: string }) {
  const [view, setView] = useRunsListView();
  const query = useQuery({ ...runsQueryOptions(agentId, runsFilter(view)), refetchInterval: view.live ? REFRESH_MS : false });
  const agent = useQuery(agentsQueryOptions()).data?.find((candidate) => candidate.id === agentId);
  const agentName = agent?.name ?? agent?.characterName ?? null;
  const fetched = query.data?.runs ?? NO_RUNS;
  const truths = useListTruth(agentId, fetched);
  const { status } = view;
  // The server filters on its own status, which hides failures: the page filters on the truth.
  const runs = status === 'all' ? fetched : fetched.filter((run) => matchesTruth(truths.get(run.runId), status)).slice(0, view.limit);
  const unchecked = status === 'all' ? 0 : fetched.filter((run) => truths.get(run.runId)?.state !== 'known').length;
  const oldest = fetched.at(-1)?.startedAt;
  // Picked for comparison; kept across pages and filters, so runs far apart can be compared.
  const [picked, setPicked] = useState<ListedRun[]>([]);
  const togglePicked = (run: ListedRun) =>
    setPicked((current) =>
      current.some((item) => item.runId === run.runId) ? current.filter((item) => item.runId !== run.runId) : [...current, run],
    );

  return (
    <Card aria-labelledby="agent-runs-title">
      <div className="mb-3 flex flex-wrap items-center gap-x-2 gap-y-1">
        <CardTitle id="agent-runs-title" className="mb-0">
          Runs of {agentName && agentName !== agentId ? agentName : 'agent'}
        </CardTitle>
        <code className="font-mono text-xs break-all text-muted">{agentId}</code>
        <CopyButton text={agentId} label="Copy agent id" />
      </div>
      <form className="mb-3 flex flex-wrap items-end gap-3 text-sm" onSubmit={(event) => event.preventDefault()}>
        <label className="flex flex-col text-xs">
          Status
          <select
            aria-label="Status"
            value={view.status}
            onChange={(event) => setView({ status: event.target.value as TruthFilter | 'all' })}
            className="rounded border border-border bg-card px-1 py-1 text-sm"
          >
            {(['all', ...TRUTH_FILTERS] as const).map((value) => (
              <option key={value} value={value}>
                {FILTER_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          From
          <input
            type="datetime-local"
            value={view.from}
            onChange={(event) => setView({ from: event.target.value })}
            className="rounded border border-border bg-card px-1 py-0.5 text-sm"
          />
        </label>
        <label className="flex flex-col text-xs">
          To
          <input
            type="datetime-local"
            value={view.to}
            onChange={(event) => setView({ to: event.target.value })}
            className="rounded border border-border bg-card px-1 py-0.5 text-sm"
          />
        </label>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={view.live} onChange={(event) => setView({ live: event.target.checked })} />
          Auto-refresh every {REFRESH_MS / 1000} s
        </label>
      </form>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} subject={`the runs of agent ${agentId}`} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Skeleton className="h-40 w-full" />
      ) : runs.length === 0 && unchecked === 0 ? (
        <p className="text-sm text-muted">No runs match.</p>
      ) : (
        <>
          <CompareLink agentId={agentId} selected={picked} />
          <RunsTable
            agentId={agentId}
            runs={runs}
            truths={truths}
            picked={{ runIds: new Set(picked.map((run) => run.runId)), toggle: togglePicked }}
          />
        </>
      )}
      {unchecked > 0 && (
        <p className="mt-2 text-xs text-muted">
          {unchecked === 1 ? '1 run' : `${unchecked} runs`} of this page not checked yet, so not filtered in.
        </p>
      )}
      <div className="mt-3 flex gap-3 text-sm">
        {view.before !== null && (
          <Button variant="link" onClick={() => setView({ before: null })}>
            Newest runs
          </Button>
        )}
        {query.data?.hasMore && oldest != null && (
          <Button variant="link" onClick={() => setView({ before: oldest - 1 })}>
            Older runs
          </Button>
        )}
      </div>
    </Card>
  );
}

const NO_RUNS: ListedRun[] = [];

function matchesTruth(row: RowTruth | undefined, status: TruthFilter): boolean {
  return row?.state === 'known' && matchesFilter(row.truth, status);
}
