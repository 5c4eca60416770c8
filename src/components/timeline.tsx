import type { TimeMode } from '../lib/format';
import type { TokenCount } from '../run/model';
import type { TimelineRow } from '../run/timeline-rows';
import type { Waterfall } from '../run/waterfall';
import { TimelineItem } from './timeline-item';
import { useWindowList, type RevealRequest } from './use-window-list';

export interface TimelineProps {
  rows: TimelineRow[];
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  /** A row to bring into view (and focus, if asked). */
  reveal: RevealRequest | null;
  timeMode: TimeMode;
  waterfall: Waterfall | null;
  estimates: ReadonlyMap<string, TokenCount>;
  onToggle: (eventId: string) => void;
  onSelect: (eventId: string) => void;
}

/**
 * The run's events as an ordered list, virtualised: only the rows near the viewport are in the
 * DOM, so 100,000 events scroll like 10. Rows are measured, so expanded payloads of any height work.
 */
export function Timeline({ rows, expanded, selectedId, reveal, timeMode, waterfall, estimates, onToggle, onSelect }: TimelineProps) {
  const { listRef, virtualizer, scrollMargin } = useWindowList({
    items: rows,
    keyOf: rowKey,
    // A row on one line: its time column's two lines (min-h-8), padding, border and gap. Right for
    // nearly every row, so a measured row rarely moves the ones after it (100,000 of them).
    estimateSize: 54,
    overscan: 12,
    reveal,
    align: 'auto',
    onRevealed: focusToggle,
  });

  if (rows.length === 0) return <p className="text-sm text-muted">No events to show.</p>;
  const items = virtualizer.getVirtualItems();
  return (
    <ol aria-label="Event timeline" ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index];
        return (
          <TimelineItem
            key={item.key}
            ref={virtualizer.measureElement}
            index={item.index}
            setSize={rows.length}
            top={item.start - scrollMargin}
            row={row}
            expanded={expanded.has(row.event.id)}
            selected={row.event.id === selectedId}
            timeMode={timeMode}
            waterfall={waterfall}
            estimate={estimates.get(row.event.id)}
            onToggle={onToggle}
            onSelect={onSelect}
          />
        );
      })}
    </ol>
  );
}

function rowKey(row: TimelineRow): string {
  return row.event.id;
}

/** The row's own button: focusing it selects the event (its onFocus). */
function focusToggle(row: HTMLElement) {
  row.querySelector<HTMLButtonElement>('button[aria-expanded]')?.focus({ preventScroll: true });
}
