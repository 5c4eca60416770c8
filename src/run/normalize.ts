import { jsonText } from '../lib/json-text';
import { asRecord, readEvent } from './event-facts';
import { eventIds } from './event-ids';
import { markUnfinished } from './unfinished';
import type { Run, RunEvent, TokenCount } from './model';
import {
  documentedRunSchema,
  elizaRunSchema,
  envelopeSchema,
  issuesText,
  readRawEvent,
  type DocumentedRunPayload,
  type ElizaRunPayload,
} from './run-schemas';

/** The response is not a run in any shape the viewer knows. `message` says what was wrong. */
export class InvalidRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRunError';
  }
}

/** Unwraps `{ success: true, data }`; returns anything else as it is. */
export function unwrapEnvelope(json: unknown): unknown {
  const envelope = envelopeSchema.safeParse(json);
  return envelope.success ? envelope.data.data : json;
}

/**
 * Accepts the real 1.7.x shape (with or without the `{ success, data }` envelope) and the
 * documented shape, and returns one Run. Throws InvalidRunError, and nothing else, otherwise.
 */
export function normalizeRun(json: unknown, agentId: string | null = null): Run {
  try {
    return readRun(json, agentId);
  } catch (error) {
    if (error instanceof InvalidRunError) throw error;
    // A bug, or data no reader foresaw: still a response the viewer cannot read, never a crash.
    throw new InvalidRunError(`The run could not be read (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}).`);
  }
}

function readRun(json: unknown, agentId: string | null): Run {
  const body = unwrapEnvelope(json);
  const record = asRecord(body);
  if (!record) throw new InvalidRunError(`Expected a run object but got ${describe(body)}.`);
  if (record.success === false) throw new InvalidRunError('The response is an error, not a run.');

  if ('summary' in record) {
    const parsed = elizaRunSchema.safeParse(record);
    if (!parsed.success) throw new InvalidRunError(issuesText(parsed.error));
    return markUnfinished(fromEliza(parsed.data, agentId));
  }
  const parsed = documentedRunSchema.safeParse(record);
  if (!parsed.success) throw new InvalidRunError(issuesText(parsed.error));
  return markUnfinished(fromDocumented(parsed.data, agentId));
}

function fromEliza({ summary, events }: ElizaRunPayload, agentId: string | null): Run {
  const ordered = readEvents(events);
  return {
    shape: 'elizaos',
    runId: summary.runId,
    agentId,
    roomId: summary.roomId ?? null,
    messageId: summary.messageId ?? null,
    entityId: summary.entityId ?? null,
    serverStatus: summary.status,
    startedAt: summary.startedAt ?? phaseTime(ordered, 'started') ?? ordered[0]?.timestamp ?? null,
    endedAt: summary.endedAt ?? phaseTime(ordered, 'ended'),
    serverDurationMs: summary.durationMs ?? null,
    events: ordered,
    reportedTokens: null,
    reportedErrors: [],
  };
}

function fromDocumented(payload: DocumentedRunPayload, agentId: string | null): Run {
  const ordered = readEvents(payload.events);
  const tokens = payload.tokensUsed;
  let reportedTokens: TokenCount | null = null;
  if (tokens && (tokens.promptTokens !== undefined || tokens.completionTokens !== undefined || tokens.totalTokens !== undefined)) {
    const prompt = tokens.promptTokens ?? 0;
    const completion = tokens.completionTokens ?? 0;
    reportedTokens = { prompt, completion, total: tokens.totalTokens ?? prompt + completion };
  }
  return {
    shape: 'documented',
    runId: payload.runId,
    agentId: payload.agentId ?? agentId,
    roomId: payload.roomId ?? null,
    messageId: null,
    entityId: null,
    serverStatus: payload.status,
    startedAt: payload.startTime ?? ordered[0]?.timestamp ?? null,
    endedAt: payload.endTime ?? null,
    serverDurationMs: null,
    events: ordered,
    reportedTokens,
    reportedErrors: (payload.errors ?? []).map((error) => (typeof error === 'string' ? error : jsonText(error))),
  };
}

/** Time order, stable; an event without a timestamp stays after the event it followed. Then named (event-ids.ts). */
function readEvents(raw: unknown[]): RunEvent[] {
  const events: RunEvent[] = new Array(raw.length);
  const sortKeys = new Float64Array(raw.length);
  // A log row id sent on the event, by position; most servers send none.
  let logIds: unknown[] | null = null;
  let lastSeen = -Infinity;
  let inOrder = true;
  for (let index = 0; index < raw.length; index++) {
    const event = readRawEvent(raw[index]);
    if (typeof event === 'string') throw new InvalidRunError(`events.${index}: ${event}`);
    const read = readEvent(event, index);
    if (event.id !== undefined) (logIds ??= [])[index] = event.id;
    if (read.timestamp !== null) lastSeen = read.timestamp;
    if (index > 0 && lastSeen < sortKeys[index - 1]) inOrder = false;
    sortKeys[index] = lastSeen;
    events[index] = read;
  }
  // Servers send events in time order: sort only when they are not.
  const ordered = inOrder
    ? events
    : Array.from(events.keys())
        .sort((a, b) => sortKeys[a] - sortKeys[b] || a - b)
        .map((index) => events[index]);
  const ids = eventIds(ordered, logIds);
  for (let index = 0; index < ordered.length; index++) ordered[index].id = ids[index];
  return ordered;
}

function phaseTime(events: RunEvent[], phase: 'started' | 'ended'): number | null {
  const match = events.find((event) => event.kind === 'run' && event.phase === phase);
  return match?.timestamp ?? null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
