import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { AlignedItem } from '../run/compare-runs';
import type { TokenCount } from '../run/model';
import { AlignedStepItem } from './aligned-step-item';

export interface AlignedStepsProps {
  items: AlignedItem[];
  selectedId: string | null;
  /** Bumped to ask the list to bring the selected item into view. */
  scrollRequest: number;
  estimates: [ReadonlyMap<string, TokenCount>, ReadonlyMap<string, TokenCount>];
  onSelect: (id: string) => void;
}

/** The two timelines aligned step by step, virtualised like the run timeline. */
export function AlignedSteps({ items, selectedId, scrollRequest, estimates, onSelect }: AlignedStepsProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Content above the list moves it; measured after every render, the guard stops loops.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => 58,
    overscan: 10,
    scrollMargin,
    getItemKey: (index) => items[index].id,
  });
  useLayoutEffect(() => {
    if (scrollRequest === 0 || selectedId === null) return;
    const index = items.findIndex((item) => item.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only an explicit request scrolls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollRequest]);

  if (items.length === 0) return <p className="text-sm text-muted">Neither run has any step.</p>;
  return (
    <>
      <div aria-hidden="true" className="grid grid-cols-[9rem_1fr_1fr] gap-2 px-2 pb-1 text-xs font-semibold uppercase text-muted">
        <span>Difference</span>
        <span>Run A</span>
        <span>Run B</span>
      </div>
      <ol aria-label="Aligned steps" ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          return (
            <AlignedStepItem
              key={virtual.key}
              ref={virtualizer.measureElement}
              index={virtual.index}
              setSize={items.length}
              top={virtual.start - scrollMargin}
              item={item}
              selected={item.id === selectedId}
              estimates={estimates}
              onSelect={onSelect}
            />
          );
        })}
      </ol>
    </>
  );
}
