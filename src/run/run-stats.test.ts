import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { collectErrors } from './run-errors';
import { countRun, runDuration } from './run-stats';
import { loadSample } from './test-samples';

describe('countRun', () => {
  it('counts from the events, not from the server summary (which double counts model calls)', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'));
    expect(countRun(run)).toEqual({ events: 11, actions: 1, modelCalls: 6, evaluators: 0, errors: 0 });
  });

  it('counts the RUN_ENDED error of a real failed run', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'));
    expect(countRun(run)).toMatchObject({ modelCalls: 2, errors: 1 });
  });

  it('counts documented actions and evaluators', () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'completed',
      events: [
        { type: 'action:completed', timestamp: 1, data: { action: 'A' } },
        { type: 'evaluator:completed', timestamp: 2, data: { evaluatorName: 'reflection' } },
      ],
    });
    expect(countRun(run)).toMatchObject({ actions: 1, evaluators: 1 });
  });
});

describe('collectErrors', () => {
  it('collects the errors array, RUN_ENDED errors and failed events, each error once', () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'failed',
      errors: ['Rate limit exceeded', { message: 'object error' }, 'dimension mismatch', 'SEARCH: index offline'],
      events: [
        { type: 'action:completed', timestamp: 1, data: { action: 'SEARCH', success: false, error: 'index offline' } },
        { type: 'EMBEDDING_EVENT', timestamp: 2, data: { status: 'failed', error: 'dimension mismatch' } },
        { type: 'RUN_ENDED', timestamp: 3, data: { status: 'completed', error: 'model threw' } },
      ],
    });
    const [search, embedding, ended] = run.events.map((event) => event.id);
    expect(collectErrors(run)).toEqual([
      { message: 'Rate limit exceeded', eventId: null, source: 'errors reported by the server' },
      { message: '{"message":"object error"}', eventId: null, source: 'errors reported by the server' },
      { message: 'index offline', eventId: search, source: 'SEARCH (action:completed)' },
      { message: 'dimension mismatch', eventId: embedding, source: 'EMBEDDING_EVENT event' },
      { message: 'model threw', eventId: ended, source: 'RUN_ENDED event' },
    ]);
    expect(new Set([search, embedding, ended]).size).toBe(3);
  });
});

describe('runDuration', () => {
  it('uses the server figure when present', () => {
    expect(runDuration(normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json')))).toBe(171);
  });

  it('computes it from timestamps when the server sends none', () => {
    expect(runDuration(normalizeRun(loadSample('documented/run-documented-example.json')))).toBe(1323);
  });

  it('has none for a running run unless given the time now', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-in-progress.json'));
    expect(runDuration(run)).toBeNull();
    expect(runDuration(run, 1795899088718)).toBe(1000);
  });
});
