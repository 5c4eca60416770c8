import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectErrors } from './run-errors';
import { actionIdsToCheck, applyActionLog, applyEmbeddingLog, embeddingIdsToExplain, FROM_ACTION_LOG } from './log-outcomes';
import type { LogRow } from './run-schemas';
import { normalizeRun } from './normalize';
import { buildTimelineRows } from './timeline-rows';

// Real responses captured from elizaOS 1.7.2 by compat/capture.ts.
const captured = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../compat/captured', name), 'utf8'));
const logRows = (name: string): LogRow[] => captured(name).data;

describe('action outcomes from the action log', () => {
  const run = normalizeRun(captured('run-detail-action-error.json'));
  const completed = () => run.events.find((event) => event.type === 'ACTION_COMPLETED')!;

  it('does not trust the success elizaOS 1.7 reports for every action', () => {
    expect(completed()).toMatchObject({ failed: false, needsOutcomeCheck: true });
    expect(actionIdsToCheck(run)).toEqual([completed().actionId]);
    expect(buildTimelineRows(run).find((row) => row.event.type === 'ACTION_COMPLETED')?.summary).toBe('REPLY ended');
  });

  it('shows the failure the action log recorded, and says where it came from', () => {
    const checked = applyActionLog(run, { state: 'done', rows: logRows('action-log-action-error.json') });
    const event = checked.events.find((candidate) => candidate.type === 'ACTION_COMPLETED')!;
    expect(event).toMatchObject({
      failed: true,
      needsOutcomeCheck: false,
      error: 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)',
      outcomeNote: FROM_ACTION_LOG,
    });
    expect(buildTimelineRows(checked).find((row) => row.event.id === event.id)?.summary).toBe(
      'REPLY failed: fake TEXT_LARGE failure inside REPLY (zzfailactionzz)',
    );
    expect(collectErrors(checked)).toContainEqual({
      message: 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)',
      eventId: event.id,
      source: `REPLY (ACTION_COMPLETED), ${FROM_ACTION_LOG}`,
    });
  });

  it('confirms a successful action', () => {
    const ok = normalizeRun(captured('run-detail-reply-action.json'));
    const checked = applyActionLog(ok, { state: 'done', rows: logRows('action-log-reply-action.json') });
    const event = checked.events.find((candidate) => candidate.type === 'ACTION_COMPLETED')!;
    expect(event).toMatchObject({ failed: false, needsOutcomeCheck: false, outcomeNote: FROM_ACTION_LOG });
    expect(buildTimelineRows(checked).find((row) => row.event.id === event.id)?.summary).toBe('REPLY completed');
  });

  it('says the outcome is unverified when the log cannot be read or lacks the action', () => {
    const failed = applyActionLog(run, { state: 'failed', reason: 'this server has no action log endpoint' });
    expect(failed.events.find((event) => event.type === 'ACTION_COMPLETED')).toMatchObject({
      failed: false,
      needsOutcomeCheck: true,
      outcomeNote: 'outcome unverified: this server has no action log endpoint',
    });
    const missing = applyActionLog(run, { state: 'done', rows: [] });
    expect(missing.events.find((event) => event.type === 'ACTION_COMPLETED')?.outcomeNote).toMatch(/not in the agent's action log/);
  });

  it('leaves runs without unconfirmed actions untouched', () => {
    const simple = normalizeRun(captured('run-detail-simple.json'));
    expect(applyActionLog(simple, { state: 'pending' })).toBe(simple);
  });
});

describe('embedding errors from the embedding log', () => {
  it('adds the error text a failed EMBEDDING_EVENT lacks', () => {
    const run = normalizeRun(captured('run-detail-embedding-error.json'));
    expect(embeddingIdsToExplain(run)).toHaveLength(1);
    const checked = applyEmbeddingLog(run, logRows('embedding-log-embedding-error.json'));
    expect(checked.events.find((event) => event.type === 'EMBEDDING_EVENT')).toMatchObject({
      failed: true,
      error: 'fake TEXT_EMBEDDING failure (zzfailembedzz)',
    });
  });
});
