import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';
import { buildTimelineRows } from './timeline-rows';

describe('buildTimelineRows', () => {
  it('nests the model calls made inside an action under that action', () => {
    const rows = buildTimelineRows(normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json')));
    expect(rows.map((row) => [row.depth, row.event.type, row.summary])).toEqual([
      [0, 'RUN_STARTED', 'Run started · messageHandler'],
      [0, 'MODEL_USED', 'TEXT_SMALL · fake-model · 0.022 ms'],
      [0, 'MODEL_USED', 'TEXT_LARGE · fake-model · 0.018 ms'],
      [0, 'MODEL_USED', 'TEXT_EMBEDDING · fake-model · 0.07 ms'],
      [0, 'ACTION_STARTED', 'REPLY started'],
      [1, 'MODEL_USED', 'TEXT_EMBEDDING · fake-model · 0.056 ms'],
      [1, 'MODEL_USED', 'TEXT_LARGE · fake-model · 0.017 ms'],
      [1, 'MODEL_USED', 'TEXT_EMBEDDING · fake-model · 0.063 ms'],
      [1, 'ACTION_COMPLETED', 'REPLY ended'], // unconfirmed until the action log says
      [0, 'EMBEDDING_EVENT', 'Embedding completed · 0 ms'],
      [0, 'RUN_ENDED', 'Run ended · completed · 171 ms'],
    ]);
    const action = rows[4];
    expect(action).toMatchObject({ durationMs: 46, childCount: 4, offsetMs: 118 });
    expect(rows[5].parentId).toBe(action.event.id);
  });

  it('gives offsets from the run start and summaries with tokens for documented runs', () => {
    const rows = buildTimelineRows(normalizeRun(loadSample('documented/run-documented-example.json')));
    expect(rows.map((row) => [row.offsetMs, row.summary])).toEqual([
      [33, 'REPLY started'],
      [233, 'text:large · openai · 150 → 50 tokens'],
      [1233, 'REPLY completed'],
    ]);
  });

  it('shows the error of a failed run on its RUN_ENDED row', () => {
    const rows = buildTimelineRows(normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json')));
    const ended = rows.find((row) => row.event.type === 'RUN_ENDED');
    expect(ended?.summary).toBe('Run ended · completed · 41 ms · error: fake TEXT_LARGE failure (zzfailmodelzz)');
    expect(ended?.event.failed).toBe(true);
  });

  it('keeps a call whose action never started at the top level', () => {
    const rows = buildTimelineRows(
      normalizeRun({
        runId: 'r',
        status: 'completed',
        events: [{ type: 'MODEL_USED', timestamp: 1, data: { modelType: 'TEXT_SMALL', actionContext: { actionId: 'missing' } } }],
      }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].depth).toBe(0);
  });

  it('summarises unknown event types by their fields', () => {
    const rows = buildTimelineRows(
      normalizeRun({ runId: 'r', status: 'completed', events: [{ type: 'TOOL_CALLED', timestamp: 1, data: { tool: 'x', args: {} } }] }),
    );
    expect(rows[0].summary).toBe('TOOL_CALLED · tool, args');
    expect(rows[0].event.kind).toBe('unknown');
  });
});
