import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { countTokens } from '../api/token-counts';
import type { PromptInsight } from '../components/prompt-tokens-context';
import type { ContextBreakdown } from '../run/context-breakdown';
import type { Run, TokenCount } from '../run/model';
import type { RunSource } from '../run/run-source';
import { savedTokenCounts } from './use-token-estimates';

/**
 * Section tokens for every prompt of the run, counted by the same estimator as the calls' tokens
 * once something on the page asks for them. The splitting code loads only then, not with the page.
 */
export function usePromptBreakdowns(
  run: Run,
  source: RunSource,
): Omit<PromptInsight, 'query'> & { breakdown: ContextBreakdown | null; uncountable: boolean } {
  const [wanted, setWanted] = useState(false);
  const request = useCallback(() => setWanted(true), []);
  const counts = useQuery({ ...sectionTokensQueryOptions(run, source), enabled: wanted });
  const counted = counts.data ?? null;
  // The run is named in the key by its id, length and last event (hashing a whole run would cost more than splitting it),
  // and the counts by when they came.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const breakdowns = useQuery({
    queryKey: ['context-breakdown', run.runId, run.events.length, run.events.at(-1)?.id, counts.dataUpdatedAt],
    queryFn: async () => {
      const { contextBreakdown, promptBreakdowns, runPrompts } = await import('../run/context-breakdown');
      const prompts = runPrompts(run);
      const byPrompt = promptBreakdowns(prompts, counted!);
      return { byPrompt, breakdown: contextBreakdown(prompts, byPrompt) };
    },
    enabled: counted !== null,
    staleTime: Infinity,
    retry: false,
  });
  return {
    breakdowns: breakdowns.data?.byPrompt ?? null,
    breakdown: breakdowns.data?.breakdown ?? null,
    counting: counts.isFetching || breakdowns.isFetching,
    // A snapshot saved without the counts has no tokenizer to count them with.
    uncountable: counts.isSuccess && counts.data === null,
    request,
  };
}

/**
 * Token counts of every prompt's section pieces, by piece id (the share dialog saves the same ones
 * in a snapshot): the ones saved with a file or copy when they cover every piece, else counted by
 * the viewer's server (for a run it serves) or a worker. null in a snapshot that has not got them
 * all: it has no tokenizer.
 */
export function sectionTokensQueryOptions(run: Run, source: RunSource) {
  const serverRun = source.kind === 'server' ? { agentId: source.agentId, runId: run.runId, roomId: run.roomId } : undefined;
  const { saved, offline } = savedTokenCounts(source);
  // The run is named as above; `offline` follows from the source, named by whether counts were saved.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: ['section-tokens', serverRun ?? run.runId, run.events.length, run.events.at(-1)?.id, saved === null],
    queryFn: async ({ signal }): Promise<ReadonlyMap<string, TokenCount> | null> => {
      const { runPrompts, sectionPieceInputs } = await import('../run/context-breakdown');
      const inputs = sectionPieceInputs(runPrompts(run));
      if (saved && inputs.every((input) => saved.has(input.eventId))) return saved;
      if (offline) return null;
      return countTokens({ inputs, run: serverRun && { ...serverRun, of: 'sections' }, signal });
    },
    staleTime: Infinity,
    retry: false,
  });
}
