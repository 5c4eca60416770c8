import type { TimeMode } from '../lib/format';
import type { EventKind } from './model';

/**
 * How the timeline is shown. Everything but the time mode lives in the URL (`kind`, `errors`, `q`,
 * `event`), so a copied link reproduces the view; the time mode is a remembered preference.
 */
export interface TimelineView {
  /** Kinds to show; empty means all. */
  kinds: ReadonlySet<EventKind>;
  errorsOnly: boolean;
  /** The search text, as typed. */
  query: string;
  /** The selected event. */
  eventId: string | null;
  timeMode: TimeMode;
}

export type TimelineViewChange = Partial<TimelineView>;

/** The URL parameters a change of view sets (null removes one); the time mode has none. */
export function timelineParams(change: TimelineViewChange): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  if (change.kinds !== undefined) params.kind = [...change.kinds].join(',') || null;
  if (change.errorsOnly !== undefined) params.errors = change.errorsOnly ? '1' : null;
  if (change.query !== undefined) params.q = change.query || null;
  if (change.eventId !== undefined) params.event = change.eventId;
  return params;
}

/** The kinds with `kind` shown if it was hidden, hidden if it was shown. */
export function toggleKind(kinds: ReadonlySet<EventKind>, kind: EventKind): Set<EventKind> {
  const next = new Set(kinds);
  if (!next.delete(kind)) next.add(kind);
  return next;
}
