import { lazy, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { AfterFirstPaint } from '../components/after-first-paint';
import { PromptInsightContext } from '../components/prompt-tokens-context';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { usePromptBreakdowns } from './use-prompt-breakdowns';

const ContextBreakdownPanel = lazy(() =>
  import('../components/context-breakdown-panel').then((module) => ({ default: module.ContextBreakdownPanel })),
);

/**
 * Gives the page the prompt section tokens (counted once, on demand) and the search text. Its own
 * component, so a URL change re-renders only what reads them, not the children.
 */
export function RunInsight({ run, source, children }: { run: Run; source: RunSource; children: ReactNode }) {
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const { breakdowns, breakdown, counting, uncountable, request } = usePromptBreakdowns(run, source);
  const value = useMemo(() => ({ breakdowns, counting, request, query }), [breakdowns, counting, request, query]);
  return (
    <PromptInsightContext value={value}>
      {children}
      <AfterFirstPaint title="Context breakdown">
        <ContextBreakdownPanel run={run} breakdown={breakdown} uncountable={uncountable} />
      </AfterFirstPaint>
    </PromptInsightContext>
  );
}
