import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { deriveStatus, isUnknownRunPlaceholder } from './status';
import { loadSample } from './test-samples';

function run(status: string, events: unknown[] = []) {
  return normalizeRun({ runId: 'r1', status, events });
}

describe('deriveStatus', () => {
  it('shows a real run whose RUN_ENDED carries an error as failed, with the reason', () => {
    const status = deriveStatus(normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json')));
    expect(status).toEqual({ tone: 'failed', label: 'failed', reason: 'The server says "completed", but the run ended with an error.' });
  });

  it('shows a clean real run as completed', () => {
    expect(deriveStatus(normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json')))).toEqual({
      tone: 'completed',
      label: 'completed',
      reason: null,
    });
  });

  it('shows started as running', () => {
    expect(deriveStatus(normalizeRun(loadSample('elizaos-1.7.2/run-detail-in-progress.json'))).tone).toBe('running');
  });

  it('believes RUN_ENDED over a summary still saying started', () => {
    expect(deriveStatus(run('started', [{ type: 'RUN_ENDED', timestamp: 1, data: { status: 'timeout' } }]))).toMatchObject({
      tone: 'timeout',
      label: 'timeout',
    });
  });

  it.each([
    ['failed', 'failed', 'failed', null],
    ['error', 'failed', 'failed', 'The server says "error".'],
    ['timeout', 'timeout', 'timeout', null],
    ['cancelled', 'cancelled', 'cancelled', null],
    ['muted', 'other', 'muted', null],
    ['noMessageId', 'other', 'noMessageId', null],
  ])('maps %s to %s', (serverStatus, tone, label, reason) => {
    expect(deriveStatus(run(serverStatus))).toEqual({ tone, label, reason });
  });
});

describe('isUnknownRunPlaceholder', () => {
  it('recognises the real server answer for an unknown run id', () => {
    expect(isUnknownRunPlaceholder(run('started'))).toBe(true);
    expect(isUnknownRunPlaceholder(run('completed'))).toBe(false);
    expect(isUnknownRunPlaceholder(run('started', [{ type: 'RUN_STARTED', timestamp: 1 }]))).toBe(false);
  });
});
