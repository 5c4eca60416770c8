import { z } from 'zod';
import { runSummarySchema } from '../run/run-schemas';

// Schemas for the non-run responses: the agents list, the runs list and error bodies.
// The run itself is validated by src/run/normalize.ts, which accepts both API shapes.

export const agentSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  characterName: z.string().nullish(),
  status: z.string().nullish(),
});

export const agentsResponseSchema = z.object({
  success: z.literal(true),
  data: z.looseObject({ agents: z.array(agentSchema) }),
});

export const runsListResponseSchema = z.object({
  success: z.literal(true),
  data: z.looseObject({
    runs: z.array(runSummarySchema),
    total: z.number().nullish(),
    hasMore: z.boolean().nullish(),
  }),
});

/** Every error body the real server sends: the envelope (string or numeric code) and the bare 401. */
export const errorBodySchema = z.union([
  z.looseObject({
    success: z.literal(false),
    error: z.looseObject({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }),
  }),
  z.looseObject({ error: z.string(), message: z.string().optional() }),
]);

export type Agent = z.infer<typeof agentSchema>;
export type RunsList = z.infer<typeof runsListResponseSchema>['data'];
export type ListedRun = RunsList['runs'][number];

/** GET /api/agents/:agentId/logs: raw log rows; only `body` matters to the viewer. */
export const logsResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(z.looseObject({ type: z.string().nullish(), body: z.unknown() })),
});
