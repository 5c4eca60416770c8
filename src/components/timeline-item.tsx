import { memo } from 'react';
import { cn } from '../lib/cn';
import { formatAbsolute, formatDuration, formatEventTime, isoTime, type TimeMode } from '../lib/format';
import { summarizeEvent } from '../run/event-summary';
import type { TokenCount } from '../run/model';
import type { TimelineRow } from '../run/timeline-rows';
import type { Span, Waterfall } from '../run/waterfall';
import { KIND_STYLE } from '../run/style-tokens';
import { KindIcon } from './kind-icon';
import { VirtualRow, type VirtualRowPlace } from './virtual-row';
import { EventLinkButton } from './event-link-button';
import { onDemand } from './on-demand';

/** The payload views (JSON tree, model-call tabs, prompt sections) load with the first expanded row, not with the page. */
const EventDetails = onDemand(
  async () => (await import('./event-details')).EventDetails,
  <p className="text-xs text-muted">Loading the details…</p>,
);

interface TimelineItemProps extends VirtualRowPlace {
  row: TimelineRow;
  expanded: boolean;
  selected: boolean;
  timeMode: TimeMode;
  waterfall: Waterfall | null;
  /** Estimated tokens, for a model call that reports none. */
  estimate: TokenCount | undefined;
  onToggle: (eventId: string) => void;
  onSelect: (eventId: string) => void;
}

export const TimelineItem = memo(function TimelineItem({
  ref,
  index,
  setSize,
  top,
  row,
  expanded,
  selected,
  timeMode,
  waterfall,
  estimate,
  onToggle,
  onSelect,
}: TimelineItemProps) {
  const { event } = row;
  const summary = estimate ? summarizeEvent(event, row.durationMs, estimate) : row.summary;
  const kind = KIND_STYLE[event.failed ? 'error' : event.kind];
  const payloadId = `payload-${event.id}`;
  return (
    <VirtualRow
      ref={ref}
      index={index}
      setSize={setSize}
      top={top}
      selected={selected}
      id={`event-${event.id}`}
      data-kind={event.kind}
      data-depth={row.depth}
    >
      <div
        className={cn(
          'relative rounded-md border bg-card',
          event.failed ? 'border-[var(--status-failed)]' : 'border-border',
          selected && 'ring-2 ring-accent',
          row.depth === 1 && 'ml-8',
        )}
      >
        {row.depth === 1 && <span aria-hidden="true" className="absolute -left-5 top-0 h-full border-l-2 border-dashed border-border" />}
        <div className="flex items-start gap-2 p-2">
          <KindIcon kind={event.kind} failed={event.failed} />
          <button
            type="button"
            id={`toggle-${event.id}`}
            aria-expanded={expanded}
            aria-controls={payloadId}
            onClick={() => onToggle(event.id)}
            onFocus={() => onSelect(event.id)}
            className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2 rounded text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            <span className="text-xs font-semibold uppercase" style={{ color: kind.color }}>
              {event.didNotFinish
                ? `${KIND_STYLE[event.kind].label} · did not finish`
                : event.failed
                  ? `${KIND_STYLE[event.kind].label} · failed`
                  : kind.label}
            </span>
            <span className={cn('min-w-0 break-words text-sm', event.failed && 'text-[var(--status-failed)]')}>{summary}</span>
            {event.outcomeNote && (
              <span className={cn('text-xs', event.needsOutcomeCheck ? 'font-semibold text-[var(--status-timeout)]' : 'text-muted')}>
                ({event.outcomeNote})
              </span>
            )}
            <span className="sr-only">, {expanded ? 'hide' : 'show'} data</span>
          </button>
          <WaterfallBar span={waterfall?.spanOf(row) ?? null} kindColor={kind.color} />
          <span className="min-h-8 w-24 shrink-0 text-right font-mono text-xs text-muted">
            <EventTime row={row} mode={timeMode} />
            {row.durationMs !== null && <span className="block">{formatDuration(row.durationMs)}</span>}
          </span>
        </div>
        {expanded && (
          <div id={payloadId} className="border-t border-border p-2">
            <div className="mb-1 flex items-center gap-2 text-xs text-muted">
              <span>
                <code>{event.type}</code> data
              </span>
              <EventLinkButton eventId={event.id} />
            </div>
            <EventDetails event={event} estimate={estimate} />
          </div>
        )}
      </div>
    </VirtualRow>
  );
});

function EventTime({ row, mode }: { row: TimelineRow; mode: TimeMode }) {
  const { timestamp } = row.event;
  const iso = timestamp === null ? null : isoTime(timestamp);
  if (timestamp === null || iso === null) return <span>no time</span>;
  return (
    <time dateTime={iso} title={formatAbsolute(timestamp)}>
      {formatEventTime(timestamp, row.offsetMs, mode)}
    </time>
  );
}

/** The event's place in the run's time, so slow steps stand out. */
function WaterfallBar({ span, kindColor }: { span: Span | null; kindColor: string }) {
  if (!span) return <span className="hidden w-40 shrink-0 sm:block" />;
  return (
    <span aria-hidden="true" className="relative mt-1.5 hidden h-2.5 w-40 shrink-0 rounded-sm bg-subtle sm:block" data-testid="waterfall">
      <span
        className="absolute top-0 h-full rounded-sm"
        style={{ left: `${span.left * 100}%`, width: `max(2px, ${span.width * 100}%)`, background: kindColor }}
      />
    </span>
  );
}
