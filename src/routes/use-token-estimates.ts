import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { countTokens, serverCountsTokens } from '../api/token-counts';
import type { Run, TokenCount } from '../run/model';
import { estimateInputs, type EstimateInput } from '../run/token-estimate';
import type { RunSource } from '../run/run-source';

const NONE: ReadonlyMap<string, TokenCount> = new Map();
const NO_INPUTS: EstimateInput[] = [];

/**
 * Estimated tokens for the model calls that report none; empty until ready. The viewer's server
 * counts them when it is behind the page; otherwise a worker does, and its tokenizer (~430 kB) is
 * loaded only once `panelSeen` says the token panel came into view. A snapshot carries no tokenizer:
 * it shows the estimates saved in it, like any bundle that has them. `later`: the page has more
 * urgent work first (the comparison's first screen), so nothing is counted yet.
 */
export function useTokenEstimates(
  run: Run,
  source: RunSource,
  panelSeen: boolean,
  later = false,
): { estimates: ReadonlyMap<string, TokenCount>; estimating: boolean } {
  // Not even read while later: going through every call's prompt is part of what is put off.
  const inputs = useMemo(() => (later ? NO_INPUTS : estimateInputs(run)), [run, later]);
  const onServer = source.kind === 'server' && serverCountsTokens();
  const { saved, offline } = savedTokenCounts(source);
  const savedAll = saved !== null && inputs.every((input) => saved.has(input.eventId));
  const query = useQuery({
    ...tokenEstimatesQueryOptions(run, source, inputs),
    enabled: inputs.length > 0 && !savedAll && !offline && !later && (onServer || panelSeen),
  });
  if (savedAll || offline) return { estimates: saved ?? NONE, estimating: false };
  return { estimates: query.data ?? NONE, estimating: inputs.length > 0 && !query.data && !query.isError };
}

/**
 * Token counts saved with a file or a copy (call estimates and prompt section pieces, by id), and
 * whether the page may count none itself: a snapshot file has no tokenizer and makes no request.
 */
export function savedTokenCounts(source: RunSource): { saved: ReadonlyMap<string, TokenCount> | null; offline: boolean } {
  if (source.kind === 'server') return { saved: null, offline: false };
  return { saved: source.context.tokenEstimates, offline: source.kind === 'copy' && source.copy.how === 'snapshot' };
}

/** The page's estimates for a run (the share dialog saves the same ones in a snapshot). */
export function tokenEstimatesQueryOptions(run: Run, source: RunSource, inputs: EstimateInput[] = estimateInputs(run)) {
  const serverRun = source.kind === 'server' ? { agentId: source.agentId, runId: run.runId, roomId: run.roomId } : undefined;
  const onServer = serverRun !== undefined && serverCountsTokens();
  return queryOptions({
    queryKey: ['token-estimates', serverRun ?? run.runId, onServer, inputs.length, inputs.at(-1)?.eventId],
    queryFn: ({ signal }) => countTokens({ inputs, run: serverRun, signal }),
    staleTime: Infinity,
    retry: false,
  });
}
