import { summarizeEvent } from './event-summary';
import type { Run, RunEvent, TokenCount } from './model';

export interface TimelineRow {
  readonly event: RunEvent;
  /** 1 for events nested under an action (model calls with `actionContext`, the action's end). */
  readonly depth: 0 | 1;
  /** Milliseconds from the run start. */
  readonly offsetMs: number | null;
  /** Actions: start to completion. Model calls: `executionTime`. */
  readonly durationMs: number | null;
  readonly summary: string;
  /** The action row this row is nested under. */
  readonly parentId: string | null;
  /** How many rows are nested under this one. */
  readonly childCount: number;
}

/** A row's one-line summary is written the first time it is read: most rows of a long run never are. */
class Row implements TimelineRow {
  private written: string | null = null;
  constructor(
    readonly event: RunEvent,
    readonly depth: 0 | 1,
    readonly offsetMs: number | null,
    readonly durationMs: number | null,
    readonly parentId: string | null,
    readonly childCount: number,
    private readonly estimate: TokenCount | undefined,
  ) {}

  get summary(): string {
    return (this.written ??= summarizeEvent(this.event, this.durationMs, this.estimate));
  }
}

/**
 * The timeline as a flat list, one row per event, in time order, with the events of an action
 * placed right after its ACTION_STARTED row (as Jaeger nests child spans). A pure function of the
 * run (and of token estimates, for calls that report none), so the list can be virtualised and
 * expansion kept by event id.
 */
export function buildTimelineRows(run: Run, estimates?: ReadonlyMap<string, TokenCount>): TimelineRow[] {
  const start = run.startedAt ?? run.events.find((event) => event.timestamp !== null)?.timestamp ?? null;
  const runEnd = run.endedAt;
  const { topLevel, children, actionEnds } = timelineNesting(run);
  const rows: TimelineRow[] = new Array(run.events.length);
  let at = 0;
  const add = (event: RunEvent, depth: 0 | 1, parentId: string | null, childCount: number) => {
    const offsetMs = start !== null && event.timestamp !== null ? event.timestamp - start : null;
    const durationMs = eventDuration(event, actionEnds, runEnd);
    rows[at++] = new Row(event, depth, offsetMs, durationMs, parentId, childCount, estimates?.get(event.id));
  };
  for (const event of topLevel) {
    const nested = children.get(event.id);
    add(event, 0, null, nested?.length ?? 0);
    if (nested) for (const child of nested) add(child, 1, event.id, 0);
  }
  return rows;
}

/** How the timeline nests a run's events: its rows are each top-level event followed by its children. */
export interface TimelineNesting {
  /** In time order. */
  topLevel: RunEvent[];
  /** The events nested under a top-level action, in time order, by the action's event id. */
  children: Map<string, RunEvent[]>;
  /** Each action's end event, by action id. */
  actionEnds: Map<string, RunEvent>;
}

export function timelineNesting(run: Run): TimelineNesting {
  const actionStarts = new Map<string, RunEvent>();
  const actionEnds = new Map<string, RunEvent>();
  for (const event of run.events) {
    if (event.kind !== 'action' || !event.actionId) continue;
    if (event.phase === 'started' && !actionStarts.has(event.actionId)) actionStarts.set(event.actionId, event);
    if (event.phase === 'ended') actionEnds.set(event.actionId, event);
  }

  const children = new Map<string, RunEvent[]>();
  const topLevel: RunEvent[] = [];
  for (const event of run.events) {
    // Only an event that names an action can nest: most events skip the lookup.
    const parent = event.parentActionId || (event.kind === 'action' && event.phase === 'ended') ? parentOf(event, actionStarts) : null;
    if (parent) {
      const list = children.get(parent.id);
      if (list) list.push(event);
      else children.set(parent.id, [event]);
    } else {
      topLevel.push(event);
    }
  }
  return { topLevel, children, actionEnds };
}

/**
 * Rows nest one level deep, so an event nests only under an action that is itself top level;
 * otherwise (an action inside an action, ids that point at each other or at the event itself)
 * it stays top level rather than vanish from the list.
 */
function parentOf(event: RunEvent, actionStarts: Map<string, RunEvent>): RunEvent | null {
  const parent = claimedParent(event, actionStarts);
  if (!parent || parent === event) return null;
  const grandparent = claimedParent(parent, actionStarts);
  return grandparent === null || grandparent === parent ? parent : null;
}

function claimedParent(event: RunEvent, actionStarts: Map<string, RunEvent>): RunEvent | null {
  if (event.parentActionId) return actionStarts.get(event.parentActionId) ?? null;
  if (event.kind === 'action' && event.phase === 'ended' && event.actionId) {
    const start = actionStarts.get(event.actionId);
    return start && start !== event ? start : null;
  }
  return null;
}

/** Actions: start to completion (to the run's end if unfinished). Model calls: `executionTime`. Else the event's `durationMs`. */
export function eventDuration(event: RunEvent, actionEnds: ReadonlyMap<string, RunEvent>, runEnd: number | null): number | null {
  if (event.model) return event.model.executionTimeMs;
  // An action that did not finish was open until the run ended.
  if (event.didNotFinish) return runEnd !== null && event.timestamp !== null ? Math.max(0, runEnd - event.timestamp) : null;
  if (event.kind === 'action' && event.phase === 'started' && event.actionId) {
    const end = actionEnds.get(event.actionId);
    if (end?.timestamp != null && event.timestamp !== null) return end.timestamp - event.timestamp;
    return null;
  }
  const durationMs = event.data.durationMs;
  return typeof durationMs === 'number' && Number.isFinite(durationMs) ? durationMs : null;
}
