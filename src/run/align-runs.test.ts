import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignKeys, alignSkeletons, runSteps, stepOutcome, stepSkeleton, type AlignedPairs } from './align-runs';
import { alignedItems, countMarks, runDifferences, runFacts, type AlignedItem } from './compare-runs';
import type { Run } from './model';
import { InvalidRunError, normalizeRun } from './normalize';

const FIXTURES = join(import.meta.dirname, '../../e2e/fixtures/runs');
const fixture = (path: string) => normalizeRun(JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')));

function compare(a: Run, b: Run): AlignedItem[] {
  const stepsA = runSteps(a);
  const stepsB = runSteps(b);
  return alignedItems(stepsA, stepsB, alignSkeletons(stepSkeleton(stepsA), stepSkeleton(stepsB)));
}

/** Exact LCS length, by dynamic programming: the reference the alignment must reach. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    previous = current;
  }
  return previous[b.length];
}

/** Every index of each side exactly once, in order; matched pairs have equal keys. */
function expectValidAlignment(pairs: AlignedPairs, a: readonly string[], b: readonly string[]) {
  expect(pairs.map(([i]) => i).filter((i) => i >= 0)).toEqual(a.map((_, index) => index));
  expect(pairs.map(([, j]) => j).filter((j) => j >= 0)).toEqual(b.map((_, index) => index));
  for (const [i, j] of pairs) {
    expect(i >= 0 || j >= 0).toBe(true);
    if (i >= 0 && j >= 0) expect(a[i]).toBe(b[j]);
  }
}

const matched = (pairs: AlignedPairs) => pairs.filter(([i, j]) => i >= 0 && j >= 0).length;
const keys = fc.array(
  fc.constantFrom<string>('run:started', 'model:TEXT_LARGE', 'model:TEXT_SMALL', 'action:REPLY', 'embedding', 'run:ended'),
  { maxLength: 40 },
);

describe('alignKeys', () => {
  it('matches identical lists in full', () => {
    fc.assert(
      fc.property(keys, (a) => {
        const pairs = alignKeys(a, [...a]);
        expect(pairs).toEqual(a.map((_, index) => [index, index]));
      }),
    );
  });

  it('is a valid alignment as long as the longest common subsequence', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const pairs = alignKeys(a, b);
        expectValidAlignment(pairs, a, b);
        expect(matched(pairs)).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('is symmetric up to swapping a and b', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const forward = alignKeys(a, b);
        const backward = alignKeys(b, a);
        const mirrored = (pairs: AlignedPairs) => pairs.map(([i, j]) => `${j}:${i}`).sort();
        expect(mirrored(backward)).toEqual(forward.map(([i, j]) => `${i}:${j}`).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('finds inserted and deleted steps exactly', () => {
    fc.assert(
      fc.property(keys, fc.array(fc.tuple(fc.nat(), fc.constantFrom('model:OBJECT_SMALL', 'action:SEARCH'))), (base, inserts) => {
        const longer = [...base];
        for (const [at, key] of inserts) longer.splice(at % (longer.length + 1), 0, key);
        const added = alignKeys(base, longer);
        expect(
          added
            .filter(([i]) => i < 0)
            .map(([, j]) => longer[j])
            .sort(),
        ).toEqual(inserts.map(([, key]) => key).sort());
        expect(matched(added)).toBe(base.length);
        const removed = alignKeys(longer, base);
        expect(removed.filter(([, j]) => j < 0).length).toBe(inserts.length);
      }),
    );
  });

  it('still aligns validly when the runs differ beyond an exact alignment', () => {
    const a = Array.from({ length: 3000 }, (_, index) => `k${index % 7}`);
    const b = Array.from({ length: 3000 }, (_, index) => `k${(index * 3) % 11}`);
    const pairs = alignKeys(a, b);
    expectValidAlignment(pairs, a, b);
    expect(matched(pairs)).toBeGreaterThan(0);
  }, 30_000);
});

describe('alignSkeletons', () => {
  // Nested skeletons, including parents that point nowhere or forward (kept top level).
  const skeleton = fc
    .array(
      fc.tuple(
        fc.constantFrom('run:started', 'model:TEXT_LARGE', 'model:TEXT_SMALL', 'action:REPLY', 'embedding', 'évaluator:x', ''),
        fc.integer({ min: -3, max: 45 }),
      ),
      { maxLength: 45 },
    )
    .map((steps) => ({ keys: steps.map(([key]) => key), parents: steps.map(([, parent]) => parent) }));

  it('covers every step of both runs once, matches only equal keys, and is symmetric', () => {
    fc.assert(
      fc.property(skeleton, skeleton, (a, b) => {
        const pairs = alignSkeletons(a, b);
        expect(
          pairs
            .map(([i]) => i)
            .filter((i) => i >= 0)
            .sort((x, y) => x - y),
        ).toEqual(a.keys.map((_, index) => index));
        expect(
          pairs
            .map(([, j]) => j)
            .filter((j) => j >= 0)
            .sort((x, y) => x - y),
        ).toEqual(b.keys.map((_, index) => index));
        for (const [i, j] of pairs) if (i >= 0 && j >= 0) expect(a.keys[i]).toBe(b.keys[j]);
        const mirrored = alignSkeletons(b, a).map(([i, j]) => `${j}:${i}`);
        expect(mirrored.sort()).toEqual(pairs.map(([i, j]) => `${i}:${j}`).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('aligns the top level as alignKeys does on the keys themselves', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const flat = (list: string[]) => ({ keys: list, parents: list.map(() => -1) });
        expect(alignSkeletons(flat(a), flat(b))).toEqual(alignKeys(a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('comparing two runs', () => {
  const succeeds = fixture('agent-compare/reply-succeeds.json');
  const fails = fixture('agent-compare/reply-fails.json');

  it('finds no difference between a run and itself', () => {
    const items = compare(succeeds, succeeds);
    expect(items.every((item) => item.mark === 'same')).toBe(true);
    const facts = runFacts(succeeds);
    expect(runDifferences(facts, facts, items).every((difference) => difference.direction === 'same')).toBe(true);
  });

  it('aligns the REPLY action by identity and marks its outcome, the added call and the removed embedding', () => {
    const items = compare(succeeds, fails);
    const summary = items.map((item) => `${item.depth}:${(item.a ?? item.b)?.key}:${item.mark}`);
    expect(summary).toEqual([
      '0:run:started:same',
      '0:model:TEXT_SMALL:added',
      '0:model:TEXT_LARGE:text',
      '0:embedding:removed',
      '0:action:REPLY:outcome',
      '1:model:TEXT_LARGE:removed',
      '0:run:ended:same',
    ]);
    const reply = items.find((item) => item.mark === 'outcome');
    expect([reply?.outcomeA?.label, reply?.outcomeB?.label]).toEqual(['completed', 'failed']);
    expect(countMarks(items)).toEqual({ added: 1, removed: 2, outcome: 1, text: 1 });
  });

  it('states the differences up front with their deltas', () => {
    const items = compare(succeeds, fails);
    const differences = runDifferences(runFacts(succeeds), runFacts(fails), items);
    const text = Object.fromEntries(differences.map((difference) => [difference.label, difference.text]));
    expect(text.Duration).toBe('+110 ms (+13%)');
    expect(text.Tokens).toBe('−198 tokens (−11%)');
    expect(text['Model calls']).toBe('2 model calls in both');
    expect(text.REPLY).toBe('completed → failed');
    expect(text.Errors).toBe('0 → 1; new in B: The model returned no text for REPLY');
  });

  it('lists each way an outcome changed once, with its count, and counts the rest in one line', () => {
    // Run A: 20 evaluator checks that passed; run B: the same 20 failing, each with its own error.
    const run = (failed: (index: number) => boolean) =>
      normalizeRun({
        runId: 'r',
        status: 'completed',
        events: Array.from({ length: 20 }, (_, index) => ({
          type: 'EVALUATOR_COMPLETED',
          timestamp: index,
          data: { evaluatorName: `CHECK_${index % 12}`, success: !failed(index), ...(failed(index) ? { error: `broke ${index}` } : {}) },
        })),
      });
    const a = run(() => false);
    const b = run(() => true);
    const differences = runDifferences(runFacts(a), runFacts(b), compare(a, b));
    const outcomes = differences.slice(6);
    // 12 evaluator names, the first 8 twice each: 8 listed with their count, the other 4 steps in one line.
    expect(outcomes.map((difference) => `${difference.label}: ${difference.text}`)).toEqual([
      ...Array.from({ length: 8 }, (_, index) => `CHECK_${index} ended: completed → failed (2 steps)`),
      'Other outcomes: 4 more steps with a different outcome: Next difference goes through them',
    ]);
    expect(differences[1]).toEqual({
      label: 'Errors',
      text: '0 → 20; new in B: broke 0; broke 1; broke 2; and 17 more',
      direction: 'up',
    });
  });

  it('says only the counts when the same error messages come more or less often', () => {
    const run = (count: number) =>
      normalizeRun({
        runId: 'r',
        status: 'completed',
        events: Array.from({ length: count }, (_, index) => ({
          type: 'EMBEDDING_EVENT',
          timestamp: index,
          data: { status: 'failed', error: 'no vector' },
        })),
      });
    const differences = runDifferences(runFacts(run(3)), runFacts(run(1)), compare(run(3), run(1)));
    expect(differences[1]).toEqual({ label: 'Errors', text: '3 → 1', direction: 'down' });
  });

  it('is symmetric: swapping the runs swaps added and removed', () => {
    const forward = countMarks(compare(succeeds, fails));
    const backward = countMarks(compare(fails, succeeds));
    expect(backward).toEqual({ added: forward.removed, removed: forward.added, outcome: forward.outcome, text: forward.text });
  });
});

// --- generated runs ----------------------------------------------------------------------------

const HOSTILE = ['', 'constructor', '__proto__', 'toString', '<img src=x onerror=alert(1)>', '\u0000', '\ud800', 'x'.repeat(5000)];
const name = fc.oneof(fc.constantFrom('REPLY', 'SEARCH', 'TEXT_LARGE', 'TEXT_SMALL', ...HOSTILE), fc.string({ maxLength: 8 }));
const actionId = fc.constantFrom('a1', 'a2', 'a3', '__proto__');
const event = fc.oneof(
  fc.record({ type: fc.constant('RUN_STARTED'), data: fc.constant({}) }),
  fc.record({
    type: fc.constant('RUN_ENDED'),
    data: fc.record({ status: fc.constantFrom('completed', 'failed'), error: fc.option(fc.string(), { nil: undefined }) }),
  }),
  fc.record({ type: fc.constant('ACTION_STARTED'), data: fc.record({ actionId, actionName: name }) }),
  fc.record({
    type: fc.constant('ACTION_COMPLETED'),
    data: fc.record({ actionId, actionName: name, success: fc.boolean(), result: fc.constantFrom(null, { text: 'ok' }) }),
  }),
  fc.record({
    type: fc.constant('MODEL_USED'),
    data: fc.record({
      modelType: name,
      prompt: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE)),
      actionContext: fc.option(fc.record({ actionId }), { nil: undefined }),
    }),
  }),
  fc.record({
    type: fc.oneof(fc.constantFrom('EMBEDDING_EVENT', 'EVALUATOR_COMPLETED', 'constructor'), fc.string({ maxLength: 12 })),
    data: fc.jsonValue({ maxDepth: 2 }),
  }),
);
const timedEvents = fc.array(fc.tuple(event, fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined })), { maxLength: 25 });
const runJson = (events: [unknown, number | undefined][]) => ({
  runId: 'r1',
  status: 'completed',
  events: events.map(([raw, offset]) => ({ ...(raw as object), timestamp: offset === undefined ? undefined : 1_795_000_000_000 + offset })),
});

function readRun(json: unknown): Run | null {
  try {
    return normalizeRun(json);
  } catch (error) {
    if (error instanceof InvalidRunError) return null;
    throw error;
  }
}

describe('comparing generated and hostile runs', () => {
  it('never throws, covers every step of both runs once, and identical runs give zero differences', () => {
    fc.assert(
      fc.property(timedEvents, timedEvents, (first, second) => {
        const a = readRun(runJson(first));
        const b = readRun(runJson(second));
        if (!a || !b) return;
        const items = compare(a, b);
        expect(items.filter((item) => item.a).length).toBe(runSteps(a).length);
        expect(items.filter((item) => item.b).length).toBe(runSteps(b).length);
        for (const item of items) if (item.a && item.b) expect(item.a.key).toBe(item.b.key);
        runDifferences(runFacts(a), runFacts(b), items);
        expect(compare(a, a).every((item) => item.mark === 'same')).toBe(true);
        const forward = countMarks(items);
        const backward = countMarks(compare(b, a));
        expect(backward).toEqual({ added: forward.removed, removed: forward.added, outcome: forward.outcome, text: forward.text });
      }),
      { numRuns: 500 },
    );
    // About 2 s on an idle machine; generous, as the machine is often shared.
  }, 60_000);

  it('pairs the ends of actions without an id by name (the documented shape), earliest open start first', () => {
    const run = fixture('agent-docs/run-documented-example.json');
    const steps = runSteps(run);
    expect(steps.map((step) => [step.key, stepOutcome(step).label, step.durationMs])).toEqual([
      ['action:REPLY', 'completed', 1_200],
      ['model:TEXT_LARGE', 'completed', null],
    ]);
    const twice = normalizeRun({
      runId: 'r',
      status: 'completed',
      events: [
        { type: 'action:started', timestamp: 1, data: { action: 'REPLY' } },
        { type: 'action:started', timestamp: 2, data: { action: 'REPLY' } },
        { type: 'action:completed', timestamp: 5, data: { action: 'REPLY', success: false, error: 'first' } },
        { type: 'action:completed', timestamp: 9, data: { action: 'REPLY', success: true } },
        { type: 'action:completed', timestamp: 10, data: { action: 'SEARCH', success: true } },
      ],
    });
    expect(runSteps(twice).map((step) => [step.key, stepOutcome(step).label, step.durationMs])).toEqual([
      ['action:REPLY', 'failed', 4],
      ['action:REPLY', 'completed', 7],
      // An end that no start without an id is waiting for stays a step of its own.
      ['action:SEARCH', 'completed', null],
    ]);
  });

  it('aligns model calls of the documented shape (`text:large`) with those of 1.7.2 (`TEXT_LARGE`)', () => {
    const items = compare(fixture('agent-docs/run-documented-example.json'), fixture('agent-docs/tokens-run.json'));
    const model = items.find((item) => item.a?.event.kind === 'model');
    expect(model?.b?.key).toBe('model:TEXT_LARGE');
    expect(model?.a?.event.model?.modelType).toBe('text:large');
  });

  it("says a finished run's action that never ended did not finish, and fails it, as the run page does", () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'completed',
      endTime: 9,
      events: [
        { type: 'ACTION_STARTED', timestamp: 1, data: { actionId: 'x', actionName: 'REPLY' } },
        { type: 'RUN_ENDED', timestamp: 9, data: { status: 'completed' } },
      ],
    });
    expect(runSteps(run).map((step) => [step.key, stepOutcome(step), step.durationMs])).toEqual([
      ['action:REPLY', { tone: 'failed', label: 'did not finish' }, 8],
      ['run:ended', { tone: 'ok', label: 'completed' }, null],
    ]);
  });

  it("gives a run's end the tone of its status: a timeout is no success", () => {
    const ended = (status: unknown) =>
      stepOutcome(
        runSteps(normalizeRun({ runId: 'r', status: 'completed', events: [{ type: 'RUN_ENDED', timestamp: 1, data: { status } }] }))[0],
      );
    expect(ended('completed')).toEqual({ tone: 'ok', label: 'completed' });
    expect(ended('timeout')).toEqual({ tone: 'unknown', label: 'timeout' });
    expect(ended('cancelled')).toEqual({ tone: 'unknown', label: 'cancelled' });
    expect(ended(undefined)).toEqual({ tone: 'ok', label: 'ended' });
  });

  it('keeps an action with no end, or an end without a start, as a step with a truthful outcome', () => {
    const run = normalizeRun({
      runId: 'r',
      status: 'started',
      events: [
        { type: 'ACTION_STARTED', timestamp: 1, data: { actionId: 'x', actionName: 'REPLY' } },
        { type: 'ACTION_COMPLETED', timestamp: 2, data: { actionId: 'y', actionName: 'SEARCH', success: false } },
      ],
    });
    expect(runSteps(run).map((step) => [step.key, stepOutcome(step).label])).toEqual([
      ['action:REPLY', 'no end recorded'],
      ['action:SEARCH', 'failed'],
    ]);
  });
});
