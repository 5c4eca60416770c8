import { Link } from 'react-router';
import type { ListedRun } from '../api/schemas';
import { StatusBadge } from '../components/status-badge';
import { formatAbsolute, formatDuration, formatNumber } from '../lib/format';
import { runPath } from '../lib/links';
import { TableHead } from '../components/ui/table-head';
import type { RowTruth } from './use-list-truth';

/** Runs picked for comparison, when the table offers a checkbox per run. */
export interface Picked {
  runIds: ReadonlySet<string>;
  toggle: (run: ListedRun) => void;
}

/** Runs of an agent, each with its truthful status and counts; used by the home page and the runs list. */
export function RunsTable({
  agentId,
  runs,
  truths,
  picked,
}: {
  agentId: string;
  runs: ListedRun[];
  truths: ReadonlyMap<string, RowTruth>;
  picked?: Picked;
}) {
  return (
    // Scrolls sideways on a narrow screen rather than cut off its last columns.
    <>
      <p className="mb-1 text-xs text-muted sm:hidden">Scroll the table sideways for its other columns.</p>
      <div className="overflow-x-auto" role="region" aria-label="Runs table" tabIndex={0}>
        <table className="w-full min-w-[36rem] text-left text-sm">
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
              <RunRow key={run.runId} agentId={agentId} listed={run} truth={truths.get(run.runId) ?? CHECKING} picked={picked} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const CHECKING: RowTruth = { state: 'checking' };

/** One run, with the same truthful status and counts as its run page (the server's own are not reliable). */
function RunRow({ agentId, listed, truth, picked }: { agentId: string; listed: ListedRun; truth: RowTruth; picked?: Picked }) {
  const known = truth.state === 'known' ? truth.truth : null;
  const count = (value: number | null | undefined) =>
    value != null ? (
      formatNumber(value)
    ) : (
      <span className="text-muted" title={known ? 'Known once the run is opened' : 'Checking…'}>
        {known ? '—' : '…'}
      </span>
    );
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
        {known ? (
          <StatusBadge status={known.status} />
        ) : (
          <span className="text-xs text-muted">
            {listed.status} {truth.state === 'unknown' ? `(as the server says: ${truth.reason})` : '(checking…)'}
          </span>
        )}
      </td>
      <td className="text-xs">{listed.startedAt != null ? formatAbsolute(listed.startedAt) : '—'}</td>
      <td className="text-right">{formatDuration(duration)}</td>
      <td className="text-right">{count(known?.events)}</td>
      <td className="text-right">{count(known?.modelCalls)}</td>
      <td className={known?.errors ? 'text-right font-semibold text-[var(--status-failed)]' : 'text-right'}>{count(known?.errors)}</td>
    </tr>
  );
}
