import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { TimeMode } from '../lib/format';
import type { TokenCount } from '../run/model';
import type { TimelineRow } from '../run/timeline-rows';
import type { Waterfall } from '../run/waterfall';
import { TimelineItem } from './timeline-item';

export interface TimelineProps {
  rows: TimelineRow[];
  expanded: ReadonlySet<string>;
  selectedId: string | null;
  /** Bumped to ask the list to bring the selected row into view. */
  scrollRequest: number;
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
export function Timeline({ rows, expanded, selectedId, scrollRequest, timeMode, waterfall, estimates, onToggle, onSelect }: TimelineProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Measured after every render: content above the list (errors, banners) moves it; the guard stops loops.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 46,
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => rows[index].event.id,
  });

  useLayoutEffect(() => {
    if (scrollRequest === 0 || selectedId === null) return;
    const index = rows.findIndex((row) => row.event.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only an explicit request scrolls; rows changing under a selection must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollRequest]);

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
