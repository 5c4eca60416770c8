import { formatDuration, formatNumber } from '../lib/format';
import { promptText, responseText, stepOutcome, type AlignedPairs, type RunStep, type StepOutcome } from './align-runs';
import type { Run, TokenCount } from './model';
import { collectErrors } from './run-errors';
import { countRun, runDuration } from './run-stats';
import { deriveStatus } from './status';
import { tokenTotals } from './token-usage';

/** How an aligned item differs: only in A (removed), only in B (added), outcome, or prompt text. */
export type AlignedMark = 'same' | 'added' | 'removed' | 'outcome' | 'text';

export interface AlignedItem {
  /**
   * The ids of its events, A's then B's (`<a>.<b>`, one side empty for a step in one run only): a
   * `?step=` link still names the same step after either run gains an earlier event.
   */
  id: string;
  /** The step indexes on each side (-1: none), which old links (`?step=3:4`) named. */
  pair: [number, number];
  a: RunStep | null;
  b: RunStep | null;
  depth: 0 | 1;
  mark: AlignedMark;
  outcomeA: StepOutcome | null;
  outcomeB: StepOutcome | null;
}

export function alignedItems(stepsA: RunStep[], stepsB: RunStep[], pairs: AlignedPairs): AlignedItem[] {
  return pairs.map(([i, j]) => {
    const a = i >= 0 ? (stepsA[i] ?? null) : null;
    const b = j >= 0 ? (stepsB[j] ?? null) : null;
    const outcomeA = a ? stepOutcome(a) : null;
    const outcomeB = b ? stepOutcome(b) : null;
    return {
      id: `${a?.event.id ?? ''}.${b?.event.id ?? ''}`,
      pair: [i, j],
      a,
      b,
      depth: (a ?? b)?.depth ?? 0,
      mark: markOf(a, b, outcomeA, outcomeB),
      outcomeA,
      outcomeB,
    };
  });
}

/** Old `?step=` links named a step by its indexes on each side: `3:4`, `-1:2`. */
const LEGACY_STEP_ID = /^(-1|\d{1,9}):(-1|\d{1,9})$/;

export function isLegacyStepId(id: string): boolean {
  return LEGACY_STEP_ID.test(id);
}

/** The id a `?step=` link names today: an old one (`3:4`, step indexes) becomes its item's id. */
export function resolveStepId(items: readonly AlignedItem[], requested: string): string {
  const legacy = LEGACY_STEP_ID.exec(requested);
  if (!legacy) return requested;
  const [i, j] = [Number(legacy[1]), Number(legacy[2])];
  return items.find((item) => item.pair[0] === i && item.pair[1] === j)?.id ?? requested;
}

function markOf(a: RunStep | null, b: RunStep | null, outcomeA: StepOutcome | null, outcomeB: StepOutcome | null): AlignedMark {
  if (!a) return 'added';
  if (!b) return 'removed';
  if (outcomeA?.label !== outcomeB?.label) return 'outcome';
  if (!a.event.model || !b.event.model) return 'same';
  return promptText(a.event) === promptText(b.event) && responseText(a.event) === responseText(b.event) ? 'same' : 'text';
}

export const isDifference = (item: AlignedItem) => item.mark !== 'same';

export interface MarkCounts {
  added: number;
  removed: number;
  outcome: number;
  text: number;
}

export function countMarks(items: AlignedItem[]): MarkCounts {
  const counts: MarkCounts = { added: 0, removed: 0, outcome: 0, text: 0 };
  for (const item of items) if (item.mark !== 'same') counts[item.mark]++;
  return counts;
}

/** The name a person knows a step by: "REPLY", "TEXT_LARGE", "Run ended". */
export function stepName(step: RunStep): string {
  const { event } = step;
  if (event.kind === 'run') return event.phase === 'started' ? 'Run started' : 'Run ended';
  if (event.kind === 'embedding') return 'Embedding';
  if (event.kind === 'evaluator') return `${event.name ?? 'evaluator'} ${event.phase === 'started' ? 'started' : 'ended'}`;
  return event.name ?? event.model?.modelType ?? event.type;
}

// ---------------------------------------------------------------------------------------------
// The differences up front.

export interface RunFacts {
  status: string;
  durationMs: number | null;
  tokens: TokenCount | null;
  tokensEstimated: boolean;
  modelCalls: number;
  actions: number;
  events: number;
  errors: string[];
}

export function runFacts(run: Run, estimates?: ReadonlyMap<string, TokenCount>, now?: number): RunFacts {
  const counts = countRun(run);
  const tokens = tokenTotals(run, estimates);
  return {
    status: deriveStatus(run).label,
    durationMs: runDuration(run, now),
    tokens: tokens.totals,
    tokensEstimated: tokens.estimated,
    modelCalls: counts.modelCalls,
    actions: counts.actions,
    events: counts.events,
    errors: collectErrors(run).map((error) => error.message),
  };
}

export type Direction = 'up' | 'down' | 'same' | 'changed';

export interface Difference {
  /** What is compared, e.g. "Tokens", or "REPLY" for an action whose outcome changed. */
  label: string;
  /** One line a person reads: "+1,204 tokens (+38%)", "completed → failed". */
  text: string;
  direction: Direction;
}

/** How the aligned steps differ, in words; the differences list and the Markdown say the same. */
export function stepsDifferenceText(marks: MarkCounts): string {
  if (!stepsDiffer(marks)) return 'the same in both: none added, removed or changed';
  return `${formatNumber(marks.added)} added, ${formatNumber(marks.removed)} removed, ${formatNumber(marks.outcome)} with a different outcome, ${formatNumber(marks.text)} with a changed prompt or response`;
}

export function stepsDiffer(marks: MarkCounts): boolean {
  return marks.added + marks.removed + marks.outcome + marks.text > 0;
}

/** Status, errors, duration, tokens, model calls, actions and changed action outcomes, A to B. */
export function runDifferences(a: RunFacts, b: RunFacts, items: AlignedItem[]): Difference[] {
  const differences: Difference[] = [];
  differences.push(
    a.status === b.status
      ? { label: 'Status', text: `${a.status} in both`, direction: 'same' }
      : { label: 'Status', text: `${a.status} → ${b.status}`, direction: 'changed' },
  );
  differences.push(errorDifference(a.errors, b.errors));
  differences.push(numberDelta('Duration', a.durationMs, b.durationMs, (value) => formatDuration(value), ''));
  const estimated = a.tokensEstimated || b.tokensEstimated ? ' (estimated)' : '';
  differences.push(numberDelta(`Tokens${estimated}`, a.tokens?.total ?? null, b.tokens?.total ?? null, formatNumber, ' tokens'));
  differences.push(numberDelta('Model calls', a.modelCalls, b.modelCalls, formatNumber, ' model calls'));
  differences.push(numberDelta('Actions', a.actions, b.actions, formatNumber, ' actions'));
  // Each way a step's outcome changed once, with how many steps changed so: a long run's hundreds of
  // failed embeddings must not push everything else off the screen.
  const changes = new Map<string, { label: string; text: string; steps: number }>();
  for (const item of items) {
    if (item.mark !== 'outcome' || !item.a || !item.outcomeA || !item.outcomeB) continue;
    const label = stepName(item.a);
    const text = `${item.outcomeA.label} → ${item.outcomeB.label}`;
    const change = changes.get(`${label}\n${text}`);
    if (change) change.steps++;
    else changes.set(`${label}\n${text}`, { label, text, steps: 1 });
  }
  const listed = [...changes.values()];
  for (const { label, text, steps } of listed.slice(0, MAX_OUTCOME_CHANGES))
    differences.push({ label, text: steps > 1 ? `${text} (${formatNumber(steps)} steps)` : text, direction: 'changed' });
  const more = listed.slice(MAX_OUTCOME_CHANGES).reduce((sum, change) => sum + change.steps, 0);
  if (more > 0)
    differences.push({
      label: 'Other outcomes',
      text: `${formatNumber(more)} more ${more === 1 ? 'step' : 'steps'} with a different outcome: Next difference goes through them`,
      direction: 'changed',
    });
  return differences;
}

/** Ways a step's outcome changed, listed one per line; the rest are counted in one. */
const MAX_OUTCOME_CHANGES = 8;
/** Error messages named per side; the rest are counted. */
const MAX_ERRORS_NAMED = 3;

function errorDifference(a: string[], b: string[]): Difference {
  const same = a.length === b.length && a.every((message, index) => message === b[index]);
  if (same)
    return {
      label: 'Errors',
      text: a.length === 0 ? 'none in either run' : `the same ${a.length === 1 ? 'error' : `${a.length} errors`} in both`,
      direction: 'same',
    };
  const inA = new Set(a);
  const inB = new Set(b);
  const onlyB = [...inB].filter((message) => !inA.has(message));
  const onlyA = [...inA].filter((message) => !inB.has(message));
  const parts = [onlyB.length ? `new in B: ${someOf(onlyB)}` : null, onlyA.length ? `gone in B: ${someOf(onlyA)}` : null].filter(Boolean);
  return {
    label: 'Errors',
    text: `${a.length} → ${b.length}${parts.length ? `; ${parts.join('; ')}` : ''}`,
    direction: b.length > a.length ? 'up' : b.length < a.length ? 'down' : 'changed',
  };
}

/** The first few distinct messages, then how many more. */
function someOf(messages: string[]): string {
  const named = messages.slice(0, MAX_ERRORS_NAMED).join('; ');
  const more = messages.length - MAX_ERRORS_NAMED;
  return more > 0 ? `${named}; and ${formatNumber(more)} more` : named;
}

/** "+1,204 tokens (+38%)"; a figure missing on one side says so. */
export function numberDelta(
  label: string,
  a: number | null,
  b: number | null,
  format: (value: number) => string,
  unit: string,
): Difference {
  if (a === null || b === null) {
    const text =
      a === null && b === null
        ? 'not known for either run'
        : `${a === null ? 'not known' : format(a)} → ${b === null ? 'not known' : format(b)}`;
    return { label, text, direction: a === b ? 'same' : 'changed' };
  }
  const delta = b - a;
  if (delta === 0) return { label, text: `${format(a)}${units(a, unit)} in both`, direction: 'same' };
  const sign = delta > 0 ? '+' : '−';
  const percent = a !== 0 ? ` (${sign}${formatNumber(Math.round((Math.abs(delta) / Math.abs(a)) * 100))}%)` : '';
  return {
    label,
    text: `${sign}${format(Math.abs(delta))}${units(Math.abs(delta), unit)}${percent}`,
    direction: delta > 0 ? 'up' : 'down',
  };
}

/** " tokens" for 2, " token" for 1. */
function units(value: number, unit: string): string {
  return value === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

export interface StepTokens {
  total: number;
  estimated: boolean;
}

/** A model call's tokens as reported, else as estimated; null for other steps or when unknown. */
export function stepTokens(step: RunStep, estimates?: ReadonlyMap<string, TokenCount>): StepTokens | null {
  const model = step.event.model;
  if (!model) return null;
  if (model.usage) return { total: model.usage.total, estimated: false };
  const estimate = estimates?.get(step.event.id);
  return estimate ? { total: estimate.total, estimated: true } : null;
}

/** The error a step ended with: its own, or its action's end event's. */
export function stepError(step: RunStep): string | null {
  return step.end?.error ?? step.event.error;
}
