import type { TimelineRow } from '../run/timeline-rows';
import { TimelineItem } from './timeline-item';

interface TimelineProps {
  rows: TimelineRow[];
  expanded: ReadonlySet<string>;
  onToggle: (eventId: string) => void;
}

/** The run's events as an ordered list; rows come from buildTimelineRows, expansion is keyed by event id. */
export function Timeline({ rows, expanded, onToggle }: TimelineProps) {
  if (rows.length === 0) return <p className="text-sm text-muted">This run has no events yet.</p>;
  return (
    <ol aria-label="Event timeline" className="space-y-1">
      {rows.map((row) => (
        <TimelineItem key={row.event.id} row={row} expanded={expanded.has(row.event.id)} onToggle={onToggle} />
      ))}
    </ol>
  );
}
