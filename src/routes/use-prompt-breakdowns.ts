import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { countTokens } from '../api/token-counts';
import type { PromptInsight } from '../components/prompt-tokens-context';
import { promptBreakdowns, runPrompts, sectionPieceInputs } from '../run/context-breakdown';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { savedTokenCounts } from './use-token-estimates';

/**
 * Section tokens for every prompt of the run, counted by the same estimator as the calls' tokens
 * (one pass, off the main thread), once something on the page asks for them. A snapshot shows the
 * counts saved in it instead: it has no tokenizer.
 */
export function usePromptBreakdowns(
  run: Run,
  source: RunSource,
  query: string,
): PromptInsight & { prompts: ReturnType<typeof runPrompts> } {
  const [wanted, setWanted] = useState(false);
  const request = useCallback(() => setWanted(true), []);
  const prompts = useMemo(() => runPrompts(run), [run]);
  const { saved, offline } = savedTokenCounts(source);
  const inputs = useMemo(() => sectionPieceInputs(prompts), [prompts]);
  const savedAll = saved !== null && inputs.every((input) => saved.has(input.eventId));
  const counted = useQuery({
    ...sectionTokensQueryOptions(run),
    enabled: wanted && prompts.length > 0 && !savedAll && !offline,
  });
  const counts = savedAll ? saved : (counted.data ?? null);
  const breakdowns = useMemo(() => (counts ? promptBreakdowns(prompts, counts) : null), [prompts, counts]);
  return { prompts, breakdowns, counting: counted.isFetching, request, query };
}

/** Token counts of every prompt's section pieces (the share dialog saves the same ones in a snapshot). */
export function sectionTokensQueryOptions(run: Run) {
  const prompts = runPrompts(run);
  return queryOptions({
    queryKey: ['section-tokens', run.runId, prompts.length, prompts.at(-1)?.key],
    queryFn: async ({ signal }) => countTokens({ inputs: sectionPieceInputs(prompts), signal }),
    staleTime: Infinity,
    retry: false,
  });
}
