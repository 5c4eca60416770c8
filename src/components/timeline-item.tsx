import { memo } from 'react';
import { cn } from '../lib/cn';
import { formatAbsolute, formatDuration, formatOffset } from '../lib/format';
import type { TimelineRow } from '../run/timeline-rows';
import { JsonTree } from './json-tree';
import { KIND_STYLE, KindIcon } from './kind-icon';

interface TimelineItemProps {
  row: TimelineRow;
  expanded: boolean;
  onToggle: (eventId: string) => void;
}

export const TimelineItem = memo(function TimelineItem({ row, expanded, onToggle }: TimelineItemProps) {
  const { event } = row;
  const kind = KIND_STYLE[event.failed ? 'error' : event.kind];
  const payloadId = `payload-${event.id}`;
  return (
    <li
      id={`event-${event.id}`}
      className={cn('relative rounded-md border bg-card', event.failed ? 'border-[var(--status-failed)]' : 'border-border', row.depth === 1 && 'ml-8')}
      data-kind={event.kind}
      data-depth={row.depth}
    >
      {row.depth === 1 && <span aria-hidden="true" className="absolute -left-5 top-0 h-full border-l-2 border-dashed border-border" />}
      <div className="flex items-start gap-2 p-2">
        <KindIcon kind={event.kind} failed={event.failed} />
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={payloadId}
          onClick={() => onToggle(event.id)}
          className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2 rounded text-left focus-visible:outline-2 focus-visible:outline-accent"
        >
          <span className="text-xs font-semibold uppercase" style={{ color: kind.color }}>
            {event.failed ? `${KIND_STYLE[event.kind].label} · failed` : kind.label}
          </span>
          <span className={cn('min-w-0 break-words text-sm', event.failed && 'text-[var(--status-failed)]')}>{row.summary}</span>
          {event.outcomeNote && (
            <span className={cn('text-xs', event.needsOutcomeCheck ? 'font-semibold text-[var(--status-timeout)]' : 'text-muted')}>({event.outcomeNote})</span>
          )}
          <span className="sr-only">, {expanded ? 'hide' : 'show'} data</span>
        </button>
        <span className="shrink-0 text-right font-mono text-xs text-muted">
          <Offset row={row} />
          {row.durationMs !== null && <span className="block">{formatDuration(row.durationMs)}</span>}
        </span>
      </div>
      {expanded && (
        <div id={payloadId} className="border-t border-border p-2">
          <p className="mb-1 text-xs text-muted">
            <code>{event.type}</code> data
          </p>
          <JsonTree value={event.data} label={`${event.type} data`} />
        </div>
      )}
    </li>
  );
});

function Offset({ row }: { row: TimelineRow }) {
  const { timestamp } = row.event;
  if (timestamp === null) return <span>no time</span>;
  return (
    <time dateTime={new Date(timestamp).toISOString()} title={formatAbsolute(timestamp)}>
      {formatOffset(row.offsetMs)}
    </time>
  );
}
