import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { runQueryOptions } from '../api/queries';
import type { ListedRun } from '../api/schemas';
import { StatusBadge } from '../components/status-badge';
import { formatAbsolute, formatDuration, formatNumber } from '../lib/format';
import { runPath } from '../lib/links';
import { countRun } from '../run/run-stats';
import { deriveStatus, isUnknownRunPlaceholder } from '../run/status';
import { TableHead } from '../components/ui/table-head';

/** Runs picked for comparison, when the table offers a checkbox per run. */
export interface Picked {
  runIds: ReadonlySet<string>;
  toggle: (run: ListedRun) => void;
}

/** Runs of an agent, each with its truthful status and counts; used by the home page and the runs list. */
export function RunsTable({ agentId, runs, picked }: { agentId: string; runs: ListedRun[]; picked?: Picked }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Runs, newest first</caption>
      <TableHead
        columns={[
          picked && { label: <span className="sr-only">Compare</span>, className: 'w-6' },
          { label: 'Run' },
          { label: 'Status' },
          { label: 'Started' },
          { label: 'Duration', numeric: true },
          { label: 'Events', numeric: true },
          { label: 'Model calls', numeric: true },
          { label: 'Errors', numeric: true },
        ]}
      />
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.runId} agentId={agentId} listed={run} picked={picked} />
        ))}
      </tbody>
    </table>
  );
}

/** One run, with its truthful status and counts from its detail (the list's are not reliable). */
function RunRow({ agentId, listed, picked }: { agentId: string; listed: ListedRun; picked?: Picked }) {
  const detail = useQuery(runQueryOptions(agentId, listed.runId, listed.roomId ?? null));
  const run = detail.data?.run;
  const counts = run ? countRun(run) : null;
  const duration = listed.durationMs ?? (listed.endedAt != null && listed.startedAt != null ? listed.endedAt - listed.startedAt : null);
  return (
    <tr className="border-t border-border">
      {picked && (
        <td>
          <input
            type="checkbox"
            aria-label={`Compare run ${listed.runId}`}
            checked={picked.runIds.has(listed.runId)}
            onChange={() => picked.toggle(listed)}
          />
        </td>
      )}
      <th scope="row" className="py-1.5 font-normal">
        <Link to={runPath(agentId, listed.runId, listed.roomId)} className="font-mono text-xs text-accent underline">
          {listed.runId}
        </Link>
      </th>
      <td>
        {run && !isUnknownRunPlaceholder(run) ? (
          <StatusBadge status={deriveStatus(run)} />
        ) : (
          <span className="text-xs text-muted">
            {listed.status} {detail.isPending ? '(checking…)' : '(as the server says)'}
          </span>
        )}
      </td>
      <td className="text-xs">{listed.startedAt != null ? formatAbsolute(listed.startedAt) : '—'}</td>
      <td className="text-right">{formatDuration(duration)}</td>
      <td className="text-right">{counts ? formatNumber(counts.events) : '…'}</td>
      <td className="text-right">{counts ? formatNumber(counts.modelCalls) : '…'}</td>
      <td className={counts?.errors ? 'text-right font-semibold text-[var(--status-failed)]' : 'text-right'}>
        {counts ? formatNumber(counts.errors) : '…'}
      </td>
    </tr>
  );
}
