import type { EventKind, ModelCall, RunEvent, TokenCount } from './model';
import type { RawEvent } from './run-schemas';
import { jsonText } from '../lib/json-text';

// Reads the facts the viewer needs out of one raw event, once, at normalisation time.
// Both vocabularies meet here: the real server's `MODEL_USED` and the documented `model:used`.

type Data = Record<string, unknown>;

const KNOWN_TYPES: Record<string, { kind: EventKind; phase: RunEvent['phase'] }> = {
  run_started: { kind: 'run', phase: 'started' },
  run_ended: { kind: 'run', phase: 'ended' },
  run_completed: { kind: 'run', phase: 'ended' },
  run_failed: { kind: 'run', phase: 'ended' },
  run_timeout: { kind: 'run', phase: 'ended' },
  action_started: { kind: 'action', phase: 'started' },
  action_completed: { kind: 'action', phase: 'ended' },
  action_failed: { kind: 'action', phase: 'ended' },
  model_used: { kind: 'model', phase: null },
  evaluator_started: { kind: 'evaluator', phase: 'started' },
  evaluator_completed: { kind: 'evaluator', phase: 'ended' },
  embedding_event: { kind: 'embedding', phase: null },
  embedding_completed: { kind: 'embedding', phase: null },
  embedding_failed: { kind: 'embedding', phase: null },
};

/** `MODEL_USED`, `model:used` and `model.used` all become `model_used`. */
export function canonicalType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/[:.\-\s]+/g, '_');
}

type Class = { kind: EventKind; phase: RunEvent['phase'] };
/** A run repeats a handful of types thousands of times: each is classified once. */
const classes = new Map<string, Class>();

function classify(type: string): Class {
  let known = classes.get(type);
  if (!known) {
    known = classifyType(type);
    if (classes.size > 10_000) classes.clear();
    classes.set(type, known);
  }
  return known;
}

function classifyType(type: string): Class {
  const canonical = canonicalType(type);
  // Own keys only: a type such as "constructor" or "__proto__" must not find Object.prototype's.
  if (Object.hasOwn(KNOWN_TYPES, canonical)) return KNOWN_TYPES[canonical];
  if (/(^|_)(error|failed|failure|exception)($|_)/.test(canonical)) return { kind: 'error', phase: null };
  return { kind: 'unknown', phase: null };
}

export function asRecord(value: unknown): Data | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function errorText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  const record = asRecord(value);
  if (record) return text(record.message) ?? text(record.error) ?? jsonText(record);
  if (value === true) return 'error';
  return null;
}

function tokenCount(prompt: unknown, completion: unknown, total?: unknown): TokenCount | null {
  const p = finiteNumber(prompt);
  const c = finiteNumber(completion);
  const t = finiteNumber(total);
  if (p === null && c === null && t === null) return null;
  const promptTokens = p ?? 0;
  const completionTokens = c ?? 0;
  return { prompt: promptTokens, completion: completionTokens, total: t ?? promptTokens + completionTokens };
}

/** Token usage in every form the API doc lists; reported numbers always win over estimates. */
export function reportedUsage(data: Data): TokenCount | null {
  const usage = asRecord(data.usage);
  const tokens = asRecord(data.tokens);
  const responseUsage = asRecord(asRecord(data.response)?.usage);
  const candidates = [
    usage && tokenCount(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens),
    usage && tokenCount(usage.inputTokens, usage.outputTokens, usage.totalTokens),
    usage && tokenCount(usage.promptTokens, usage.completionTokens, usage.totalTokens),
    tokenCount(data.inputTokens, data.outputTokens),
    responseUsage && tokenCount(responseUsage.prompt_tokens, responseUsage.completion_tokens, responseUsage.total_tokens),
    responseUsage && tokenCount(responseUsage.inputTokens, responseUsage.outputTokens, responseUsage.totalTokens),
    tokens && tokenCount(tokens.prompt, tokens.completion, tokens.total),
  ];
  return candidates.find((candidate) => candidate) ?? null;
}

function modelCall(data: Data): ModelCall {
  const modelType = text(data.modelType) ?? text(data.model) ?? 'unknown model';
  const cost = finiteNumber(data.cost) ?? finiteNumber(asRecord(data.cost)?.total) ?? finiteNumber(asRecord(data.usage)?.cost);
  return {
    modelType,
    provider: text(data.provider),
    executionTimeMs: finiteNumber(data.executionTime) ?? finiteNumber(data.durationMs),
    usage: reportedUsage(data),
    cost,
    isEmbedding: /embedding/i.test(modelType),
  };
}

function eventError(kind: EventKind, data: Data): string | null {
  const explicit = errorText(data.error);
  if (explicit) return explicit;
  if (kind === 'error') return text(data.message) ?? 'error';
  return null;
}

function isFailed(kind: EventKind, data: Data, error: string | null): boolean {
  if (error !== null || kind === 'error') return true;
  if (data.success === false) return true;
  const status = typeof data.status === 'string' ? data.status.toLowerCase() : null;
  return status === 'failed' || status === 'error';
}

export const UNCHECKED_OUTCOME = 'outcome unverified: elizaOS 1.7 reports every action as successful';

/** The event's facts; its `id` is left empty: eventIds() names the run's events together. */
export function readEvent(raw: RawEvent, position: number): RunEvent {
  const data = asRecord(raw.data) ?? (raw.data === undefined ? {} : { value: raw.data });
  const { kind, phase } = classify(raw.type);
  const error = eventError(kind, data);
  const actionContext = asRecord(data.actionContext);
  const model = kind === 'model' ? modelCall(data) : null;
  const needsOutcomeCheck = kind === 'action' && phase === 'ended' && data.success === true && data.result === null;
  return {
    id: '',
    position,
    type: raw.type,
    kind,
    phase,
    timestamp: raw.timestamp ?? null,
    data,
    actionId: kind === 'action' ? text(data.actionId) : null,
    parentActionId: text(actionContext?.actionId),
    name: text(data.actionName) ?? text(data.action) ?? text(data.evaluatorName) ?? text(data.evaluator) ?? model?.modelType ?? null,
    failed: isFailed(kind, data, error),
    error,
    model,
    needsOutcomeCheck,
    outcomeNote: needsOutcomeCheck ? UNCHECKED_OUTCOME : null,
  };
}
