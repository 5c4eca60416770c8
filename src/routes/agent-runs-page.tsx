import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { runQueryOptions, runsQueryOptions, type RunsFilter } from '../api/queries';
import type { ListedRun } from '../api/schemas';
import { ErrorState, Problem } from '../components/error-state';
import { StatusBadge } from '../components/status-badge';
import { Card, CardTitle } from '../components/ui/card';
import { Skeleton } from '../components/ui/skeleton';
import { formatAbsolute, formatDuration, formatNumber } from '../lib/format';
import { isValidId, runPath } from '../lib/links';
import { countRun } from '../run/run-stats';
import { deriveStatus, hasNoEvents } from '../run/status';

const STATUSES = ['all', 'started', 'completed', 'timeout', 'error'];
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

/** `2026-11-29T10:00` (a datetime-local value) as epoch ms, in the browser's time zone. */
function epoch(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function AgentRuns({ agentId }: { agentId: string }) {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'all';
  const autoRefresh = params.get('live') === '1';
  const filter: RunsFilter = {
    limit: Math.min(Math.max(Number(params.get('limit')) || 20, 1), 100),
    status,
    to: epoch(params.get('before')) ?? epoch(params.get('to')),
    // Any `from` skips the real server's 15 s cache of the plain list, so live refreshes are live.
    from: epoch(params.get('from')) ?? (autoRefresh ? 1 : undefined),
  };
  const query = useQuery({ ...runsQueryOptions(agentId, filter), refetchInterval: autoRefresh ? REFRESH_MS : false });
  const set = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
      if (key !== 'before') next.delete('before');
      return next;
    });
  const runs = query.data?.runs ?? [];
  const oldest = runs.at(-1)?.startedAt;

  return (
    <Card aria-labelledby="agent-runs-title">
      <CardTitle id="agent-runs-title">
        Runs of agent <code className="font-mono text-sm">{agentId}</code>
      </CardTitle>
      <form className="mb-3 flex flex-wrap items-end gap-3 text-sm" onSubmit={(event) => event.preventDefault()}>
        <label className="flex flex-col text-xs">
          Status
          <select aria-label="Status" value={status} onChange={(event) => set('status', event.target.value === 'all' ? null : event.target.value)} className="rounded border border-border bg-card px-1 py-1 text-sm">
            {STATUSES.map((value) => (
              <option key={value} value={value}>{value}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          From
          <input type="datetime-local" value={params.get('from') ?? ''} onChange={(event) => set('from', event.target.value)} className="rounded border border-border bg-card px-1 py-0.5 text-sm" />
        </label>
        <label className="flex flex-col text-xs">
          To
          <input type="datetime-local" value={params.get('to') ?? ''} onChange={(event) => set('to', event.target.value)} className="rounded border border-border bg-card px-1 py-0.5 text-sm" />
        </label>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={autoRefresh} onChange={(event) => set('live', event.target.checked ? '1' : null)} />
          Auto-refresh every {REFRESH_MS / 1000} s
        </label>
      </form>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} subject={`the runs of agent ${agentId}`} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Skeleton className="h-40 w-full" />
      ) : runs.length === 0 ? (
        <p className="text-sm text-muted">No runs match.</p>
      ) : (
        <RunsTable agentId={agentId} runs={runs} />
      )}
      <div className="mt-3 flex gap-3 text-sm">
        {params.get('before') && (
          <button type="button" className="text-accent underline" onClick={() => set('before', null)}>
            Newest runs
          </button>
        )}
        {query.data?.hasMore && oldest != null && (
          <button type="button" className="text-accent underline" onClick={() => set('before', String(oldest - 1))}>
            Older runs
          </button>
        )}
      </div>
    </Card>
  );
}

export function RunsTable({ agentId, runs }: { agentId: string; runs: ListedRun[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Runs, newest first</caption>
      <thead>
        <tr className="text-xs text-muted">
          <th scope="col" className="font-normal">Run</th>
          <th scope="col" className="font-normal">Status</th>
          <th scope="col" className="font-normal">Started</th>
          <th scope="col" className="text-right font-normal">Duration</th>
          <th scope="col" className="text-right font-normal">Events</th>
          <th scope="col" className="text-right font-normal">Model calls</th>
          <th scope="col" className="text-right font-normal">Errors</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.runId} agentId={agentId} listed={run} />
        ))}
      </tbody>
    </table>
  );
}

/** One run, with its truthful status and counts from its detail (the list's are not reliable). */
function RunRow({ agentId, listed }: { agentId: string; listed: ListedRun }) {
  const detail = useQuery(runQueryOptions(agentId, listed.runId, listed.roomId ?? null));
  const run = detail.data?.run;
  const counts = run ? countRun(run) : null;
  const duration = listed.durationMs ?? (listed.endedAt != null && listed.startedAt != null ? listed.endedAt - listed.startedAt : null);
  return (
    <tr className="border-t border-border">
      <th scope="row" className="py-1.5 font-normal">
        <Link to={runPath(agentId, listed.runId, listed.roomId)} className="font-mono text-xs text-accent underline">{listed.runId}</Link>
      </th>
      <td>
        {run && !hasNoEvents(run) ? (
          <StatusBadge status={deriveStatus(run)} />
        ) : (
          <span className="text-xs text-muted">{listed.status} {detail.isPending ? '(checking…)' : '(as the server says)'}</span>
        )}
      </td>
      <td className="text-xs">{listed.startedAt != null ? formatAbsolute(listed.startedAt) : '—'}</td>
      <td className="text-right">{formatDuration(duration)}</td>
      <td className="text-right">{counts ? formatNumber(counts.events) : '…'}</td>
      <td className="text-right">{counts ? formatNumber(counts.modelCalls) : '…'}</td>
      <td className={counts?.errors ? 'text-right font-semibold text-[var(--status-failed)]' : 'text-right'}>{counts ? formatNumber(counts.errors) : '…'}</td>
    </tr>
  );
}
