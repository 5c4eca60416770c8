import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventDetails } from './event-details';
import { RunSummary } from './run-summary';
import { Timeline, type TimelineProps } from './timeline';
import { TimelineItem } from './timeline-item';
import { TokenUsagePanel } from './token-usage-panel';
import { formatAbsolute, formatCost, formatDuration, formatNumber, formatOffset, formatRelative, isoTime } from '../lib/format';
import type { Run } from '../run/model';
import { InvalidRunError, normalizeRun } from '../run/normalize';
import { collectErrors } from '../run/run-errors';
import { countRun, runDuration } from '../run/run-stats';
import { deriveStatus, isUnknownRunPlaceholder } from '../run/status';
import { loadSample, sampleFiles } from '../run/test-samples';
import { buildTimelineRows } from '../run/timeline-rows';
import { estimateInputs, estimateTokens } from '../run/token-estimate';
import { tokenUsage } from '../run/token-usage';
import { buildWaterfall } from '../run/waterfall';

// Bad data never breaks the page: whatever JSON a server sends, normalizeRun either throws
// InvalidRunError or returns a Run that every render path (the pure functions and the real
// components, rendered to a string with every payload open) handles without throwing.

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const TONES = new Set(['running', 'completed', 'failed', 'timeout', 'cancelled', 'other']);
// 3,200 generated cases in all by default; PROPERTY_SCALE=3 (or more) for a deeper search. Rendering
// dominates (React's development build, which also reports duplicate keys): about 2 ms for a
// generated run, 15 ms for a mutated real sample, and several times that on a busy 2-core machine.
const SCALE = Math.max(1, Number(process.env.PROPERTY_SCALE) || 1);
const RUNS = { anyJson: 1000 * SCALE, shaped: 1200 * SCALE, mutated: 1000 * SCALE };

// --- what must hold for any accepted run ------------------------------------------------------

/** Runs `run` through every render path; returns the HTML. Throws when anything breaks. */
function renderEverywhere(run: Run): string {
  const status = deriveStatus(run);
  expect(TONES.has(status.tone), `tone ${String(status.tone)}`).toBe(true);
  expect(typeof status.label).toBe('string');
  isUnknownRunPlaceholder(run);
  const counts = countRun(run);
  for (const value of Object.values(counts)) expect(Number.isInteger(value)).toBe(true);
  const errors = collectErrors(run);
  // A cheap stand-in for the BPE tokenizer: the estimate's shape matters here, not its value.
  const estimates = estimateTokens(estimateInputs(run), (text) => Math.ceil(text.length / 4));
  const rows = buildTimelineRows(run, estimates);
  // Every event is on the timeline exactly once, whatever its ids say.
  expect(rows.map((row) => row.event.id).sort()).toEqual(run.events.map((event) => event.id).sort());
  const tokens = tokenUsage(run, estimates);
  const durationMs = runDuration(run, NOW);

  // lib/format on every number the page shows.
  formatDuration(durationMs);
  for (const time of [run.startedAt, run.endedAt, ...run.events.map((event) => event.timestamp)]) {
    if (time === null) continue;
    formatAbsolute(time, 'UTC');
    formatRelative(time, NOW);
    isoTime(time);
  }
  for (const row of rows) {
    formatOffset(row.offsetMs);
    formatDuration(row.durationMs);
  }
  if (tokens.totals) [tokens.totals.prompt, tokens.totals.completion, tokens.totals.total].forEach(formatNumber);
  if (tokens.cost !== null) formatCost(tokens.cost);

  const waterfall = buildWaterfall(run, rows);
  const timeline: TimelineProps = {
    rows,
    expanded: new Set(rows.slice(0, 2).map((row) => row.event.id)),
    selectedId: rows[0]?.event.id ?? null,
    reveal: null,
    timeMode: 'relative',
    waterfall,
    estimates,
    onToggle: () => {},
    onSelect: () => {},
  };
  // The timeline is virtualised (a server render has only its first rows), so every row is also
  // rendered on its own, its payload open, in each time mode.
  const items = rows.map((row, index) =>
    createElement(TimelineItem, {
      key: row.event.id,
      ref: null,
      index,
      setSize: rows.length,
      top: 0,
      row,
      expanded: true,
      selected: false,
      timeMode: (['relative', 'local', 'utc'] as const)[index % 3],
      estimate: estimates.get(row.event.id),
      waterfall,
      onToggle: () => {},
      onSelect: () => {},
    }),
  );
  return renderToString(
    createElement(
      Fragment,
      null,
      createElement(RunSummary, { run, status, counts, errors, tokens, durationMs, now: NOW }),
      createElement(Timeline, timeline),
      createElement('ol', null, items),
      // An open row's payload views load lazily in the page (a server render shows their fallback): rendered here directly.
      ...rows.map((row) => createElement(EventDetails, { key: row.event.id, event: row.event, estimate: estimates.get(row.event.id) })),
      createElement(TokenUsagePanel, { usage: tokens, estimating: false }),
    ),
  );
}

/** normalizeRun, then render; counts how often the input was accepted. */
function check(json: unknown, tally: { accepted: number; rejected: number }): void {
  let run: Run;
  try {
    run = normalizeRun(json, 'agent-1');
  } catch (error) {
    if (!(error instanceof InvalidRunError)) throw error;
    expect(typeof error.message).toBe('string');
    tally.rejected++;
    return;
  }
  tally.accepted++;
  const html = renderEverywhere(run);
  // Data is text, never markup: no element the components do not make themselves.
  expect(html).not.toMatch(/<(script|img|iframe|svg|a href="javascript)/i);
}

// --- generators ---------------------------------------------------------------------------

const HUGE = [
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  -(Number.MAX_SAFE_INTEGER + 2),
  8.64e15 + 1,
  -8.64e15 - 1,
  5e-324,
  -0,
  0,
  -1,
  0.5,
];
const HOSTILE = [
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'CONSTRUCTOR',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '&lt;b&gt;',
  '\u202Egnp.exe',
  'a\u200Bb\u200D',
  '\n'.repeat(10),
  'x'.repeat(3000),
  '[array]',
  'error',
  'failed',
  'started',
  'completed',
  'timeout',
  'TEXT_EMBEDDING',
  'TEXT_LARGE',
];
const TYPES = [
  'RUN_STARTED',
  'RUN_ENDED',
  'ACTION_STARTED',
  'ACTION_COMPLETED',
  'MODEL_USED',
  'EVALUATOR_COMPLETED',
  'EMBEDDING_EVENT',
  'run:started',
  'action:completed',
  'model:used',
  'TOOL_ERROR',
  'CUSTOM_THING',
];

const hugeNumber = fc.constantFrom(...HUGE);
const hostileString = fc.constantFrom(...HOSTILE);
const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  hugeNumber,
  hostileString,
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** Mostly a plausible value, sometimes anything. */
const usually = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 5 }, { arbitrary: weird, weight: 1 });
/** For fields the schema checks: anything now and then, so most runs get past it to the render paths. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 100 }, { arbitrary: weird, weight: 1 });

// A small pool, so ids collide and refer to each other (duplicate ids, cycles).
const id = fc.constantFrom('a1', 'a2', 'a3', 'constructor', '__proto__');
const time = fc.oneof(
  { arbitrary: fc.integer({ min: 1_795_000_000_000, max: 1_796_000_000_000 }), weight: 4 },
  { arbitrary: hugeNumber, weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
);
const text = fc.oneof(hostileString, fc.string({ maxLength: 20 }));
const count = fc.oneof(fc.nat(10_000), hugeNumber);
const usage = fc.record(
  { prompt_tokens: count, completion_tokens: count, total_tokens: count, inputTokens: count, outputTokens: count, cost: count },
  { requiredKeys: [] },
);
const eventData = fc.record(
  {
    actionId: usually(id),
    actionName: usually(text),
    action: usually(text),
    evaluatorName: usually(text),
    success: usually(fc.boolean()),
    result: weird,
    error: usually(fc.oneof(text, fc.record({ message: text }))),
    status: usually(text),
    source: usually(text),
    modelType: usually(fc.constantFrom('TEXT_SMALL', 'TEXT_LARGE', 'TEXT_EMBEDDING', 'OBJECT_SMALL')),
    provider: usually(text),
    executionTime: usually(count),
    durationMs: usually(count),
    actionContext: usually(fc.record({ actionId: usually(id), actionName: usually(text) })),
    usage: usually(usage),
    tokens: usually(fc.record({ prompt: count, completion: count }, { requiredKeys: [] })),
    inputTokens: usually(count),
    outputTokens: usually(count),
    cost: usually(count),
    prompt: usually(text),
    response: usually(text),
    params: weird,
    memoryId: usually(id),
  },
  { requiredKeys: [] },
);
const event = fc.oneof(
  {
    arbitrary: fc.record(
      { type: rarely(fc.oneof(fc.constantFrom(...TYPES), text)), timestamp: rarely(fc.option(time)), data: usually(eventData) },
      { requiredKeys: ['type'] },
    ),
    weight: 100,
  },
  // Events that are not objects, or objects without a type.
  { arbitrary: weird, weight: 1 },
);
const events = rarely(fc.array(event, { maxLength: 10 }));
const status = rarely(
  fc.oneof(fc.constantFrom('started', 'completed', 'failed', 'timeout', 'error', 'self', 'constructor', '__proto__'), text),
);

const elizaShape = fc.record(
  {
    summary: rarely(
      fc.record(
        {
          runId: rarely(fc.oneof(id, text)),
          status,
          startedAt: rarely(time),
          endedAt: rarely(time),
          durationMs: rarely(count),
          roomId: rarely(id),
          messageId: rarely(id),
          counts: rarely(fc.record({ actions: count, modelCalls: count, errors: count, evaluators: count }, { requiredKeys: [] })),
        },
        { requiredKeys: ['runId', 'status'] },
      ),
    ),
    events,
  },
  { requiredKeys: ['summary', 'events'] },
);
const documentedShape = fc.record(
  {
    runId: rarely(fc.oneof(id, text)),
    agentId: rarely(id),
    roomId: rarely(id),
    startTime: rarely(time),
    endTime: rarely(time),
    status,
    events,
    tokensUsed: rarely(fc.record({ promptTokens: count, completionTokens: count, totalTokens: count }, { requiredKeys: [] })),
    errors: rarely(fc.array(weird, { maxLength: 3 })),
  },
  { requiredKeys: ['runId', 'status', 'events'] },
);
const shapedRun = fc.oneof(
  elizaShape,
  elizaShape.map((data) => ({ success: true, data })),
  documentedShape,
  // data that is not an object
  weird.map((data) => ({ success: true, data })),
);

// Mutations of the real captured samples and the e2e fixture runs.
const FIXTURES_DIR = join(import.meta.dirname, '../../e2e/fixtures/runs');
const fixtureRuns = readdirSync(FIXTURES_DIR, { recursive: true, encoding: 'utf8' })
  .filter(
    (file) =>
      file.endsWith('.json') && !/(agent|broken|not-a-run)\.json$/.test(file) && !file.includes('logs') && !file.includes('memories'),
  )
  .map((file) => JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8')) as unknown);
const SAMPLES = [
  ...sampleFiles()
    .filter((file) => !file.includes('runs-list') && !file.includes('memories'))
    .map(loadSample),
  ...fixtureRuns,
];

type Mutation =
  | { op: 'delete' | 'null'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'duplicate-event' | 'drop-event'; at: number }
  | { op: 'event-time'; at: number; value: unknown }
  | { op: 'event-type'; at: number; value: string }
  | { op: 'event-data'; at: number; value: unknown }
  | { op: 'event-not-object'; at: number; value: unknown };

const at = fc.nat(10_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'null' as const), at }),
  fc.record({ op: fc.constant('replace' as const), at, value: weird }),
  fc.record({ op: fc.constantFrom('duplicate-event' as const, 'drop-event' as const), at }),
  fc.record({ op: fc.constant('event-time' as const), at, value: fc.oneof(time, weird) }),
  fc.record({ op: fc.constant('event-type' as const), at, value: fc.oneof(fc.constantFrom(...TYPES), text) }),
  fc.record({
    op: fc.constant('event-data' as const),
    at,
    value: fc.oneof(fc.array(weird, { maxLength: 3 }), text, fc.constant(null), eventData),
  }),
  fc.record({ op: fc.constant('event-not-object' as const), at, value: weird }),
);
const mutatedSample = fc.tuple(fc.nat(SAMPLES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([index, mutations]) => {
  const json = structuredClone(SAMPLES[index]);
  for (const change of mutations) mutate(json, change);
  return json;
});

/** Every [container, key] pair in a JSON value, depth first. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (value === null || typeof value !== 'object') return out;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    out.push([value as Record<string, unknown>, key]);
    slots((value as Record<string | number, unknown>)[key], out);
  }
  return out;
}

function eventsOf(json: unknown): unknown[] | null {
  const record = json as { data?: { events?: unknown }; events?: unknown } | null;
  const list = record?.data?.events ?? record?.events;
  return Array.isArray(list) ? list : null;
}

function mutate(json: unknown, change: Mutation): void {
  if (change.op === 'delete' || change.op === 'null' || change.op === 'replace') {
    const all = slots(json);
    if (all.length === 0) return;
    const [container, key] = all[change.at % all.length];
    if (change.op === 'replace') (container as Record<string | number, unknown>)[key] = change.value;
    else if (change.op === 'null') (container as Record<string | number, unknown>)[key] = null;
    else if (Array.isArray(container)) container.splice(key as number, 1);
    else delete container[key as string];
    return;
  }
  const list = eventsOf(json);
  if (!list || list.length === 0) return;
  const index = change.at % list.length;
  const target = list[index] as Record<string, unknown> | null;
  switch (change.op) {
    case 'duplicate-event':
      list.splice(index, 0, structuredClone(target));
      break;
    case 'drop-event':
      list.splice(index, 1);
      break;
    case 'event-not-object':
      list[index] = change.value;
      break;
    default:
      if (target === null || typeof target !== 'object') return;
      if (change.op === 'event-time') target.timestamp = change.value;
      if (change.op === 'event-type') target.type = change.value;
      if (change.op === 'event-data') target.data = change.value;
  }
}

// --- the properties -------------------------------------------------------------------------

describe('normalizeRun on bad data', { timeout: 90_000 * SCALE }, () => {
  // React reports broken markup (duplicate keys, functions as children) on console.error.
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('any JSON value: throws only InvalidRunError, and what it returns renders', () => {
    const tally = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.jsonValue(), (json) => check(json, tally)),
      { numRuns: RUNS.anyJson },
    );
    expect(tally.rejected).toBeGreaterThan(RUNS.anyJson / 2);
    console.info(`any JSON: ${tally.accepted} accepted, ${tally.rejected} refused`);
  });

  it('run-shaped JSON with hostile values: throws only InvalidRunError, and what it returns renders', () => {
    const tally = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(shapedRun, (json) => check(json, tally)),
      { numRuns: RUNS.shaped },
    );
    // The generator must reach the render paths, not only the schema's refusals.
    expect(tally.accepted).toBeGreaterThan(RUNS.shaped / 2);
    console.info(`run-shaped: ${tally.accepted} accepted, ${tally.rejected} refused`);
  });

  it('mutated real samples: throws only InvalidRunError, and what it returns renders', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(10);
    const tally = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(mutatedSample, (json) => check(json, tally)),
      { numRuns: RUNS.mutated },
    );
    expect(tally.accepted).toBeGreaterThan(RUNS.mutated / 4);
    console.info(`mutated samples: ${tally.accepted} accepted, ${tally.rejected} refused`);
  });
});

// Counterexamples the properties found, kept as plain examples.
describe('regressions found by the properties', () => {
  const documented = (events: unknown[], extra: Record<string, unknown> = {}) => ({ runId: 'r', status: 'completed', events, ...extra });
  const tally = { accepted: 0, rejected: 0 };

  it('reads a status or event type named like an Object.prototype member as unknown', () => {
    for (const name of ['constructor', 'CONSTRUCTOR', '__proto__', 'toString', 'hasOwnProperty']) {
      const run = normalizeRun(documented([{ type: name, timestamp: 1, data: {} }], { status: name }));
      expect(run.events[0].kind).toBe('unknown');
      expect(deriveStatus(run)).toEqual({ tone: 'other', label: name, reason: null });
      check(documented([{ type: name, timestamp: 1, data: {} }], { status: name }), tally);
    }
  });

  it('keeps actions that claim to be inside themselves or each other on the timeline', () => {
    const started = (actionId: string, parent: string) => ({
      type: 'ACTION_STARTED',
      timestamp: 1,
      data: { actionId, actionContext: { actionId: parent } },
    });
    for (const events of [
      [started('a2', 'a2'), started('a2', 'a2'), { type: 'MODEL_USED', timestamp: 2, data: { actionContext: { actionId: 'a2' } } }],
      [started('a1', 'a2'), started('a2', 'a1')],
      [
        started('a1', 'a2'),
        started('a2', 'a3'),
        started('a3', 'none'),
        { type: 'MODEL_USED', timestamp: 2, data: { actionContext: { actionId: 'a1' } } },
      ],
    ]) {
      const run = normalizeRun(documented(events));
      expect(buildTimelineRows(run)).toHaveLength(events.length);
      check(documented(events), tally);
    }
  });

  it('shows times no Date can hold as invalid instead of throwing', () => {
    const json = documented(
      [
        { type: 'RUN_STARTED', timestamp: -1e308, data: {} },
        { type: 'RUN_ENDED', timestamp: 1e308, data: { durationMs: 1e308 } },
      ],
      {
        startTime: 8.64e15 + 1,
        endTime: 1e308,
        tokensUsed: { promptTokens: 1e308, completionTokens: 1e308 },
      },
    );
    const html = renderEverywhere(normalizeRun(json));
    expect(html).toContain('invalid time');
  });

  it('reads an error object too deep for JSON.stringify', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const json = documented(
      [
        { type: 'RUN_ENDED', timestamp: 1, data: { error: deep } },
        { type: 'MODEL_USED', timestamp: 2, data: { params: deep } },
      ],
      { errors: [deep] },
    );
    const run = normalizeRun(json);
    expect(deriveStatus(run).tone).toBe('failed');
    expect(estimateInputs(run)).toHaveLength(1);
    renderEverywhere(run);
  });

  it('turns any unexpected failure inside into InvalidRunError', () => {
    const hostile = documented([]);
    Object.defineProperty(hostile, 'status', {
      enumerable: true,
      get: () => {
        throw new TypeError('boom');
      },
    });
    expect(() => normalizeRun(hostile)).toThrow(InvalidRunError);
    expect(() => normalizeRun(hostile)).toThrow('The run could not be read (TypeError: boom).');
  });
});
