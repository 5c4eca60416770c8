import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { countTokens } from '../api/token-counts';
import type { PromptInsight } from '../components/prompt-tokens-context';
import { promptBreakdowns, runPrompts, sectionPieceInputs } from '../run/context-breakdown';
import type { Run } from '../run/model';

/**
 * Section tokens for every prompt of the run, counted by the same estimator as the calls' tokens
 * (one pass, off the main thread), once something on the page asks for them.
 */
export function usePromptBreakdowns(run: Run, query: string): PromptInsight & { prompts: ReturnType<typeof runPrompts> } {
  const [wanted, setWanted] = useState(false);
  const request = useCallback(() => setWanted(true), []);
  const prompts = useMemo(() => runPrompts(run), [run]);
  const counted = useQuery({
    queryKey: ['section-tokens', run.runId, prompts.length, prompts.at(-1)?.key],
    queryFn: async ({ signal }) => promptBreakdowns(prompts, await countTokens({ inputs: sectionPieceInputs(prompts), signal })),
    enabled: wanted && prompts.length > 0,
    staleTime: Infinity,
    retry: false,
  });
  return { prompts, breakdowns: counted.data ?? null, counting: counted.isFetching, request, query };
}
