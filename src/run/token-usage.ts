import type { Run, TokenCount } from './model';

export interface ModelCallTokens {
  eventId: string;
  /** 1-based position among the run's model calls. */
  callNumber: number;
  modelType: string;
  provider: string;
  prompt: number;
  completion: number;
  total: number;
  /** Running total of all calls up to and including this one. */
  cumulative: number;
  estimated: boolean;
  cost: number | null;
}

export interface TokenGroup {
  key: string;
  prompt: number;
  completion: number;
  total: number;
  calls: number;
}

export interface TokenUsage {
  calls: ModelCallTokens[];
  /** Run totals: the run-level figure the server reported, else the sum over calls; null when nothing was reported. */
  totals: TokenCount | null;
  byModelType: TokenGroup[];
  byProvider: TokenGroup[];
  /** True when any number shown is an estimate. */
  estimated: boolean;
  cost: number | null;
}

/**
 * Token usage per model call, in time order, with totals by model type and provider. Calls that
 * report no usage are left out unless `estimates` (by event id) provides one.
 */
export function tokenUsage(run: Run, estimates?: ReadonlyMap<string, TokenCount>): TokenUsage {
  const calls: ModelCallTokens[] = [];
  let cumulative = 0;
  let callNumber = 0;
  for (const event of run.events) {
    if (!event.model) continue;
    callNumber++;
    const reported = event.model.usage;
    const count = reported ?? estimates?.get(event.id);
    if (!count) continue;
    cumulative += count.total;
    calls.push({
      eventId: event.id,
      callNumber,
      modelType: event.model.modelType,
      provider: event.model.provider ?? 'unknown provider',
      prompt: count.prompt,
      completion: count.completion,
      total: count.total,
      cumulative,
      estimated: !reported,
      cost: event.model.cost,
    });
  }

  const summed = calls.length ? sum(calls) : null;
  const costs = calls.map((call) => call.cost).filter((cost): cost is number => cost !== null);
  return {
    calls,
    totals: run.reportedTokens ?? summed,
    byModelType: group(calls, (call) => call.modelType),
    byProvider: group(calls, (call) => call.provider),
    estimated: !run.reportedTokens && calls.some((call) => call.estimated),
    cost: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
  };
}

function sum(calls: ModelCallTokens[]): TokenCount {
  return calls.reduce(
    (acc, call) => ({ prompt: acc.prompt + call.prompt, completion: acc.completion + call.completion, total: acc.total + call.total }),
    { prompt: 0, completion: 0, total: 0 },
  );
}

function group(calls: ModelCallTokens[], keyOf: (call: ModelCallTokens) => string): TokenGroup[] {
  const groups = new Map<string, TokenGroup>();
  for (const call of calls) {
    const key = keyOf(call);
    const entry = groups.get(key) ?? { key, prompt: 0, completion: 0, total: 0, calls: 0 };
    entry.prompt += call.prompt;
    entry.completion += call.completion;
    entry.total += call.total;
    entry.calls++;
    groups.set(key, entry);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total);
}
