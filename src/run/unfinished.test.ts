import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { collectErrors } from './run-errors';
import { countRun } from './run-stats';
import { loadSample } from './test-samples';
import { buildTimelineRows } from './timeline-rows';

const ATLAS = join(import.meta.dirname, '../../server/sample-runs/550e8400-e29b-41d4-a716-446655440000');
const timeoutRun = () => normalizeRun(JSON.parse(readFileSync(join(ATLAS, 'timeout-search.json'), 'utf8')));

describe('actions that did not finish', () => {
  it('marks SEARCH_WEB, started and never completed before the run timed out, as did not finish, open until the run ended', () => {
    const run = timeoutRun();
    const search = run.events.find((event) => event.kind === 'action' && event.name === 'SEARCH_WEB');
    expect(search).toMatchObject({ phase: 'started', failed: true, didNotFinish: true });
    const row = buildTimelineRows(run).find((candidate) => candidate.event === search);
    expect(row?.durationMs).toBe((run.endedAt ?? 0) - (search?.timestamp ?? 0));
    expect(row?.summary).toMatch(/^SEARCH_WEB did not finish · open [\d.]+ s, until the run ended$/);
    expect(countRun(run).errors).toBe(1);
    expect(collectErrors(run)[0].message).toMatch(/^did not finish: started, never completed \(open [\d.]+ s, until the run ended\)$/);
  });

  it('leaves the open actions of a running run alone, and every finished action of every sample', () => {
    const running = normalizeRun({
      summary: { runId: 'r', status: 'started' },
      events: [
        { type: 'RUN_STARTED', timestamp: 1, data: {} },
        { type: 'ACTION_STARTED', timestamp: 2, data: { actionId: 'a', actionName: 'SEARCH_WEB' } },
      ],
    });
    expect(running.events.some((event) => event.failed)).toBe(false);
    const reply = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'));
    expect(reply.events.some((event) => event.didNotFinish)).toBe(false);
  });

  it('pairs documented actions, which carry no id, by name', () => {
    const run = normalizeRun({
      runId: 'd',
      status: 'timeout',
      startTime: 0,
      endTime: 5000,
      events: [
        { type: 'action:started', timestamp: 100, data: { action: 'LOOKUP' } },
        { type: 'action:completed', timestamp: 200, data: { action: 'LOOKUP', success: true } },
        { type: 'action:started', timestamp: 300, data: { action: 'LOOKUP' } },
      ],
    });
    expect(run.events.map((event) => Boolean(event.didNotFinish))).toEqual([false, false, true]);
    expect(buildTimelineRows(run).at(-1)?.durationMs).toBe(4700);
  });
});
