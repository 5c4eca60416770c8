import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ContextBreakdownPanel } from '../components/context-breakdown-panel';
import { PromptInsightContext } from '../components/prompt-tokens-context';
import { contextBreakdown } from '../run/context-breakdown';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { usePromptBreakdowns } from './use-prompt-breakdowns';

/**
 * Gives the page the prompt section tokens (counted once, on demand) and the search text. Its own
 * component, so a URL change re-renders only what reads them, not the children.
 */
export function RunInsight({ run, source, children }: { run: Run; source: RunSource; children: ReactNode }) {
  const [params] = useSearchParams();
  const { prompts, breakdowns, counting, request, query } = usePromptBreakdowns(run, source, params.get('q') ?? '');
  const value = useMemo(() => ({ breakdowns, counting, request, query }), [breakdowns, counting, request, query]);
  const breakdown = useMemo(() => (breakdowns ? contextBreakdown(prompts, breakdowns) : null), [prompts, breakdowns]);
  return (
    <PromptInsightContext value={value}>
      {children}
      <ContextBreakdownPanel breakdown={breakdown} promptCount={prompts.length} />
    </PromptInsightContext>
  );
}
