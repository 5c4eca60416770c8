import type { EventKind } from './model';
import type { TimelineRow } from './timeline-rows';

// Which timeline rows a filter keeps. Non-matching events are hidden, not dimmed.

export interface TimelineFilter {
  /** Kinds to show; empty means all. */
  kinds: ReadonlySet<EventKind>;
  errorsOnly: boolean;
  /** Event ids matching the text search; null when there is no search. */
  searchMatches: ReadonlySet<string> | null;
}

export const ALL_KINDS: EventKind[] = ['run', 'action', 'model', 'evaluator', 'embedding', 'error', 'unknown'];

export function isFiltering(filter: TimelineFilter): boolean {
  return filter.kinds.size > 0 || filter.errorsOnly || filter.searchMatches !== null;
}

export function filterRows(rows: TimelineRow[], filter: TimelineFilter): TimelineRow[] {
  if (!isFiltering(filter)) return rows;
  return rows.filter(
    ({ event }) =>
      (filter.kinds.size === 0 || filter.kinds.has(event.kind)) &&
      (!filter.errorsOnly || event.failed) &&
      (filter.searchMatches === null || filter.searchMatches.has(event.id)),
  );
}

/** How many events of each kind the run has, for the filter buttons. */
export function countKinds(rows: TimelineRow[]): Record<EventKind, number> {
  const counts = Object.fromEntries(ALL_KINDS.map((kind) => [kind, 0])) as Record<EventKind, number>;
  for (const { event } of rows) counts[event.kind]++;
  return counts;
}

/** `kind=model,action` from the URL; unknown names are ignored. */
export function parseKinds(value: string | null): Set<EventKind> {
  const kinds = new Set<EventKind>();
  for (const name of value?.split(',') ?? []) if ((ALL_KINDS as string[]).includes(name)) kinds.add(name as EventKind);
  return kinds;
}
