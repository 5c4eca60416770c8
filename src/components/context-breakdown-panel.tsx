import { memo, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../lib/format';
import { runPrompts, type ContextBreakdown } from '../run/context-breakdown';
import type { Run } from '../run/model';
import { TOKENIZER_NAME } from '../run/token-estimate';
import { PromptInsightContext } from './prompt-tokens-context';
import { Card, CardTitle } from './ui/card';
import { useNearViewport } from './use-near-viewport';
import { TableHead } from './ui/table-head';

const SHOWN = 12;

/** Which prompt sections fill the context window over the whole run, biggest first. */
export const ContextBreakdownPanel = memo(function ContextBreakdownPanel({
  run,
  breakdown,
  uncountable = false,
}: {
  run: Run;
  breakdown: ContextBreakdown | null;
  /** No counts came with this copy of the run, and it cannot count them (a snapshot has no tokenizer). */
  uncountable?: boolean;
}) {
  const promptCount = useMemo(() => runPrompts(run).length, [run]);
  const panel = useRef<HTMLElement>(null);
  const near = useNearViewport(panel);
  const { request, counting } = useContext(PromptInsightContext);
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (near) request();
  }, [near, request]);

  const rows = breakdown ? (all ? breakdown.rows : breakdown.rows.slice(0, SHOWN)) : [];
  const mark = breakdown?.estimated ? '~' : '';
  return (
    <Card ref={panel} aria-labelledby="context-breakdown-title">
      <CardTitle id="context-breakdown-title">Context breakdown</CardTitle>
      {promptCount === 0 ? (
        <p className="text-sm text-muted">This run’s model calls recorded no prompt text, so there is nothing to break down.</p>
      ) : !breakdown ? (
        <p role="status" className="text-sm text-muted">
          {uncountable
            ? 'This snapshot was saved without the token counts of its prompt sections, and a snapshot cannot count them (it carries no tokenizer). Open the run in the viewer, or ask for a new snapshot, to see where its context goes.'
            : counting
              ? 'Counting the tokens of each prompt section…'
              : 'The breakdown is counted when this panel comes into view.'}
        </p>
      ) : (
        <>
          <p className="mb-2 text-sm">
            {mark}
            {formatNumber(breakdown.totalTokens)} prompt tokens over {formatNumber(breakdown.calls)} model{' '}
            {breakdown.calls === 1 ? 'call' : 'calls'}.
            {breakdown.rows[0] && (
              <>
                {' '}
                Biggest: <code>{breakdown.rows[0].path}</code> ({Math.round(breakdown.rows[0].share * 100)}%).
              </>
            )}
          </p>
          {breakdown.estimated && (
            <p className="mb-2 text-xs text-muted">
              Estimated with the {TOKENIZER_NAME} tokenizer, section by section; where a call reported its prompt tokens, its sections share
              that count out. Nested sections are part of the ones above them.
            </p>
          )}
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Prompt tokens by section, summed over the run’s model calls</caption>
            <TableHead
              columns={[
                { label: 'Section' },
                { label: 'Tokens', numeric: true },
                { label: 'Share', numeric: true },
                { label: <span className="sr-only">Share bar</span> },
                { label: 'Calls', numeric: true },
              ]}
            />
            <tbody>
              {rows.map((row) => (
                <tr key={row.path} className="border-t border-border">
                  <th
                    scope="row"
                    className="max-w-0 truncate py-0.5 font-mono text-xs font-normal"
                    title={row.path}
                    style={{ paddingLeft: `${row.depth}rem` }}
                  >
                    {row.depth > 0 && <span className="sr-only">{row.path} — </span>}
                    <span aria-hidden={row.depth > 0}>{row.label}</span>
                  </th>
                  <td className="w-28 text-right tabular-nums">
                    {mark}
                    {formatNumber(row.tokens)}
                  </td>
                  <td className="w-14 text-right tabular-nums">{Math.round(row.share * 100)}%</td>
                  <td className="w-24 pl-2">
                    <span aria-hidden="true" className="block h-2 w-20 rounded-sm bg-subtle">
                      <span
                        className="block h-full rounded-sm bg-[var(--chart-prompt)]"
                        style={{ width: `${Math.min(row.share, 1) * 100}%` }}
                      />
                    </span>
                  </td>
                  <td className="w-14 text-right tabular-nums">{row.calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {breakdown.rows.length > SHOWN && (
            <button
              type="button"
              onClick={() => setAll(!all)}
              className="mt-2 text-sm text-accent underline focus-visible:outline-2 focus-visible:outline-accent"
            >
              {all ? 'Show the biggest sections only' : `Show all ${breakdown.rows.length} sections`}
            </button>
          )}
        </>
      )}
    </Card>
  );
});
