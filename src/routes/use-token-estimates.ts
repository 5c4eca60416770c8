import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { countTokens, serverCountsTokens } from '../api/token-counts';
import type { Run, TokenCount } from '../run/model';
import { estimateInputs } from '../run/token-estimate';
import type { RunSource } from '../run/run-source';

const NONE: ReadonlyMap<string, TokenCount> = new Map();

/**
 * Estimated tokens for the model calls that report none; empty until ready. The viewer's server
 * counts them when it is behind the page; otherwise a worker does, and its tokenizer (~430 kB) is
 * loaded only once `panelSeen` says the token panel came into view.
 */
export function useTokenEstimates(
  run: Run,
  source: RunSource,
  panelSeen: boolean,
): { estimates: ReadonlyMap<string, TokenCount>; estimating: boolean } {
  const inputs = useMemo(() => estimateInputs(run), [run]);
  const serverRun = source.kind === 'server' ? { agentId: source.agentId, runId: run.runId, roomId: run.roomId } : undefined;
  const onServer = serverRun !== undefined && serverCountsTokens();
  const query = useQuery({
    queryKey: ['token-estimates', serverRun ?? run.runId, onServer, inputs.length, inputs.at(-1)?.eventId],
    queryFn: ({ signal }) => countTokens({ inputs, run: serverRun, signal }),
    enabled: inputs.length > 0 && (onServer || panelSeen),
    staleTime: Infinity,
    retry: false,
  });
  return { estimates: query.data ?? NONE, estimating: inputs.length > 0 && !query.data && !query.isError };
}
