import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';

export interface WindowListOptions {
  count: number;
  estimateSize: number;
  overscan: number;
  keyAt: (index: number) => string;
  /** Where the selected item is, looked up only when a scroll is asked for (-1: nowhere). */
  selectedIndex: () => number;
  /** Bumped to ask the list to bring the selected item into view. */
  scrollRequest: number;
  align: 'auto' | 'center';
}

/**
 * A list virtualised against the window: only the items near the viewport are in the DOM, and
 * items are measured, so rows of any height work. Returns the list's ref and where it starts.
 */
export function useWindowList({ count, estimateSize, overscan, keyAt, selectedIndex, scrollRequest, align }: WindowListOptions) {
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Measured after every render: content above the list (errors, banners) moves it; the guard stops loops.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });
  const virtualizer = useWindowVirtualizer({ count, estimateSize: () => estimateSize, overscan, scrollMargin, getItemKey: keyAt });
  useLayoutEffect(() => {
    if (scrollRequest === 0) return;
    const index = selectedIndex();
    if (index >= 0) virtualizer.scrollToIndex(index, { align });
    // Only an explicit request scrolls; items changing under a selection must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollRequest]);
  return { listRef, virtualizer, scrollMargin };
}
