import { lazy, memo, Suspense, useEffect, useRef, useState } from 'react';
import { formatCost, formatNumber } from '../lib/format';
import { TOKENIZER_NAME } from '../run/token-estimate';
import type { TokenGroup, TokenUsage } from '../run/token-usage';
import { Skeleton } from './ui/skeleton';
import { useNearViewport } from './use-near-viewport';
import { Card, CardTitle } from './ui/card';
import { Button } from './ui/button';
import { TableHead } from './ui/table-head';

// The chart is the heaviest code on the page: it loads only when the panel comes near the screen.
const TokenChart = lazy(() => import('./token-chart').then((module) => ({ default: module.TokenChart })));

interface TokenUsagePanelProps {
  usage: TokenUsage;
  estimating: boolean;
  /** Called once the panel comes near the screen (the browser's tokenizer loads only then). */
  onNear?: () => void;
}

/** Memoised: scrolling, selecting or expanding events must not redraw the chart. */
export const TokenUsagePanel = memo(function TokenUsagePanel({ usage, estimating, onNear }: TokenUsagePanelProps) {
  const panel = useRef<HTMLElement>(null);
  const near = useNearViewport(panel);
  useEffect(() => {
    if (near) onNear?.();
  }, [near, onNear]);
  return (
    <Card ref={panel} aria-labelledby="token-usage-title">
      <CardTitle id="token-usage-title">Token usage</CardTitle>
      {usage.estimated && (
        <p className="mb-2 text-sm text-muted">
          Estimated: the server reported no token counts for {usage.calls.every((call) => call.estimated) ? 'these calls' : 'some calls'},
          so they were counted from the prompt and response text with the {TOKENIZER_NAME} tokenizer. Real counts depend on the model.
        </p>
      )}
      {usage.calls.length === 0 && estimating ? (
        <p className="text-sm text-muted" role="status">
          The server reported no token counts; estimating them from the prompts…
        </p>
      ) : usage.calls.length === 0 ? (
        <p className="text-sm text-muted">
          {usage.totals
            ? `The server reported ${formatNumber(usage.totals.total)} tokens for the run, but none per model call.`
            : 'This run reports no token counts (stock elizaOS 1.7 does not record them), and its calls have no text to estimate them from.'}
        </p>
      ) : (
        <>
          <Suspense fallback={<Skeleton className="h-64 w-full" />}>
            {near ? <TokenChart calls={usage.calls} /> : <Skeleton className="h-64 w-full" />}
          </Suspense>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <GroupTable caption="By model type" groups={usage.byModelType} />
            <GroupTable caption="By provider" groups={usage.byProvider} />
          </div>
          {usage.cost !== null && <p className="mt-2 text-sm">Reported cost: {formatCost(usage.cost)}</p>}
          <CallsTable usage={usage} />
        </>
      )}
    </Card>
  );
});

function GroupTable({ caption, groups }: { caption: string; groups: TokenGroup[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-muted">{caption}</caption>
      <TableHead
        columns={[
          { label: 'Name' },
          { label: 'Calls', numeric: true },
          { label: 'Prompt', numeric: true },
          { label: 'Completion', numeric: true },
          { label: 'Total', numeric: true },
        ]}
      />
      <tbody>
        {groups.map((group) => (
          <tr key={group.key} className="border-t border-border">
            <th scope="row" className="font-mono text-xs font-normal">
              {group.key}
            </th>
            <td className="text-right">{formatNumber(group.calls)}</td>
            <td className="text-right">{formatNumber(group.prompt)}</td>
            <td className="text-right">{formatNumber(group.completion)}</td>
            <td className="text-right">{formatNumber(group.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const TABLE_PAGE = 50;

/** The chart's text alternative: every call with its numbers, a page at a time. */
function CallsTable({ usage }: { usage: TokenUsage }) {
  const [page, setPage] = useState(0);
  const pages = Math.ceil(usage.calls.length / TABLE_PAGE);
  const shown = usage.calls.slice(page * TABLE_PAGE, (page + 1) * TABLE_PAGE);
  return (
    <details className="mt-4">
      <summary className="cursor-pointer text-sm text-accent">Tokens per model call (table)</summary>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Tokens per model call</caption>
        <TableHead
          columns={[
            { label: 'Call' },
            { label: 'Model' },
            { label: 'Prompt', numeric: true },
            { label: 'Completion', numeric: true },
            { label: 'Cumulative', numeric: true },
          ]}
        />
        <tbody>
          {shown.map((call) => (
            <tr key={call.eventId} className="border-t border-border">
              <th scope="row" className="font-normal">
                <a className="underline" href={`#event-${call.eventId}`}>
                  #{call.callNumber}
                </a>
              </th>
              <td className="font-mono text-xs">
                {call.modelType} · {call.provider}
                {call.estimated && ' (estimated)'}
              </td>
              <td className="text-right">{formatNumber(call.prompt)}</td>
              <td className="text-right">{formatNumber(call.completion)}</td>
              <td className="text-right">{formatNumber(call.cumulative)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="mt-2 flex items-center gap-3 text-sm">
          <Button variant="link" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous calls
          </Button>
          <span className="text-muted">
            Page {page + 1} of {pages}
          </span>
          <Button variant="link" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next calls
          </Button>
        </div>
      )}
    </details>
  );
}
