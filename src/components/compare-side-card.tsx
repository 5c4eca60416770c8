import { Link } from 'react-router';
import { formatDuration, formatNumber } from '../lib/format';
import type { RunFacts } from '../run/compare-runs';
import type { Run } from '../run/model';
import type { DerivedStatus } from '../run/status';
import { StatusBadge } from './status-badge';
import { TimeText } from './time-text';
import { Badge } from './ui/badge';
import { CopyButton } from './ui/copy-button';

interface CompareSideCardProps {
  side: 'A' | 'B';
  run: Run;
  status: DerivedStatus;
  facts: RunFacts;
  /** The run's own page, when it has one (not for a file). */
  href: string | null;
  now: number;
}

/** One of the two runs at a glance: id, time, truthful status, duration, counts and tokens. */
export function CompareSideCard({ side, run, status, facts, href, now }: CompareSideCardProps) {
  const titleId = `compare-run-${side}`;
  return (
    <section aria-labelledby={titleId} className="min-w-0 rounded-md border border-border p-3">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="text-sm font-semibold">
          Run {side}
        </h3>
        <StatusBadge status={status} />
        {facts.errors.length > 0 && status.tone !== 'failed' && (
          <Badge color="var(--status-failed)">
            <span aria-hidden="true">!</span> {facts.errors.length === 1 ? '1 error' : `${formatNumber(facts.errors.length)} errors`}
          </Badge>
        )}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-xs text-muted">Run id</dt>
        <dd className="flex min-w-0 items-center gap-2">
          <code className="font-mono text-xs" title={run.runId}>
            {run.runId.slice(0, 8)}
          </code>
          <CopyButton text={run.runId} label={`Copy the id of run ${side}`} />
          {href && (
            <Link to={href} className="text-xs text-accent underline">
              Open run {side}
            </Link>
          )}
        </dd>
        <dt className="text-xs text-muted">Started</dt>
        <dd>
          <TimeText timestamp={run.startedAt} now={now} />
        </dd>
        <dt className="text-xs text-muted">Duration</dt>
        <dd>{status.tone === 'running' ? 'still running' : formatDuration(facts.durationMs)}</dd>
        <dt className="text-xs text-muted">Counts</dt>
        <dd>
          {count(facts.events, 'event')}, {count(facts.actions, 'action')}, {count(facts.modelCalls, 'model call')},{' '}
          <span className={facts.errors.length ? 'font-semibold text-[var(--status-failed)]' : undefined}>
            {count(facts.errors.length, 'error')}
          </span>
        </dd>
        <dt className="text-xs text-muted">Tokens</dt>
        <dd>
          {facts.tokens ? formatNumber(facts.tokens.total) : <span className="text-muted">not reported</span>}
          {facts.tokens && facts.tokensEstimated && <span className="ml-1 text-xs text-muted">estimated</span>}
        </dd>
      </dl>
    </section>
  );
}

function count(value: number, noun: string): string {
  return `${formatNumber(value)} ${noun}${value === 1 ? '' : 's'}`;
}
