import { z } from 'zod/mini';
import { runSummarySchema } from '../run/run-schemas';
import type { RunTruth } from '../run/run-truth';

// Schemas for the non-run responses: the agents list, the runs list and error bodies.
// The run itself is validated by src/run/normalize.ts, which accepts both API shapes.

export const agentSchema = z.looseObject({
  id: z.string(),
  name: z.nullish(z.string()),
  characterName: z.nullish(z.string()),
  status: z.nullish(z.string()),
});

export const agentsResponseSchema = z.object({
  success: z.literal(true),
  data: z.looseObject({ agents: z.array(agentSchema) }),
});

export const runsListResponseSchema = z.object({
  success: z.literal(true),
  data: z.looseObject({
    runs: z.array(runSummarySchema),
    total: z.nullish(z.number()),
    hasMore: z.nullish(z.boolean()),
  }),
});

/** Every error body the real server sends: the envelope (string or numeric code) and the bare 401. */
export const errorBodySchema = z.union([
  z.looseObject({
    success: z.literal(false),
    error: z.looseObject({ code: z.optional(z.union([z.string(), z.number()])), message: z.optional(z.string()) }),
  }),
  z.looseObject({ error: z.string(), message: z.optional(z.string()) }),
]);

export type Agent = z.infer<typeof agentSchema>;
export type RunsList = z.infer<typeof runsListResponseSchema>['data'];
export type ListedRun = RunsList['runs'][number];

/** GET /api/agents/:agentId/logs: raw log rows; only `body` matters to the viewer. */
const statusToneSchema = z.enum(['running', 'completed', 'failed', 'timeout', 'cancelled', 'other']);
const countSchema = z.nullable(z.number().check(z.int(), z.nonnegative()));

/** The truthful summary the embedded server adds to each runs-list row (`truth`, not in elizaOS's rows). */
const runTruthSchema = z.object({
  status: z.object({ tone: statusToneSchema, label: z.string(), reason: z.nullable(z.string()) }),
  events: countSchema,
  modelCalls: countSchema,
  actions: z.number().check(z.int(), z.nonnegative()),
  errors: z.number().check(z.int(), z.nonnegative()),
});

/** A list row's `truth`, when it carries a valid one. */
export function listedTruth(row: ListedRun): RunTruth | null {
  const parsed = runTruthSchema.safeParse((row as { truth?: unknown }).truth);
  return parsed.success ? parsed.data : null;
}
