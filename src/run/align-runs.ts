import { diffArrays } from 'diff';
import type { Run, RunEvent } from './model';
import { statusTone } from './status';
import { eventDuration, timelineNesting } from './timeline-rows';

// Two runs aligned step by step, as a developer reads them side by side: steps are matched by
// identity (kind, action / model / evaluator name, nesting), never by position, with a
// longest-common-subsequence alignment, so one inserted model call shifts nothing after it.

/** One step of a run: an event, or an action from its start to its end, with its nesting. */
export interface RunStep {
  /** What makes two steps "the same step": kind and name (nesting is kept by aligning per parent). */
  key: string;
  /** The first event of the step (ACTION_STARTED for an action). */
  event: RunEvent;
  /** The action's own end event, when it has one. */
  end: RunEvent | null;
  depth: 0 | 1;
  /** Index of the parent step in the same list; -1 at the top level. */
  parent: number;
  durationMs: number | null;
}

export type StepOutcomeTone = 'ok' | 'failed' | 'unknown';

export interface StepOutcome {
  tone: StepOutcomeTone;
  /** Compared between the two runs: a different label is a different outcome. */
  label: string;
}

/**
 * The steps of a run, in timeline order; an action's end event belongs to its start step. Ends
 * pair with starts by action id, or, for producers that send none (the documented shape), by name:
 * an end without an id closes the earliest open start of the same name without one.
 */
export function runSteps(run: Run): RunStep[] {
  // The timeline's nesting, not its rows: a step needs no row (offset, summary) of its own.
  const { topLevel, children, actionEnds } = timelineNesting(run);
  const steps: RunStep[] = [];
  const add = (event: RunEvent, depth: 0 | 1, parent: number) =>
    steps.push({ key: stepKey(event), event, end: null, depth, parent, durationMs: eventDuration(event, actionEnds, run.endedAt) });
  // Started actions without an id, still waiting for their end, by name, earliest first.
  const waiting = new Map<string, RunStep[]>();
  for (const event of topLevel) {
    if (isNamedOnlyAction(event, 'ended')) {
      const start = waiting.get(event.name ?? '')?.shift();
      if (start) {
        start.end = event;
        if (start.event.timestamp !== null && event.timestamp !== null) start.durationMs = event.timestamp - start.event.timestamp;
        continue;
      }
    }
    const index = steps.length;
    add(event, 0, -1);
    if (isNamedOnlyAction(event, 'started') && !event.didNotFinish) {
      const name = event.name ?? '';
      const queue = waiting.get(name);
      if (queue) queue.push(steps[index]);
      else waiting.set(name, [steps[index]]);
    }
    for (const child of children.get(event.id) ?? NO_CHILDREN) {
      if (steps[index].end === null && isEndOf(child, event)) steps[index].end = child;
      else add(child, 1, index);
    }
  }
  return steps;
}

const NO_CHILDREN: readonly RunEvent[] = [];

/** An action's start or end that names no action id (the documented shape): paired by name alone. */
function isNamedOnlyAction(event: RunEvent, phase: 'started' | 'ended'): boolean {
  return event.kind === 'action' && !event.actionId && event.phase === phase;
}

function isEndOf(event: RunEvent, start: RunEvent): boolean {
  return (
    event.kind === 'action' &&
    event.phase === 'ended' &&
    start.kind === 'action' &&
    start.phase === 'started' &&
    event.actionId === start.actionId
  );
}

export function stepKey(event: RunEvent): string {
  switch (event.kind) {
    case 'action':
      return `action:${event.name ?? ''}`;
    case 'model':
      return `model:${modelTypeKey(event.model?.modelType ?? event.name ?? '')}`;
    case 'evaluator':
      return `evaluator:${event.name ?? ''}:${event.phase ?? ''}`;
    case 'run':
      return `run:${event.phase ?? ''}`;
    case 'embedding':
      return 'embedding';
    default:
      return `${event.kind}:${event.type.toLowerCase()}`;
  }
}

/** One model type however a producer writes it: the documented shape's `text:large` is 1.7.2's `TEXT_LARGE`. */
function modelTypeKey(type: string): string {
  return type.toUpperCase().replaceAll(':', '_');
}

/** The outcome a person compares: an action's comes from its end event. */
export function stepOutcome(step: RunStep): StepOutcome {
  const { event } = step;
  if (event.kind === 'action' && event.phase === 'started') {
    // A finished run's action that never ended failed (unfinished.ts); in a running run it may end yet.
    if (!step.end) return event.didNotFinish ? DID_NOT_FINISH : NO_END;
    return endOutcome(step.end);
  }
  if (event.kind === 'run' && event.phase === 'ended') {
    if (event.failed) return FAILED;
    if (typeof event.data.status !== 'string') return ENDED;
    // A run that timed out or was cancelled did not go well either: amber, as its status badge.
    const tone = statusTone(event.data.status);
    return { tone: tone === 'completed' ? 'ok' : tone === 'failed' ? 'failed' : 'unknown', label: event.data.status };
  }
  if (event.phase === 'started') return STARTED;
  return endOutcome(event);
}

function endOutcome(event: RunEvent): StepOutcome {
  if (event.failed) return FAILED;
  if (event.needsOutcomeCheck) return UNVERIFIED;
  return COMPLETED;
}

// Shared, not made per step: both runs' 16,000 steps get theirs in the render that shows the list.
const outcome = (tone: StepOutcomeTone, label: string): StepOutcome => Object.freeze({ tone, label });
const NO_END = outcome('unknown', 'no end recorded');
const DID_NOT_FINISH = outcome('failed', 'did not finish');
const FAILED = outcome('failed', 'failed');
const STARTED = outcome('ok', 'started');
const UNVERIFIED = outcome('unknown', 'unverified');
const COMPLETED = outcome('ok', 'completed');
const ENDED = outcome('ok', 'ended');

// ---------------------------------------------------------------------------------------------
// The alignment itself works on plain keys, so it can run in a worker.

/** What the alignment needs of each run's steps: their keys and parents. */
export interface StepSkeleton {
  keys: string[];
  parents: number[];
}

export function stepSkeleton(steps: RunStep[]): StepSkeleton {
  return { keys: steps.map((step) => step.key), parents: steps.map((step) => step.parent) };
}

/**
 * A skeleton as the worker gets it: each distinct key once, and each step's key (its index in
 * `names`) and parent in typed arrays, so posting two 8,000-step runs copies bytes, not 16,000 keys.
 */
export interface PackedSkeleton {
  names: string[];
  codes: Int32Array;
  parents: Int32Array;
}

export function packSkeleton({ keys, parents }: StepSkeleton): PackedSkeleton {
  const index = new Map<string, number>();
  const names: string[] = [];
  const codes = new Int32Array(keys.length);
  for (let step = 0; step < keys.length; step++) {
    let code = index.get(keys[step]);
    if (code === undefined) {
      code = names.push(keys[step]) - 1;
      index.set(keys[step], code);
    }
    codes[step] = code;
  }
  return { names, codes, parents: Int32Array.from(parents) };
}

/** The prompt of a model call: `prompt`, else what its params carry. */
export function promptText(event: RunEvent): string {
  const params = event.data.params && typeof event.data.params === 'object' ? (event.data.params as Record<string, unknown>) : {};
  return textOf(event.data.prompt ?? params.prompt ?? params.messages ?? params.text);
}

export function responseText(event: RunEvent): string {
  return textOf(event.data.response);
}

export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Pairs of step indexes, `[a, b]`, -1 for a step present in one run only, in reading order: the
 * top-level steps aligned, each matched pair followed by its own children aligned the same way.
 */
export type AlignedPairs = [number, number][];

export function alignSkeletons(a: StepSkeleton, b: StepSkeleton): AlignedPairs {
  const flat = alignSkeletonsFlat(a, b);
  const pairs: AlignedPairs = [];
  for (let index = 0; index < flat.length; index += 2) pairs.push([flat[index], flat[index + 1]]);
  return pairs;
}

/**
 * The same alignment as flat pairs, `[a0, b0, a1, b1, ...]`, which a worker transfers without a
 * copy. Keys become numbers first, ranked in the keys' own order (so the canonical orientation of
 * alignKeys is unchanged): the worker runs this once, on cold code, where fewer strings and
 * objects make it several times faster.
 */
export function alignSkeletonsFlat(a: StepSkeleton, b: StepSkeleton): Int32Array {
  return alignPackedFlat(packSkeleton(a), packSkeleton(b));
}

/** alignSkeletonsFlat on packed skeletons: what the worker runs. */
export function alignPackedFlat(a: PackedSkeleton, b: PackedSkeleton): Int32Array {
  const [codesA, codesB] = keyCodes(a, b);
  const childrenA = childLists(a.parents);
  const childrenB = childLists(b.parents);
  const flat = new Int32Array(2 * (a.codes.length + b.codes.length));
  let at = 0;
  const emit = (i: number, j: number) => {
    flat[at++] = i;
    flat[at++] = j;
  };
  const emitAll = (side: 'a' | 'b', index: number, children: number[][]) => {
    if (side === 'a') emit(index, -1);
    else emit(-1, index);
    for (const child of children[index] ?? NONE) {
      if (side === 'a') emit(child, -1);
      else emit(-1, child);
    }
  };
  for (const [i, j] of alignKeys(
    childrenA.top.map((index) => codesA[index]),
    childrenB.top.map((index) => codesB[index]),
  )) {
    const ai = i >= 0 ? childrenA.top[i] : -1;
    const bj = j >= 0 ? childrenB.top[j] : -1;
    if (ai < 0) emitAll('b', bj, childrenB.of);
    else if (bj < 0) emitAll('a', ai, childrenA.of);
    else {
      emit(ai, bj);
      const kidsA = childrenA.of[ai] ?? NONE;
      const kidsB = childrenB.of[bj] ?? NONE;
      if (sameKeys(kidsA, kidsB, codesA, codesB)) {
        // Most matched actions have the same children: nothing to search for.
        for (let k = 0; k < kidsA.length; k++) emit(kidsA[k], kidsB[k]);
        continue;
      }
      for (const [ci, cj] of alignKeys(
        kidsA.map((index) => codesA[index]),
        kidsB.map((index) => codesB[index]),
      )) {
        emit(ci >= 0 ? kidsA[ci] : -1, cj >= 0 ? kidsB[cj] : -1);
      }
    }
  }
  return flat.slice(0, at);
}

const NONE: number[] = [];

/** Each key as its rank among the keys of both runs: equal keys get equal numbers, in the same order as the keys. */
function keyCodes(a: PackedSkeleton, b: PackedSkeleton): [Int32Array, Int32Array] {
  const ranks = new Map<string, number>();
  [...new Set([...a.names, ...b.names])].sort().forEach((name, rank) => ranks.set(name, rank));
  const ranked = ({ names, codes }: PackedSkeleton) => {
    const rankOf = names.map((name) => ranks.get(name) as number);
    return codes.map((code) => rankOf[code]);
  };
  return [ranked(a), ranked(b)];
}

function sameKeys(kidsA: number[], kidsB: number[], codesA: Int32Array, codesB: Int32Array): boolean {
  if (kidsA.length !== kidsB.length) return false;
  for (let k = 0; k < kidsA.length; k++) if (codesA[kidsA[k]] !== codesB[kidsB[k]]) return false;
  return true;
}

/** Top-level indexes, and the children of each index (one level deep, as timeline rows nest). */
function childLists(parents: Int32Array): { top: number[]; of: number[][] } {
  const top: number[] = [];
  const of: number[][] = [];
  for (let index = 0; index < parents.length; index++) {
    const parent = parents[index];
    // A parent that is not a top-level step before its child would be a malformed skeleton: keep the step, top level.
    if (parent >= 0 && parent < index && parents[parent] < 0) (of[parent] ??= []).push(index);
    else top.push(index);
  }
  return { top, of };
}

/** Beyond this many edits, an exact alignment costs too much: a windowed greedy one is used. */
export const MAX_EXACT_EDITS = 800;
const WINDOW = 64;

/**
 * Longest-common-subsequence alignment of two key lists, as index pairs (-1 for no partner).
 * The common prefix and suffix are matched first; the middle is aligned exactly (Myers' O(ND)
 * diff, as jsdiff implements it) while the runs differ by at most MAX_EXACT_EDITS steps.
 *
 * Symmetric: among equally long alignments the one chosen does not depend on which run is `a`
 * (both orders align the lists in one canonical orientation), so swapping the runs swaps added
 * and removed and changes nothing else. In each stretch without a match, A's steps come first.
 */
export function alignKeys<Key extends string | number>(a: readonly Key[], b: readonly Key[]): AlignedPairs {
  if (!precedes(b, a)) return ordered(alignOriented(a, b));
  return ordered(alignOriented(b, a).map(([j, i]) => [i, j]));
}

/** A canonical order of key lists: shorter first, then by the first differing key. */
function precedes<Key extends string | number>(a: readonly Key[], b: readonly Key[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] < b[index];
  return false;
}

/** Within each stretch of unmatched pairs, A's steps first, then B's. */
function ordered(pairs: AlignedPairs): AlignedPairs {
  const result: AlignedPairs = [];
  let onlyA: AlignedPairs = [];
  let onlyB: AlignedPairs = [];
  const flush = () => {
    result.push(...onlyA, ...onlyB);
    onlyA = [];
    onlyB = [];
  };
  for (const pair of pairs) {
    if (pair[0] >= 0 && pair[1] >= 0) {
      flush();
      result.push(pair);
    } else if (pair[0] >= 0) onlyA.push(pair);
    else onlyB.push(pair);
  }
  flush();
  return result;
}

function alignOriented<Key extends string | number>(a: readonly Key[], b: readonly Key[]): AlignedPairs {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: AlignedPairs = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  if (middleA.length === 0 || middleB.length === 0) {
    for (let i = 0; i < middleA.length; i++) pairs.push([start + i, -1]);
    for (let j = 0; j < middleB.length; j++) pairs.push([-1, start + j]);
  } else {
    const changes = diffArrays(middleA, middleB, { maxEditLength: MAX_EXACT_EDITS });
    const middle = changes ? fromChanges(changes) : windowed(middleA, middleB);
    for (const [i, j] of middle) pairs.push([i >= 0 ? start + i : -1, j >= 0 ? start + j : -1]);
  }
  for (let k = 0; endA + k < a.length; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

function fromChanges(changes: { added: boolean; removed: boolean; count: number }[]): AlignedPairs {
  const pairs: AlignedPairs = [];
  let i = 0;
  let j = 0;
  for (const change of changes) {
    for (let k = 0; k < change.count; k++) {
      if (change.removed) pairs.push([i++, -1]);
      else if (change.added) pairs.push([-1, j++]);
      else pairs.push([i++, j++]);
    }
  }
  return pairs;
}

/** Greedy alignment for very different runs: the nearer of the next matches within a window. */
function windowed<Key extends string | number>(a: readonly Key[], b: readonly Key[]): AlignedPairs {
  const pairs: AlignedPairs = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
      continue;
    }
    const inB = findWithin(b, a[i], j + 1);
    const inA = findWithin(a, b[j], i + 1);
    const skipB = inB >= 0 ? inB - j : Infinity;
    const skipA = inA >= 0 ? inA - i : Infinity;
    if (inA < 0 && inB < 0) {
      pairs.push([i++, -1], [-1, j++]);
    } else if (skipB <= skipA) {
      while (j < inB) pairs.push([-1, j++]);
    } else {
      while (i < inA) pairs.push([i++, -1]);
    }
  }
  while (i < a.length) pairs.push([i++, -1]);
  while (j < b.length) pairs.push([-1, j++]);
  return pairs;
}

function findWithin<Key extends string | number>(list: readonly Key[], value: Key, from: number): number {
  const end = Math.min(list.length, from + WINDOW);
  for (let index = from; index < end; index++) if (list[index] === value) return index;
  return -1;
}
