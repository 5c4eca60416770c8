import { asRecord } from './event-facts';
import type { Run } from './model';
import { unwrapEnvelope } from './normalize';
import { UUID_PATTERN } from '../lib/ids';

// The conversation around a run, from the agent's memories of its room
// (GET /api/agents/:agentId/memories?roomId=, elizaOS 1.7.2). The message that started the run is
// the memory whose id is RUN_STARTED.data.messageId; 1.7.2 links no reply to it (no inReplyTo),
// so the replies are the agent's own memories in that room created while the run lasted.

export interface ConversationMessage {
  id: string;
  entityId: string | null;
  /** Who wrote it, as the memory names them; null when it does not. */
  senderName: string | null;
  fromAgent: boolean;
  createdAt: number | null;
  text: string;
  thought: string | null;
  actions: string[];
  source: string | null;
  /** `action_result` memories record what an action did (a REPLY leaves one). */
  actionResult: { actionName: string | null; status: string | null; success: boolean | null } | null;
}

export type Conversation =
  | { state: 'found'; trigger: ConversationMessage | null; replies: ConversationMessage[]; note: string | null }
  | { state: 'unavailable'; reason: string };

/** Why a run has no conversation to fetch, or null when its room can be asked for one. */
export function conversationUnavailable(run: Run): string | null {
  if (run.shape === 'documented') {
    return 'This run is in the documented API format, which names no message that started it, so there is no conversation to show.';
  }
  if (!run.roomId) return 'The server did not say which room this run happened in, so its conversation cannot be looked up.';
  if (!isRoomUuid(run.roomId))
    return `The run’s room id (${run.roomId}) is not a UUID, and elizaOS keeps conversations by room UUID, so there is none to look up.`;
  return null;
}

/** Memories of the room, from the response as sent (enveloped or not); unreadable entries are skipped. */
export function readMemories(json: unknown): ConversationMessage[] | null {
  const body = asRecord(unwrapEnvelope(json));
  const list = Array.isArray(json) ? json : Array.isArray(body?.memories) ? body.memories : null;
  if (!list) return null;
  const messages: ConversationMessage[] = [];
  for (const entry of list) {
    const message = readMemory(entry);
    if (message) messages.push(message);
  }
  return messages;
}

function readMemory(value: unknown): ConversationMessage | null {
  const memory = asRecord(value);
  if (!memory || typeof memory.id !== 'string') return null;
  const content = asRecord(memory.content) ?? {};
  const metadata = asRecord(memory.metadata) ?? {};
  const entityId = text(memory.entityId);
  const agentId = text(memory.agentId);
  const isActionResult = content.type === 'action_result' || metadata.type === 'action_result';
  const actionResult = asRecord(content.actionResult);
  return {
    id: memory.id,
    entityId,
    senderName:
      text(asRecord(metadata.raw)?.senderName) ?? text(metadata.user_display_name) ?? text(metadata.entityName) ?? text(content.name),
    fromAgent: entityId !== null && entityId === agentId,
    createdAt: time(memory.createdAt),
    text: typeof content.text === 'string' ? content.text : '',
    thought: text(content.thought),
    actions: Array.isArray(content.actions) ? content.actions.filter((action): action is string => typeof action === 'string') : [],
    source: text(content.source),
    actionResult: isActionResult
      ? {
          actionName: text(content.actionName) ?? text(metadata.actionName),
          status: text(content.actionStatus),
          success: typeof actionResult?.success === 'boolean' ? actionResult.success : null,
        }
      : null,
  };
}

/**
 * The trigger and the agent's replies in time order. A reply is a memory written by the agent
 * (its entityId is its agentId, or the run's agent id) while the run lasted.
 */
export function buildConversation(run: Run, memories: ConversationMessage[]): Conversation {
  const unavailable = conversationUnavailable(run);
  if (unavailable) return { state: 'unavailable', reason: unavailable };
  const trigger = run.messageId ? (memories.find((memory) => memory.id === run.messageId) ?? null) : null;
  const start = run.startedAt ?? trigger?.createdAt ?? null;
  const end = run.endedAt ?? Infinity;
  const replies = memories
    .filter((memory) => memory !== trigger && isAgents(memory, run.agentId))
    .filter((memory) => start !== null && memory.createdAt !== null && memory.createdAt >= start && memory.createdAt <= end)
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  let note: string | null = null;
  if (!trigger) {
    note = run.messageId
      ? 'The message that started this run is not among the room’s memories (it may have been deleted, or is older than the memories returned).'
      : 'The server did not say which message started this run.';
  }
  return { state: 'found', trigger, replies, note };
}

/** The memory's own agentId says whose it is; the run's agent id is the fallback. */
function isAgents(memory: ConversationMessage, agentId: string | null): boolean {
  return memory.fromAgent || (agentId !== null && memory.entityId === agentId);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function time(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** elizaOS room ids are UUIDs; memories are only ever asked for by one (the server checks it too). */
export function isRoomUuid(value: string | null | undefined): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
