import { memo, type ReactNode } from 'react';
import { formatDuration, formatNumber } from '../lib/format';
import type { Run } from '../run/model';
import type { RunError } from '../run/run-errors';
import type { RunCounts } from '../run/run-stats';
import { isStale, quietFor } from '../run/staleness';
import type { DerivedStatus } from '../run/status';
import type { TokenUsage } from '../run/token-usage';
import { StatusBadge } from './status-badge';
import { Badge } from './ui/badge';
import { TimeText } from './time-text';
import { Card, CardTitle } from './ui/card';
import { CopyButton } from './ui/copy-button';

interface RunSummaryProps {
  run: Run;
  status: DerivedStatus;
  counts: RunCounts;
  errors: RunError[];
  tokens: TokenUsage;
  durationMs: number | null;
  now: number;
}

/** Memoised: scrolling, selecting or expanding events must not re-render the summary. */
export const RunSummary = memo(function RunSummary({ run, status, counts, errors, tokens, durationMs, now }: RunSummaryProps) {
  return (
    <Card aria-labelledby="run-summary-title">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <CardTitle id="run-summary-title" className="mb-0">
          Run summary
        </CardTitle>
        <span aria-live="polite" className="flex items-center gap-2">
          <StatusBadge status={status} />
          <StaleBadge run={run} status={status} now={now} />
          {counts.errors > 0 && status.tone !== 'failed' && (
            <Badge color="var(--status-failed)">
              <span aria-hidden="true">!</span> {counts.errors === 1 ? '1 error' : `${counts.errors} errors`}
            </Badge>
          )}
        </span>
        <span className="text-xs text-muted">{run.shape === 'elizaos' ? 'elizaOS 1.7 response' : 'documented API format'}</span>
      </div>
      {status.reason && <p className="mb-3 text-sm text-[var(--status-failed)]">{status.reason}</p>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Run id">
          <Id value={run.runId} label="run id" />
        </Field>
        <Field label="Agent id">{run.agentId ? <Id value={run.agentId} label="agent id" /> : <Unknown />}</Field>
        <Field label="Room id">{run.roomId ? <Id value={run.roomId} label="room id" /> : <Unknown />}</Field>
        <Field label="Started">
          <TimeText timestamp={run.startedAt} now={now} />
        </Field>
        <Field label="Ended">
          {status.tone === 'running' ? <span>still running</span> : <TimeText timestamp={run.endedAt} now={now} />}
        </Field>
        <Field label="Duration">
          {status.tone === 'running' && durationMs !== null ? `${formatDuration(durationMs)} so far` : formatDuration(durationMs)}
        </Field>
        <Field label="Events">{formatNumber(counts.events)}</Field>
        <Field label="Actions">{formatNumber(counts.actions)}</Field>
        <Field label="Model calls">{formatNumber(counts.modelCalls)}</Field>
        <Field label="Evaluators">{formatNumber(counts.evaluators)}</Field>
        <Field label="Errors">
          <span className={counts.errors ? 'font-semibold text-[var(--status-failed)]' : undefined}>{formatNumber(counts.errors)}</span>
        </Field>
        <Field label="Tokens">
          <TokenTotals tokens={tokens} />
        </Field>
      </dl>
      {errors.length > 0 && <ErrorList errors={errors} />}
    </Card>
  );
});

/** A running run quiet for longer than elizaOS's run timeout says so next to its status. */
function StaleBadge({ run, status, now }: { run: Run; status: DerivedStatus; now: number }) {
  const quietMs = status.tone === 'running' ? quietFor(run, now) : null;
  if (!isStale(quietMs)) return null;
  return <Badge color="var(--status-timeout)">stale: no events for {formatDuration(quietMs)}</Badge>;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function Id({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex items-center gap-2">
      <code className="truncate font-mono text-xs" title={value}>
        {value}
      </code>
      <CopyButton text={value} label={`Copy ${label}`} />
    </span>
  );
}

function Unknown() {
  return <span className="text-muted">not reported</span>;
}

function TokenTotals({ tokens }: { tokens: TokenUsage }) {
  if (!tokens.totals) return <span className="text-muted">not reported</span>;
  const { prompt, completion, total } = tokens.totals;
  return (
    <span>
      {formatNumber(total)} total{' '}
      <span className="text-muted">
        ({formatNumber(prompt)} prompt, {formatNumber(completion)} completion)
      </span>
      {tokens.estimated && <span className="ml-1 text-xs text-muted">estimated</span>}
    </span>
  );
}

function ErrorList({ errors }: { errors: RunError[] }) {
  return (
    <div className="mt-4 rounded border border-[var(--status-failed)] p-3" role="group" aria-labelledby="run-errors-title">
      <h3 id="run-errors-title" className="mb-2 text-sm font-semibold text-[var(--status-failed)]">
        {errors.length === 1 ? '1 error' : `${errors.length} errors`}
      </h3>
      <ul className="space-y-1 text-sm">
        {errors.map((error, index) => (
          <li key={`${error.eventId ?? 'run'}-${index}`}>
            <span className="whitespace-pre-wrap break-words font-mono text-xs">{error.message}</span>{' '}
            <span className="text-xs text-muted">
              —{' '}
              {error.eventId ? (
                <a className="underline" href={`#event-${error.eventId}`}>
                  {error.source}
                </a>
              ) : (
                error.source
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
