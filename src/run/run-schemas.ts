import { z } from 'zod';

// The page runs under a CSP without 'unsafe-eval': zod must not compile parsers with new Function.
z.config({ jitless: true });

// Schemas for the run payloads the viewer accepts. They live with the run domain (not in api/)
// because the Node server validates run files with them too. They are deliberately permissive:
// unknown event types and extra fields are kept so newer servers still render.

// Before any schema exists: zod would otherwise probe for eval (`new Function`) as it builds
// object schemas, which the page's CSP (script-src 'self') refuses and reports as a violation.
z.config({ jitless: true });

const epochMs = z.number().finite();
const optionalText = z.string().nullish();

export const rawEventSchema = z.looseObject({
  type: z.string(),
  timestamp: epochMs.nullish(),
  data: z.unknown().optional(),
});

const countsSchema = z.looseObject({
  actions: z.number().optional(),
  modelCalls: z.number().optional(),
  errors: z.number().optional(),
  evaluators: z.number().optional(),
});

/** `data.summary` of the real 1.7.x detail response, and one row of its runs list. */
export const runSummarySchema = z.looseObject({
  runId: z.string().min(1),
  status: z.string(),
  startedAt: epochMs.nullish(),
  endedAt: epochMs.nullish(),
  durationMs: epochMs.nullish(),
  messageId: optionalText,
  roomId: optionalText,
  entityId: optionalText,
  counts: countsSchema.optional(),
});

/** What elizaOS 1.7.x returns inside `data` for GET /api/agents/:agentId/runs/:runId. */
export const elizaRunSchema = z.looseObject({
  summary: runSummarySchema,
  events: z.array(rawEventSchema),
});

/** The shape the public API reference documents: bare JSON, `startTime`/`endTime`. */
export const documentedRunSchema = z.looseObject({
  runId: z.string().min(1),
  agentId: optionalText,
  roomId: optionalText,
  startTime: epochMs.nullish(),
  endTime: epochMs.nullish(),
  status: z.string(),
  events: z.array(rawEventSchema),
  tokensUsed: z
    .looseObject({
      promptTokens: z.number().optional(),
      completionTokens: z.number().optional(),
      totalTokens: z.number().optional(),
    })
    .nullish(),
  errors: z.array(z.unknown()).nullish(),
});

export const envelopeSchema = z.looseObject({
  success: z.literal(true),
  data: z.unknown(),
});

export type RawEvent = z.infer<typeof rawEventSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;
export type ElizaRunPayload = z.infer<typeof elizaRunSchema>;
export type DocumentedRunPayload = z.infer<typeof documentedRunSchema>;
