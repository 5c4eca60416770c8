import type { Run } from './model';
import type { TimelineRow } from './timeline-rows';

export interface Span {
  /** Fractions of the run's time window, 0..1. */
  left: number;
  width: number;
}

export interface Waterfall {
  start: number;
  end: number;
  spanOf(row: TimelineRow): Span | null;
}

/**
 * Where each row sits in the run's time: a model call spans [timestamp - executionTime,
 * timestamp], an action its start to its completion, any other event is an instant.
 */
export function buildWaterfall(run: Run, rows: TimelineRow[]): Waterfall | null {
  let start = run.startedAt ?? Infinity;
  let end = run.endedAt ?? -Infinity;
  for (const row of rows) {
    const ts = row.event.timestamp;
    if (ts === null) continue;
    const [from, to] = bounds(row, ts);
    if (from < start) start = from;
    if (to > end) end = to;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const length = Math.max(end - start, 1);
  return {
    start,
    end,
    spanOf(row) {
      const ts = row.event.timestamp;
      if (ts === null) return null;
      const [from, to] = bounds(row, ts);
      return { left: (from - start) / length, width: (to - from) / length };
    },
  };
}

function bounds(row: TimelineRow, ts: number): [number, number] {
  if (row.event.model && row.durationMs !== null) return [ts - row.durationMs, ts];
  if (row.event.kind === 'action' && row.event.phase === 'started' && row.durationMs !== null) return [ts, ts + row.durationMs];
  return [ts, ts];
}
