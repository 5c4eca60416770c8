import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { directServer } from '../api/api-target';
import { agentsQueryOptions, logsQueryOptions, memoriesQueryOptions } from '../api/queries';
import { actionIdsToCheck, embeddingIdsToExplain } from '../run/log-outcomes';
import type { Run } from '../run/model';
import { buildRunBundle, readRunBundle, type RunBundle } from '../run/run-bundle';
import type { RunSource } from '../run/run-source';

// A run with its context (a run bundle, see run-bundle.ts), as the page has it, for the share
// dialog and "Download with context": the same log queries as the run page, so no new request.

export interface GatheredBundle {
  /** The unmasked bundle, or null while the page still reads what goes in it. */
  bundle: RunBundle | null;
  outcomes: string;
  conversation: string;
}

/** The bundle for the run as the page has it: a server's response with its logs, a file, or a copy. */
export function useRunBundle(source: RunSource, run: Run): GatheredBundle {
  const server = source.kind === 'server' ? source : null;
  const agentId = server?.agentId ?? '';
  // The same queries as the run page: answered from the cache, no new request.
  const agents = useQuery({ ...agentsQueryOptions(), enabled: server !== null });
  const actionIds = useMemo(() => actionIdsToCheck(run), [run]);
  const embeddingIds = useMemo(() => embeddingIdsToExplain(run), [run]);
  const actionLog = useQuery({
    ...logsQueryOptions(agentId, run.roomId, 'action', actionIds),
    enabled: server !== null && actionIds.length > 0,
  });
  const embeddingLog = useQuery({
    ...logsQueryOptions(agentId, run.roomId, 'embedding_event', embeddingIds),
    enabled: server !== null && embeddingIds.length > 0,
  });
  const [savedAt] = useState(() => new Date());
  // The conversation goes in when the page has read it (the Conversation region does), never fetched for this.
  const memories = useQuery({ ...memoriesQueryOptions(agentId, run.roomId ?? ''), enabled: false }).data?.json;
  const waiting = server !== null && ((actionIds.length > 0 && actionLog.isPending) || (embeddingIds.length > 0 && embeddingLog.isPending));
  const agent = agents.data?.find((candidate) => candidate.id === agentId);

  const bundle = useMemo((): RunBundle | null => {
    if (source.kind === 'copy') return source.bundle;
    if (source.kind === 'file') {
      const opened = readRunBundle(JSON.parse(source.text));
      return (
        opened.bundle ??
        buildRunBundle({
          response: opened.response,
          agent: { id: run.agentId },
          roomId: run.roomId,
          source: { kind: 'file', name: source.name },
          savedAt,
        })
      );
    }
    if (waiting) return null;
    const direct = directServer();
    return buildRunBundle({
      response: source.response,
      agent: { id: source.agentId, name: agent?.name ?? agent?.characterName ?? null },
      roomId: run.roomId,
      source: direct ? { kind: 'direct', server: direct.url } : { kind: 'viewer', server: location.origin },
      actionLog: actionLog.data ?? null,
      embeddingLog: embeddingLog.data ?? null,
      memories,
      savedAt,
    });
  }, [source, run, waiting, agent, actionLog.data, embeddingLog.data, memories, savedAt]);

  const logRows = bundle?.actionLog ? ((bundle.actionLog as { data?: unknown[] }).data?.length ?? 0) : null;
  const outcomes =
    actionIds.length === 0
      ? 'Action outcomes: this run has none to check.'
      : logRows !== null
        ? `Action outcomes, from the agent's action log (${logRows} ${logRows === 1 ? 'row' : 'rows'} saved with the run).`
        : waiting
          ? "Action outcomes: reading the agent's action log…"
          : "Action outcomes: the agent's action log could not be read, so they will show as unverified.";
  const conversation =
    bundle?.memories !== undefined ? 'The conversation around the run.' : 'No conversation: the page has none for this run.';
  return { bundle, outcomes, conversation };
}
