import { z } from 'zod/mini';

// Schemas for the run payloads the viewer accepts. They live with the run domain (not in api/)
// because the Node server validates run files with them too. They are deliberately permissive:
// unknown event types and extra fields are kept so newer servers still render.
// zod/mini keeps the first page load small; `jitless` because the page runs under a CSP without
// 'unsafe-eval', so zod must not compile parsers with new Function.
z.config({ jitless: true });

const epochMs = z.number();
const optionalText = z.nullish(z.string());

/** One event, as `readRawEvent` accepts it; other fields are kept. */
export interface RawEvent {
  type: string;
  timestamp?: number | null;
  data?: unknown;
  [field: string]: unknown;
}

/**
 * Events are checked by hand, not by zod: zod copies every object it parses, which for a
 * 100,000-event run doubled the memory and the time to first rows (npm run bench).
 * Returns the event, or a description of what is wrong with it.
 */
export function readRawEvent(value: unknown): RawEvent | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an event object';
  const event = value as Record<string, unknown>;
  if (typeof event.type !== 'string') return 'type: expected a string';
  const { timestamp } = event;
  if (timestamp !== undefined && timestamp !== null && (typeof timestamp !== 'number' || !Number.isFinite(timestamp))) {
    return 'timestamp: expected epoch milliseconds';
  }
  return event as RawEvent;
}

const countsSchema = z.looseObject({
  actions: z.optional(z.number()),
  modelCalls: z.optional(z.number()),
  errors: z.optional(z.number()),
  evaluators: z.optional(z.number()),
});

/** `data.summary` of the real 1.7.x detail response, and one row of its runs list. */
export const runSummarySchema = z.looseObject({
  runId: z.string().check(z.minLength(1)),
  status: z.string(),
  startedAt: z.nullish(epochMs),
  endedAt: z.nullish(epochMs),
  durationMs: z.nullish(epochMs),
  messageId: optionalText,
  roomId: optionalText,
  entityId: optionalText,
  counts: z.optional(countsSchema),
});

/** What elizaOS 1.7.x returns inside `data` for GET /api/agents/:agentId/runs/:runId. */
export const elizaRunSchema = z.looseObject({
  summary: runSummarySchema,
  events: z.array(z.unknown()),
});

/** The shape the public API reference documents: bare JSON, `startTime`/`endTime`. */
export const documentedRunSchema = z.looseObject({
  runId: z.string().check(z.minLength(1)),
  agentId: optionalText,
  roomId: optionalText,
  startTime: z.nullish(epochMs),
  endTime: z.nullish(epochMs),
  status: z.string(),
  events: z.array(z.unknown()),
  tokensUsed: z.nullish(
    z.looseObject({
      promptTokens: z.optional(z.number()),
      completionTokens: z.optional(z.number()),
      totalTokens: z.optional(z.number()),
    }),
  ),
  errors: z.nullish(z.array(z.unknown())),
});

/** One row of the agent's raw log (GET /api/agents/:agentId/logs); only `type` and `body` matter to the viewer. */
export const logRowSchema = z.looseObject({ type: z.nullish(z.string()), body: z.optional(z.unknown()) });

/** A page of the agent's log: the real server's envelope. */
export const logsResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(logRowSchema),
});

export const envelopeSchema = z.looseObject({
  success: z.literal(true),
  data: z.unknown(),
});

export type RunSummaryPayload = z.infer<typeof runSummarySchema>;
export type LogRow = z.infer<typeof logRowSchema>;
export type ElizaRunPayload = z.infer<typeof elizaRunSchema>;
export type DocumentedRunPayload = z.infer<typeof documentedRunSchema>;

/** The issues of a failed parse, in words: `events.3.type: Invalid input`. */
export function issuesText(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'response'}: ${issue.message}`)
    .join('; ');
}
