import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isApiError } from '../api/api-error';
import { logsQueryOptions } from '../api/queries';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';
import { actionIdsToCheck, applyActionLog, applyEmbeddingLog, embeddingIdsToExplain, type LogCheck } from '../run/log-outcomes';
import { applyRunContext } from '../run/run-bundle';

/**
 * The run as the truth has it: action outcomes confirmed (or marked unverified) from the agent's
 * action log, and failed embeddings explained from the embedding log. elizaOS 1.7 hides both.
 */
export function useCheckedRun(source: RunSource, run: Run): Run {
  const agentId = source.kind === 'server' ? source.agentId : '';
  const actionIds = useMemo(() => actionIdsToCheck(run), [run]);
  const embeddingIds = useMemo(() => embeddingIdsToExplain(run), [run]);
  const actionLog = useQuery({
    ...logsQueryOptions(agentId, run.roomId, 'action', actionIds),
    enabled: source.kind === 'server' && actionIds.length > 0,
  });
  const embeddingLog = useQuery({
    ...logsQueryOptions(agentId, run.roomId, 'embedding_event', embeddingIds),
    enabled: source.kind === 'server' && embeddingIds.length > 0,
  });

  const actionRows = actionLog.data;
  const actionError = actionLog.error;
  const embeddingRows = embeddingLog.data;
  const saved = source.kind === 'server' ? null : source.context;
  return useMemo(() => {
    // A saved run carries its logs: the same checks, no requests.
    if (saved) return applyRunContext(run, saved);
    let checked = run;
    if (actionIds.length > 0) {
      const check: LogCheck = actionRows
        ? { state: 'done', rows: actionRows }
        : actionError
          ? { state: 'failed', reason: logFailure(actionError) }
          : { state: 'pending' };
      checked = applyActionLog(checked, check);
    }
    return embeddingRows ? applyEmbeddingLog(checked, embeddingRows) : checked;
  }, [run, saved, actionIds.length, actionRows, actionError, embeddingRows]);
}

function logFailure(error: unknown): string {
  if (!isApiError(error)) return 'the action log could not be read';
  if (error.kind === 'not-found') return 'this server has no action log endpoint';
  if (error.kind === 'unauthorized') return 'the action log needs an API key';
  return `the action log could not be read (${error.message})`;
}
