import { z } from 'zod/mini';
import { logRowSchema, runSummarySchema } from '../run/run-schemas';

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
export const logsResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(logRowSchema),
});
