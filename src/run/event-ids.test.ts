import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idsByPosition, isLegacyEventId, resolveEventId, upgradeLegacyKey } from './event-ids';
import { maskRunBundle } from './mask-bundle';
import { normalizeRun } from './normalize';
import { buildRunBundle, readRunBundle } from './run-bundle';
import { loadSample, sampleFiles } from './test-samples';

const URL_SAFE_ID = /^[a-z0-9_]{2,15}(-[0-9]+)?$/;

type Raw = { type: string; timestamp?: number | null; data?: unknown; [field: string]: unknown };

function idsOf(events: Raw[]): string[] {
  return normalizeRun({ runId: 'r', status: 'completed', events }).events.map((event) => event.id);
}

/** Each event's id, by the event's `data.seq` (the tests' own name for an event). */
function idsBySeq(events: Raw[]): Map<number, string> {
  const run = normalizeRun({ runId: 'r', status: 'completed', events });
  return new Map(run.events.map((event) => [event.data.seq as number, event.id]));
}

const runDetailFiles = sampleFiles().filter((file) => file.includes('run-'));

describe('event ids', () => {
  it('keeps an event its id when an earlier event is added to the run', () => {
    const events: Raw[] = [
      { type: 'model:used', timestamp: 10, data: { modelType: 'text:large', tokens: { prompt: 5, completion: 1 } } },
      { type: 'action:completed', timestamp: 20, data: { action: 'REPLY', success: true } },
    ];
    const before = idsOf(events);
    const after = idsOf([{ type: 'model:used', timestamp: 5, data: { modelType: 'text:small' } }, ...events]);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).not.toBe(before[0]);
  });

  it("uses the server's own ids where one names exactly one event: the action id with its phase, the run's message id", () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'));
    const byType = (type: string) => run.events.filter((event) => event.type === type).map((event) => event.id);
    // actionId 90c23bd3-9141-483c-a54a-765b38bd7422: its last 12 digits, _s(tarted) / _e(nded).
    expect(byType('ACTION_STARTED')).toEqual(['a765b38bd7422_s']);
    expect(byType('ACTION_COMPLETED')).toEqual(['a765b38bd7422_e']);
    // RUN_STARTED's messageId 42ae082e-64dd-0450-9363-dd77cce07bfe.
    expect(byType('RUN_STARTED')).toEqual(['rdd77cce07bfe_s']);
    // Model calls carry no id of their own (their actionContext.actionId is their action's): hashed.
    expect(byType('MODEL_USED').every((id) => /^m[0-9a-v]{11}$/.test(id))).toBe(true);
  });

  it('hashes events whose own id several events carry, and numbers events that hash the same in time order', () => {
    const shared = '0f6f8d1e-1111-4222-8333-abcdefabcdef';
    const ids = idsOf([
      { type: 'ACTION_STARTED', timestamp: 1, data: { actionId: shared, actionName: 'A' } },
      { type: 'ACTION_STARTED', timestamp: 2, data: { actionId: shared, actionName: 'B' } },
      { type: 'EVALUATOR_COMPLETED', timestamp: 3, data: { evaluatorName: 'R', success: true } },
      { type: 'EVALUATOR_COMPLETED', timestamp: 3, data: { evaluatorName: 'R', success: true } },
      { type: 'EVALUATOR_COMPLETED', timestamp: 3, data: { evaluatorName: 'R', success: true } },
    ]);
    expect(ids[0]).toMatch(/^a[0-9a-v]{11}$/);
    expect(ids[1]).toMatch(/^a[0-9a-v]{11}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids.slice(3)).toEqual([`${ids[2]}-2`, `${ids[2]}-3`]);
  });

  it('uses a log id sent on the event when no other event of the run has it', () => {
    const ids = idsOf([
      { id: 17, type: 'MODEL_USED', timestamp: 1, data: {} },
      { id: 'e5', type: 'MODEL_USED', timestamp: 2, data: {} },
      { id: 9, type: 'MODEL_USED', timestamp: 3, data: {} },
      { id: 9, type: 'MODEL_USED', timestamp: 4, data: {} },
    ]);
    expect(ids.slice(0, 2)).toEqual(['l17', 'le5']);
    expect(ids[2]).toMatch(/^m[0-9a-v]{11}$/);
    expect(ids[3]).toMatch(/^m[0-9a-v]{11}$/);
  });

  it('makes short, URL-safe ids that are never the old positional form, for every sample', () => {
    for (const file of runDetailFiles) {
      const ids = normalizeRun(loadSample(file)).events.map((event) => event.id);
      expect(new Set(ids).size, file).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(URL_SAFE_ID);
        expect(isLegacyEventId(id)).toBe(false);
      }
    }
  });

  it('gives a masked copy of a run the ids of the run itself', () => {
    for (const file of runDetailFiles) {
      const bundle = buildRunBundle({ response: loadSample(file), agent: { id: 'a' }, source: { kind: 'file' } });
      const masked = maskRunBundle(bundle, { words: ['the', 'Eliza', 'TEXT', 'REPLY', 'a'] }).bundle;
      expect(readRunBundle(masked).run.events.map((event) => event.id)).toEqual(readRunBundle(bundle).run.events.map((event) => event.id));
    }
  });
});

describe('old positional ids', () => {
  // Sent out of time order: position 0 is the last event in time.
  const events: Raw[] = [
    { type: 'run:ended', timestamp: 30, data: { status: 'completed' } },
    { type: 'action:started', timestamp: 10, data: { action: 'REPLY' } },
    { type: 'model:used', timestamp: 20, data: { modelType: 'text:large' } },
  ];
  const run = normalizeRun({ runId: 'r', status: 'completed', events });

  it("resolve `e<n>` to the event that was n-th in the server's array", () => {
    expect(run.events.map((event) => event.type)).toEqual(['action:started', 'model:used', 'run:ended']);
    expect(resolveEventId(run.events, 'e0')).toBe(run.events[2].id);
    expect(resolveEventId(run.events, 'e1')).toBe(run.events[0].id);
    expect(resolveEventId(run.events, 'e2')).toBe(run.events[1].id);
  });

  it('leave stable ids, unknown positions and other text as they are', () => {
    expect(resolveEventId(run.events, run.events[1].id)).toBe(run.events[1].id);
    expect(resolveEventId(run.events, 'e3')).toBe('e3');
    expect(resolveEventId(run.events, 'e')).toBe('e');
    expect(resolveEventId(run.events, 'e1x')).toBe('e1x');
  });

  it('upgrade keys saved by an older viewer, keeping what they key inside the event', () => {
    const byPosition = idsByPosition(run.events);
    const modelId = run.events[1].id;
    expect(upgradeLegacyKey('e2', byPosition)).toBe(modelId);
    expect(upgradeLegacyKey('e2:p0', byPosition)).toBe(`${modelId}:p0`);
    expect(upgradeLegacyKey('e2|3', byPosition)).toBe(`${modelId}|3`);
    expect(upgradeLegacyKey('e2:p1|0', byPosition)).toBe(`${modelId}:p1|0`);
    expect(upgradeLegacyKey('e9', byPosition)).toBe('e9');
    expect(upgradeLegacyKey(modelId, byPosition)).toBe(modelId);
  });

  it('open the token counts of a bundle saved with positional ids under the stable ids', () => {
    const bundle = {
      ...buildRunBundle({ response: { runId: 'r', status: 'completed', events }, agent: { id: 'a' }, source: { kind: 'file' } }),
      tokenEstimates: {
        tokenizer: 'cl100k_base',
        counts: [
          ['e2', 12, 3],
          ['e2:p0|1', 7, 0],
        ] as [string, number, number][],
      },
    };
    const opened = readRunBundle(bundle);
    const modelId = opened.run.events.find((event) => event.type === 'model:used')!.id;
    expect([...opened.context.tokenEstimates!]).toEqual([
      [modelId, { prompt: 12, completion: 3, total: 15 }],
      [`${modelId}:p0|1`, { prompt: 7, completion: 0, total: 7 }],
    ]);
  });
});

describe('event id properties', () => {
  // Ids the server would send: one per event (the last 12 digits are the event's `seq`).
  const uuid = (seq: number) => fc.uuid().map((value) => value.slice(0, 24) + seq.toString(16).padStart(12, '0'));
  const type = fc.constantFrom(
    'RUN_STARTED',
    'RUN_ENDED',
    'ACTION_STARTED',
    'ACTION_COMPLETED',
    'MODEL_USED',
    'EMBEDDING_EVENT',
    'EVALUATOR_COMPLETED',
    'action:started',
    'model:used',
    'SOMETHING_NEW',
  );
  // `seq` names an event in these tests; it is data like any other, so no two events are the same.
  const event = (seq: number): fc.Arbitrary<Raw> =>
    fc.record({
      type,
      timestamp: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      data: fc.record(
        {
          seq: fc.constant(seq),
          actionId: uuid(seq),
          messageId: uuid(seq),
          modelType: fc.constantFrom('TEXT_LARGE', 'TEXT_EMBEDDING'),
          prompt: fc.string({ maxLength: 200 }),
          executionTime: fc.double({ noNaN: true }),
          nested: fc.array(fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())), { maxLength: 6 }),
        },
        { requiredKeys: ['seq'] },
      ),
    });
  const events = (from: number, maxLength: number) =>
    fc.integer({ min: 0, max: maxLength }).chain((length) => fc.tuple(...Array.from({ length }, (_, index) => event(from + index))));

  it('are unique within a run and URL-safe, never the old positional form', () => {
    fc.assert(
      fc.property(events(0, 40), (list) => {
        const ids = idsOf(list);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          expect(id).toMatch(URL_SAFE_ID);
          expect(isLegacyEventId(id)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('stay the same when other events are added before or after, or the events come in another order', () => {
    fc.assert(
      fc.property(events(0, 25), events(1000, 10), events(2000, 10), fc.integer(), (list, before, after, seed) => {
        const ids = idsBySeq(list);
        const shuffled = [...before, ...list, ...after].sort(
          (a, b) => mixSeq(a, seed) - mixSeq(b, seed) || (a.data as { seq: number }).seq - (b.data as { seq: number }).seq,
        );
        const grown = idsBySeq(shuffled);
        for (const [seq, id] of ids) expect(grown.get(seq)).toBe(id);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

function mixSeq(event: Raw, seed: number): number {
  return Math.imul((event.data as { seq: number }).seq ^ seed, 2654435761) >>> 0;
}
