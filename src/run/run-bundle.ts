import { z } from 'zod/mini';
import { asRecord } from './event-facts';
import { idsByPosition, isLegacyKey, upgradeLegacyKey } from './event-ids';
import { actionIdsToCheck, applyActionLog, applyEmbeddingLog } from './log-outcomes';
import type { Run, TokenCount } from './model';
import { InvalidRunError, normalizeRun } from './normalize';
import { issuesText, logRowSchema, type LogRow } from './run-schemas';
import { TOKENIZER_NAME } from './token-estimate';

// A run bundle is "a run with its context": the run response exactly as the server sent it, plus
// what the viewer needed to tell the truth about it (the agent's action and embedding logs, the
// agent's name, the conversation). Share links, snapshots, "Download JSON" and "Open file" all
// carry this one format, and all read it back with readRunBundle, so a saved run shows the same
// outcomes as the live one. Any tool can still find the original response under `response`.
// The format is documented in README.md ("Run bundles"); bump `version` on any breaking change.

export const RUN_BUNDLE_VIEWER = 'elizaos-run-viewer';
export const RUN_BUNDLE_VERSION = 1;

/**
 * Where the run came from. `viewer`: this viewer's own server (its sample runs or its proxy);
 * `direct`: an elizaOS server the page called itself; `file`: a file opened in the browser.
 */
const sourceSchema = z.looseObject({
  kind: z.string(),
  /** The origin of the server the run came from (the viewer's, or the elizaOS server's in direct mode). */
  server: z.optional(z.string()),
  /** The file name, for runs opened from a file. */
  name: z.optional(z.string()),
});

/** What masking did before the bundle left the browser: when, with which rules, how many secrets. */
const maskedSchema = z.looseObject({
  at: z.string(),
  rules: z.array(z.string()),
  count: z.number(),
});

/**
 * Token estimates made when the bundle was saved, for calls that report none: a snapshot carries
 * no tokenizer, so it shows these. `counts` rows are `[eventId, promptTokens, completionTokens]`.
 */
const tokenEstimatesSchema = z.looseObject({
  tokenizer: z.string(),
  counts: z.array(z.tuple([z.string(), z.number(), z.number()])),
});

export const runBundleSchema = z.looseObject({
  viewer: z.literal(RUN_BUNDLE_VIEWER),
  version: z.number(),
  /** ISO 8601 time the bundle was made. */
  savedAt: z.string(),
  source: sourceSchema,
  agent: z.looseObject({ id: z.nullable(z.string()), name: z.optional(z.nullable(z.string())) }),
  roomId: z.optional(z.nullable(z.string())),
  /** GET /api/agents/:agentId/runs/:runId, exactly as sent (or the run file as it was). */
  response: z.unknown(),
  /** GET /api/agents/:agentId/logs?type=action, the pages merged: `{ success: true, data: rows }`. */
  actionLog: z.optional(z.unknown()),
  /** GET /api/agents/:agentId/logs?type=embedding_event, likewise. */
  embeddingLog: z.optional(z.unknown()),
  /** GET /api/agents/:agentId/memories?roomId=, exactly as sent. */
  memories: z.optional(z.unknown()),
  masked: z.optional(maskedSchema),
  tokenEstimates: z.optional(tokenEstimatesSchema),
});

export type RunBundle = z.infer<typeof runBundleSchema>;
export type RunBundleSource = RunBundle['source'];
export type MaskNote = z.infer<typeof maskedSchema>;

export interface RunBundleInput {
  response: unknown;
  agent: { id: string | null; name?: string | null };
  roomId?: string | null;
  source: RunBundleSource;
  /** Action log rows the page read for this run; omit when it read none. */
  actionLog?: LogRow[] | null;
  embeddingLog?: LogRow[] | null;
  /** The memories response as sent, when the page has it. */
  memories?: unknown;
  masked?: MaskNote;
  savedAt?: Date;
}

/** The bundle for a run and the context the page had for it. Absent context is left out, not nulled. */
export function buildRunBundle(input: RunBundleInput): RunBundle {
  const bundle: RunBundle = {
    viewer: RUN_BUNDLE_VIEWER,
    version: RUN_BUNDLE_VERSION,
    savedAt: (input.savedAt ?? new Date()).toISOString(),
    source: input.source,
    agent: input.agent.name ? { id: input.agent.id, name: input.agent.name } : { id: input.agent.id },
    response: input.response,
  };
  if (input.roomId) bundle.roomId = input.roomId;
  if (input.actionLog) bundle.actionLog = { success: true, data: input.actionLog };
  if (input.embeddingLog) bundle.embeddingLog = { success: true, data: input.embeddingLog };
  if (input.memories !== undefined && input.memories !== null) bundle.memories = input.memories;
  if (input.masked) bundle.masked = input.masked;
  return bundle;
}

/** The bundle with the page's token estimates saved in it (a snapshot has no tokenizer to make them). */
export function withTokenEstimates(bundle: RunBundle, estimates: ReadonlyMap<string, TokenCount>): RunBundle {
  if (estimates.size === 0) return bundle;
  const counts = [...estimates].map(([id, count]): [string, number, number] => [id, count.prompt, count.completion]);
  return { ...bundle, tokenEstimates: { tokenizer: TOKENIZER_NAME, counts } };
}

/** What came with a run besides its response. Everything is null for a bare run response. */
export interface RunContext {
  agentName: string | null;
  /** Action log rows saved with the run; null when none were (outcomes then stay unverified). */
  actionLog: LogRow[] | null;
  embeddingLog: LogRow[] | null;
  /** The memories response as it was saved, or null. */
  memories: unknown;
  savedAt: string | null;
  source: RunBundleSource | null;
  masked: MaskNote | null;
  /** Token estimates saved with the run (made with this viewer's tokenizer), or null. */
  tokenEstimates: ReadonlyMap<string, TokenCount> | null;
}

export interface OpenedRun {
  /** The run, normalised exactly as a server response is (the context is not applied yet). */
  run: Run;
  /** The run response inside, as sent. */
  response: unknown;
  context: RunContext;
  /** The bundle itself, or null when the input was a bare run response. */
  bundle: RunBundle | null;
}

const NO_CONTEXT: RunContext = {
  agentName: null,
  actionLog: null,
  embeddingLog: null,
  memories: null,
  savedAt: null,
  source: null,
  masked: null,
  tokenEstimates: null,
};

export function isRunBundle(json: unknown): boolean {
  return asRecord(json)?.viewer === RUN_BUNDLE_VIEWER;
}

/**
 * Reads a run bundle, or a bare run response (either API shape, with or without the envelope).
 * Throws InvalidRunError, and nothing else, for anything that is neither: the input may be a
 * hostile share link, so it is checked exactly as a server response is.
 */
export function readRunBundle(json: unknown, agentId: string | null = null): OpenedRun {
  if (!isRunBundle(json)) return { run: normalizeRun(json, agentId), response: json, context: NO_CONTEXT, bundle: null };
  const parsed = runBundleSchema.safeParse(json);
  if (!parsed.success) throw new InvalidRunError(`It looks like a run bundle, but ${issuesText(parsed.error)}.`);
  const bundle = parsed.data;
  if (bundle.version > RUN_BUNDLE_VERSION) {
    throw new InvalidRunError(
      `It is a run bundle of version ${bundle.version}, made by a newer viewer; this one reads version ${RUN_BUNDLE_VERSION}.`,
    );
  }
  const run = normalizeRun(bundle.response, bundle.agent.id ?? agentId);
  const context: RunContext = {
    agentName: bundle.agent.name ?? null,
    actionLog: readLogRows(bundle.actionLog, 'actionLog'),
    embeddingLog: readLogRows(bundle.embeddingLog, 'embeddingLog'),
    memories: bundle.memories ?? null,
    savedAt: bundle.savedAt,
    source: bundle.source,
    masked: bundle.masked ?? null,
    tokenEstimates: readTokenEstimates(bundle.tokenEstimates, run),
  };
  return { run, response: bundle.response, context, bundle };
}

/**
 * The saved estimates, or null when there are none or another tokenizer made them. A bundle saved
 * by an older viewer keys them by position (`e3`): they are read under the events' stable ids.
 */
function readTokenEstimates(value: RunBundle['tokenEstimates'], run: Run): ReadonlyMap<string, TokenCount> | null {
  if (!value || value.tokenizer !== TOKENIZER_NAME) return null;
  let byPosition: Map<number, string> | null = null;
  const counts = new Map<string, TokenCount>();
  for (const [id, prompt, completion] of value.counts) {
    if (![prompt, completion].every((count) => Number.isSafeInteger(count) && count >= 0))
      throw new InvalidRunError(`tokenEstimates has a count that is not a whole number of tokens (event ${id}).`);
    const key = isLegacyKey(id) ? upgradeLegacyKey(id, (byPosition ??= idsByPosition(run.events))) : id;
    counts.set(key, { prompt, completion, total: prompt + completion });
  }
  return counts;
}

const logRowsSchema = z.array(logRowSchema);

/** Log rows from `{ success: true, data: rows }` (as the logs endpoint sends them) or a bare array. */
function readLogRows(value: unknown, field: string): LogRow[] | null {
  if (value === undefined || value === null) return null;
  const rows = Array.isArray(value) ? value : asRecord(value)?.data;
  const parsed = logRowsSchema.safeParse(rows);
  if (!parsed.success) throw new InvalidRunError(`${field} is not a list of log rows (${issuesText(parsed.error)}).`);
  return parsed.data;
}

/**
 * The run with the truth its context holds: action outcomes from the saved action log (or marked
 * unverified, saying why), failed embeddings explained by the saved embedding log. The same
 * functions the live page uses, so a saved run shows what the live one did.
 */
export function applyRunContext(run: Run, context: RunContext): Run {
  let checked = run;
  if (actionIdsToCheck(run).length > 0) {
    checked = applyActionLog(
      checked,
      context.actionLog
        ? { state: 'done', rows: context.actionLog }
        : { state: 'failed', reason: "it was saved without the agent's action log" },
    );
  }
  return context.embeddingLog ? applyEmbeddingLog(checked, context.embeddingLog) : checked;
}
