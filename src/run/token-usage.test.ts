import { describe, expect, it } from 'vitest';
import { reportedUsage } from './event-facts';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';
import { tokenChartData, tokenTotals, tokenUsage, type ModelCallTokens } from './token-usage';

function modelEvent(data: Record<string, unknown>, timestamp = 1) {
  return { type: 'MODEL_USED', timestamp, data: { modelType: 'TEXT_LARGE', provider: 'openai', ...data } };
}

describe('reportedUsage', () => {
  it.each([
    [{ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }, { prompt: 10, completion: 5, total: 15 }],
    [{ usage: { inputTokens: 7, outputTokens: 3 } }, { prompt: 7, completion: 3, total: 10 }],
    [
      { inputTokens: 4, outputTokens: 1 },
      { prompt: 4, completion: 1, total: 5 },
    ],
    [{ response: { usage: { prompt_tokens: 2, completion_tokens: 2 } } }, { prompt: 2, completion: 2, total: 4 }],
    [{ tokens: { prompt: 150, completion: 50 } }, { prompt: 150, completion: 50, total: 200 }],
    [{ response: '[array]' }, null],
    [{}, null],
  ])('reads %j', (data, expected) => {
    expect(reportedUsage(data)).toEqual(expected);
  });
});

describe('tokenUsage', () => {
  it('lists calls in order with a cumulative total and groups by model type and provider', () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'completed',
      events: [
        modelEvent({ usage: { prompt_tokens: 100, completion_tokens: 20 } }, 1),
        modelEvent({ modelType: 'TEXT_SMALL', provider: 'anthropic', inputTokens: 10, outputTokens: 5, cost: 0.002 }, 2),
        modelEvent({ modelType: 'TEXT_EMBEDDING' }, 3),
        modelEvent({ tokens: { prompt: 30, completion: 10 }, cost: 0.001 }, 4),
      ],
    });
    const usage = tokenUsage(run);
    expect(usage.calls.map((call) => [call.callNumber, call.total, call.cumulative])).toEqual([
      [1, 120, 120],
      [2, 15, 135],
      [4, 40, 175],
    ]);
    expect(usage.totals).toEqual({ prompt: 140, completion: 35, total: 175 });
    expect(usage.byModelType).toEqual([
      { key: 'TEXT_LARGE', prompt: 130, completion: 30, total: 160, calls: 2 },
      { key: 'TEXT_SMALL', prompt: 10, completion: 5, total: 15, calls: 1 },
    ]);
    expect(usage.byProvider.map((group) => group.key)).toEqual(['openai', 'anthropic']);
    expect(usage.cost).toBeCloseTo(0.003);
    expect(usage.estimated).toBe(false);
  });

  it('prefers the run-level totals the documented shape reports', () => {
    const usage = tokenUsage(normalizeRun(loadSample('documented/run-documented-example.json')));
    expect(usage.totals).toEqual({ prompt: 150, completion: 50, total: 200 });
    expect(usage.calls).toHaveLength(1);
  });

  it('reports nothing for a stock 1.7.2 run, which records no tokens', () => {
    const usage = tokenUsage(normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json')));
    expect(usage.calls).toEqual([]);
    expect(usage.totals).toBeNull();
  });

  it('uses estimates only where nothing was reported, and marks them', () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'completed',
      events: [modelEvent({ inputTokens: 1, outputTokens: 1 }, 1), modelEvent({}, 2)],
    });
    const [reported, unreported] = run.events.map((event) => event.id);
    const estimates = new Map([
      [reported, { prompt: 99, completion: 99, total: 198 }],
      [unreported, { prompt: 8, completion: 2, total: 10 }],
    ]);
    const usage = tokenUsage(run, estimates);
    expect(usage.calls.map((call) => [call.total, call.estimated])).toEqual([
      [2, false],
      [10, true],
    ]);
    expect(usage.estimated).toBe(true);
    expect(tokenTotals(run, estimates)).toEqual({ totals: usage.totals, estimated: true });
    expect(tokenTotals(run)).toEqual({ totals: tokenUsage(run).totals, estimated: false });
  });

  it('gives the same totals through tokenTotals, which skips the rows per call', () => {
    for (const path of ['documented/run-documented-example.json', 'elizaos-1.7.2/run-detail-reply-action.json']) {
      const run = normalizeRun(loadSample(path));
      const usage = tokenUsage(run);
      expect(tokenTotals(run)).toEqual({ totals: usage.totals, estimated: usage.estimated });
    }
  });
});

describe('tokenChartData', () => {
  const call = (n: number, timestamp: number | null): ModelCallTokens => ({
    eventId: `e${n}`,
    timestamp,
    callNumber: n,
    modelType: 'TEXT_LARGE',
    provider: 'openai',
    prompt: 10,
    completion: 1,
    total: 11,
    cumulative: 11 * n,
    estimated: false,
    cost: null,
  });

  it('draws one bar per call while there are few', () => {
    const data = tokenChartData([call(1, 0), call(2, 5)]);
    expect(data.bucketMs).toBeNull();
    expect(data.bars.map((bar) => bar.name)).toEqual(['#1 TEXT_LARGE', '#2 TEXT_LARGE']);
  });

  it('groups thousands of calls into time buckets, keeping the totals', () => {
    const calls = Array.from({ length: 5000 }, (_, i) => call(i + 1, i * 10));
    const data = tokenChartData(calls, 100);
    expect(data.bars).toHaveLength(100);
    expect(data.bucketMs).toBeCloseTo(499.9);
    expect(data.bars.reduce((sum, bar) => sum + bar.calls, 0)).toBe(5000);
    expect(data.bars.at(-1)?.cumulative).toBe(5000 * 11);
  });
});
