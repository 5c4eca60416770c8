import type { Run, TokenCount } from './model';

export interface ModelCallTokens {
  eventId: string;
  timestamp: number | null;
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
  const summed: TokenCount = { prompt: 0, completion: 0, total: 0 };
  const byModelType = new Map<string, TokenGroup>();
  const byProvider = new Map<string, TokenGroup>();
  let cost: number | null = null;
  let callNumber = 0;
  for (const event of run.events) {
    if (!event.model) continue;
    callNumber++;
    const reported = event.model.usage;
    const count = reported ?? estimates?.get(event.id);
    if (!count) continue;
    summed.prompt += count.prompt;
    summed.completion += count.completion;
    summed.total += count.total;
    if (event.model.cost !== null) cost = (cost ?? 0) + event.model.cost;
    const call: ModelCallTokens = {
      eventId: event.id,
      timestamp: event.timestamp,
      callNumber,
      modelType: event.model.modelType,
      provider: event.model.provider ?? 'unknown provider',
      prompt: count.prompt,
      completion: count.completion,
      total: count.total,
      cumulative: summed.total,
      estimated: !reported,
      cost: event.model.cost,
    };
    calls.push(call);
    addTo(byModelType, call.modelType, call);
    addTo(byProvider, call.provider, call);
  }
  return {
    calls,
    totals: run.reportedTokens ?? (calls.length ? summed : null),
    byModelType: largestFirst(byModelType),
    byProvider: largestFirst(byProvider),
    estimated: !run.reportedTokens && calls.some((call) => call.estimated),
    cost,
  };
}

/** tokenUsage's `totals` and `estimated` alone, without a row per call: what a comparison shows of each run. */
export function tokenTotals(run: Run, estimates?: ReadonlyMap<string, TokenCount>): { totals: TokenCount | null; estimated: boolean } {
  const summed: TokenCount = { prompt: 0, completion: 0, total: 0 };
  let counted = false;
  let estimated = false;
  for (const event of run.events) {
    if (!event.model) continue;
    const reported = event.model.usage;
    const count = reported ?? estimates?.get(event.id);
    if (!count) continue;
    counted = true;
    if (!reported) estimated = true;
    summed.prompt += count.prompt;
    summed.completion += count.completion;
    summed.total += count.total;
  }
  return { totals: run.reportedTokens ?? (counted ? summed : null), estimated: !run.reportedTokens && estimated };
}

function addTo(groups: Map<string, TokenGroup>, key: string, call: ModelCallTokens) {
  let entry = groups.get(key);
  if (!entry) groups.set(key, (entry = { key, prompt: 0, completion: 0, total: 0, calls: 0 }));
  entry.prompt += call.prompt;
  entry.completion += call.completion;
  entry.total += call.total;
  entry.calls++;
}

function largestFirst(groups: Map<string, TokenGroup>): TokenGroup[] {
  return [...groups.values()].sort((a, b) => b.total - a.total);
}

export interface TokenBar {
  name: string;
  prompt: number;
  completion: number;
  cumulative: number;
  calls: number;
}

export interface TokenChartData {
  bars: TokenBar[];
  /** Set when calls were grouped into time buckets of this many ms. */
  bucketMs: number | null;
}

/**
 * One bar per call while that stays readable; above `maxBars` calls, the calls grouped into
 * `maxBars` equal slices of the run's time (calls without a time go in the last slice).
 */
export function tokenChartData(calls: ModelCallTokens[], maxBars = 300): TokenChartData {
  if (calls.length <= maxBars) {
    return {
      bars: calls.map((call) => ({
        name: `#${call.callNumber} ${call.modelType}`,
        prompt: call.prompt,
        completion: call.completion,
        cumulative: call.cumulative,
        calls: 1,
      })),
      bucketMs: null,
    };
  }
  // A loop, not Math.min(...times): a million arguments overflow the stack.
  let start = Infinity;
  let end = -Infinity;
  for (const { timestamp } of calls) {
    if (timestamp === null) continue;
    start = Math.min(start, timestamp);
    end = Math.max(end, timestamp);
  }
  const span = Math.max(end - start, 1);
  const bucketMs = span / maxBars;
  const bars: TokenBar[] = Array.from({ length: maxBars }, (_, index) => ({
    name: `+${Math.round(index * bucketMs)} ms`,
    prompt: 0,
    completion: 0,
    cumulative: 0,
    calls: 0,
  }));
  for (const call of calls) {
    const index = call.timestamp === null ? maxBars - 1 : Math.min(Math.floor((call.timestamp - start) / bucketMs), maxBars - 1);
    const bar = bars[index];
    bar.prompt += call.prompt;
    bar.completion += call.completion;
    bar.calls++;
  }
  let cumulative = 0;
  for (const bar of bars) {
    cumulative += bar.prompt + bar.completion;
    bar.cumulative = cumulative;
  }
  return { bars, bucketMs };
}
