import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidRunError, normalizeRun } from './normalize';
import { loadSample, sampleFiles } from './test-samples';

const runDetailFiles = sampleFiles().filter((file) => !file.includes('runs-list') && !file.includes('memories'));

describe('normalizeRun', () => {
  it('finds every captured run sample', () => {
    expect(runDetailFiles).toEqual([
      'documented/run-documented-example.json',
      'elizaos-1.7.2/run-detail-in-progress.json',
      'elizaos-1.7.2/run-detail-model-error.json',
      'elizaos-1.7.2/run-detail-reply-action-with-room.json',
      'elizaos-1.7.2/run-detail-reply-action.json',
      'elizaos-1.7.2/run-detail-simple-reply.json',
    ]);
  });

  it.each(runDetailFiles)('normalises %s with every event, in time order', (file) => {
    const json = loadSample(file) as { data?: { events: unknown[] }; events?: unknown[] };
    const run = normalizeRun(json, 'agent-1');
    const rawEvents = json.data?.events ?? json.events ?? [];
    expect(run.events).toHaveLength(rawEvents.length);
    const times = run.events.map((event) => event.timestamp ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(run.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sorts events sent out of order by time, keeping ties and untimed events after the event they followed', () => {
    const times = [5, null, 3, 3, null, 1];
    const run = normalizeRun({
      runId: 'r',
      status: 'completed',
      events: times.map((timestamp, sent) => ({ type: 'x', timestamp, data: { sent } })),
    });
    expect(run.events.map((event) => event.data.sent)).toEqual([5, 2, 3, 4, 0, 1]);
  });

  it('keeps events that arrive in time order exactly as sent, and any order ends sorted', () => {
    const time = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null });
    fc.assert(
      fc.property(fc.array(time, { maxLength: 60 }), (times) => {
        const events = times.map((timestamp, sent) => ({ type: 'x', timestamp, data: { sent } }));
        const read = normalizeRun({ runId: 'r', status: 'completed', events }).events;
        const sent = read.map((event) => event.data.sent as number);
        expect([...sent].sort((a, b) => a - b)).toEqual(times.map((_, index) => index));
        const timed = read.flatMap((event) => (event.timestamp === null ? [] : [event.timestamp]));
        expect(timed).toEqual([...timed].sort((a, b) => a - b));
        const ascending = times.every(
          (value, index) => value === null || times.slice(0, index).every((before) => before === null || before <= value),
        );
        if (ascending) expect(sent).toEqual(times.map((_, index) => index));
      }),
    );
  });

  it('rejects every runs-list sample as not a run', () => {
    for (const file of sampleFiles().filter((name) => name.includes('runs-list'))) {
      expect(() => normalizeRun(loadSample(file))).toThrow(InvalidRunError);
    }
  });

  it('reads the real shape: envelope, summary and upper-case events', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'), 'agent-1');
    expect(run).toMatchObject({
      shape: 'elizaos',
      runId: '1c5cdbc6-775b-4964-80ec-04edf1fe72a6',
      agentId: 'agent-1',
      roomId: '8c804bdb-3231-0770-931b-7f1f637e3353',
      serverStatus: 'completed',
      startedAt: 1795899079654,
      endedAt: 1795899079825,
      serverDurationMs: 171,
    });
    const nested = run.events.filter((event) => event.parentActionId === '90c23bd3-9141-483c-a54a-765b38bd7422');
    expect(nested.map((event) => event.model?.modelType)).toEqual(['TEXT_EMBEDDING', 'TEXT_LARGE', 'TEXT_EMBEDDING']);
    expect(run.events.map((event) => event.kind)).toEqual([
      'run',
      'model',
      'model',
      'model',
      'action',
      'model',
      'model',
      'model',
      'embedding',
      'action',
      'run',
    ]);
  });

  it('reads the real shape without the envelope', () => {
    const json = loadSample('elizaos-1.7.2/run-detail-simple-reply.json') as { data: unknown };
    expect(normalizeRun(json.data)).toEqual(normalizeRun(json));
  });

  it('reads the documented shape: startTime, lower-case events, tokens and errors', () => {
    const run = normalizeRun(loadSample('documented/run-documented-example.json'));
    expect(run).toMatchObject({
      shape: 'documented',
      agentId: '550e8400-e29b-41d4-a716-446655440000',
      startedAt: 1703001234567,
      endedAt: 1703001235890,
      reportedTokens: { prompt: 150, completion: 50, total: 200 },
      reportedErrors: [],
    });
    expect(run.events.map((event) => [event.kind, event.phase, event.name])).toEqual([
      ['action', 'started', 'REPLY'],
      ['model', null, 'text:large'],
      ['action', 'ended', 'REPLY'],
    ]);
    expect(run.events[1].model).toMatchObject({ provider: 'openai', usage: { prompt: 150, completion: 50, total: 200 } });
  });

  it('records the error that RUN_ENDED carries', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'));
    const ended = run.events.find((event) => event.type === 'RUN_ENDED');
    expect(ended).toMatchObject({ failed: true, error: 'fake TEXT_LARGE failure (zzfailmodelzz)' });
  });

  it('keeps unknown event types and their fields', () => {
    const run = normalizeRun({
      runId: 'r1',
      status: 'completed',
      events: [
        { type: 'TOOL_CALLED', timestamp: 5, data: { tool: 'search', extra: [1, 2] } },
        { type: 'model:used', timestamp: 3 },
      ],
    });
    expect(run.events.map((event) => [event.type, event.kind])).toEqual([
      ['model:used', 'model'],
      ['TOOL_CALLED', 'unknown'],
    ]);
    expect(run.events[1].data).toEqual({ tool: 'search', extra: [1, 2] });
  });

  it('keeps an event without a timestamp after the event it followed', () => {
    const run = normalizeRun({
      runId: 'r1',
      status: 'completed',
      events: [{ type: 'b', timestamp: 10 }, { type: 'c' }, { type: 'a', timestamp: 1 }],
    });
    expect(run.events.map((event) => event.type)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [null, 'Expected a run object but got null.'],
    [[], 'Expected a run object but got an array.'],
    ['<html>', 'Expected a run object but got a string.'],
    [{ success: false, error: { code: 'NOT_FOUND' } }, 'The response is an error, not a run.'],
    [{ summary: { status: 'completed' }, events: [] }, 'summary.runId'],
    [{ runId: 'r', status: 'completed', events: 'nope' }, 'events'],
  ])('says what is wrong with %j', (json, message) => {
    expect(() => normalizeRun(json)).toThrow(InvalidRunError);
    expect(() => normalizeRun(json)).toThrow(message);
  });
});
