import { lazy, useCallback, useMemo, useState } from 'react';
import { NoEventLinkContext } from '../components/event-link-context';
import { RunSummary } from '../components/run-summary';
import { AfterFirstPaint } from '../components/after-first-paint';
import { useNow } from '../components/use-now';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { collectErrors } from '../run/run-errors';
import { countRun, runDuration } from '../run/run-stats';
import { deriveStatus } from '../run/status';
import { buildTimelineRows } from '../run/timeline-rows';
import { tokenUsage } from '../run/token-usage';
import { RunConversation } from './run-conversation';
import { RunHeader } from './run-header';
import { RunInsight } from './run-insight';
import { RunTimeline } from './run-timeline';
import { useCheckedRun } from './use-checked-run';
import { useTokenEstimates } from './use-token-estimates';

// The token panel loads after the first rows are painted, not before them. (The conversation, above
// the timeline, does not: its arrival would push the rows down under the reader's eyes and keys.)
const TokenUsagePanel = lazy(() => import('../components/token-usage-panel').then((module) => ({ default: module.TokenUsagePanel })));

/** Everything the page shows for a run in hand, fetched from a server or opened from a file. */
export function RunReport({ source, run: loaded }: { source: RunSource; run: Run }) {
  const run = useCheckedRun(source, loaded);
  const now = useNow();
  const status = useMemo(() => deriveStatus(run), [run]);
  const counts = useMemo(() => countRun(run), [run]);
  const errors = useMemo(() => collectErrors(run), [run]);
  const [tokenPanelNear, setTokenPanelNear] = useState(false);
  const onTokenPanelNear = useCallback(() => setTokenPanelNear(true), []);
  const { estimates, estimating } = useTokenEstimates(run, source, tokenPanelNear);
  // Rows do not depend on the estimates, so their arrival re-renders only what shows them.
  const rows = useMemo(() => buildTimelineRows(run), [run]);
  const tokens = useMemo(() => tokenUsage(run, estimates), [run, estimates]);
  const durationMs = runDuration(run, now);
  // The Markdown writer is loaded on the first copy, not with the page.
  const markdown = async () => {
    const { runToMarkdown } = await import('../run/run-markdown');
    return runToMarkdown({ run, status, counts, errors, rows: buildTimelineRows(run, estimates), tokens, durationMs, link: location.href });
  };

  return (
    <div className="space-y-4">
      <RunHeader source={source} run={run} loaded={loaded} markdown={markdown} />
      <RunSummary run={run} status={status} counts={counts} errors={errors} tokens={tokens} durationMs={durationMs} now={now} />
      <RunConversation source={source} run={run} running={status.tone === 'running'} />
      <NoEventLinkContext value={source.kind === 'file' ? FILE_HAS_NO_LINK : null}>
        <RunInsight run={run} source={source}>
          <RunTimeline run={run} rows={rows} estimates={estimates} />
        </RunInsight>
      </NoEventLinkContext>
      <AfterFirstPaint title="Token usage">
        <TokenUsagePanel usage={tokens} estimating={estimating} onNear={onTokenPanelNear} />
      </AfterFirstPaint>
    </div>
  );
}

const FILE_HAS_NO_LINK = 'a run opened from a file is only in this browser (Share makes a link that carries it)';
