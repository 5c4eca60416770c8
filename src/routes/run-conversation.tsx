import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isApiError } from '../api/api-error';
import { memoriesQueryOptions } from '../api/queries';
import { ConversationPanel, type ConversationState } from '../components/conversation-panel';
import { buildConversation, conversationUnavailable, readMemories } from '../run/conversation';
import type { Run } from '../run/model';
import type { RunSource } from '../run/run-source';

/** The Conversation region: the run's room memories from the server, or those saved with a file. */
export function RunConversation({ source, run, running }: { source: RunSource; run: Run; running: boolean }) {
  const unavailable = conversationUnavailable(run);
  const agentId = source.kind === 'server' ? source.agentId : '';
  const query = useQuery({
    ...memoriesQueryOptions(agentId, run.roomId ?? '', running),
    enabled: source.kind === 'server' && !unavailable,
  });
  const json = source.kind === 'server' ? query.data?.json : source.context.memories;
  const agentName = source.kind === 'server' ? null : source.context.agentName;

  const state = useMemo((): ConversationState => {
    if (unavailable) return { kind: 'missing', text: unavailable };
    if (json === undefined || json === null) {
      if (source.kind === 'file')
        return { kind: 'missing', text: 'This file was saved without the run’s conversation (the memories of its room).' };
      if (source.kind === 'copy')
        return { kind: 'missing', text: 'This copy was shared without the run’s conversation (the memories of its room).' };
      if (query.isError) return { kind: 'failed', text: failure(query.error), onRetry: () => void query.refetch() };
      return { kind: 'loading' };
    }
    const memories = readMemories(json);
    if (!memories) return { kind: 'failed', text: 'the answer is not a list of memories.' };
    const conversation = buildConversation(run, memories);
    if (conversation.state === 'unavailable') return { kind: 'missing', text: conversation.reason };
    return { kind: 'found', conversation, agentName };
    // query.refetch is stable; the error object changes with each failure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unavailable, json, source.kind, query.isError, query.error, run, agentName]);

  return <ConversationPanel state={state} />;
}

function failure(error: unknown): string {
  if (!isApiError(error)) return 'an unexpected error.';
  if (error.kind === 'unauthorized') return 'the server needs an API key for the agent’s memories.';
  if (error.kind === 'not-found') return 'this server has no memories endpoint.';
  return `${error.message}`;
}
