import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Asks a list to bring one item into view (a new object each time, even for the same item). */
export interface RevealRequest {
  key: string;
  /** Also hand the item to `onRevealed` once it is on screen (to move the focus there). */
  focus: boolean;
}

export interface WindowListOptions<T> {
  items: readonly T[];
  /** A module-level function: the virtualiser recomputes every item's place when the key function changes. */
  keyOf: (item: T) => string;
  estimateSize: number;
  overscan: number;
  reveal: RevealRequest | null;
  align: 'auto' | 'center';
  /** Called with the item's element once a reveal asking for focus has it in view. */
  onRevealed?: (element: HTMLElement) => void;
}

/**
 * A list virtualised against the window: only the items near the viewport are in the DOM, and
 * items are measured, so rows of any height work. Returns the list's ref and where it starts.
 *
 * A reveal names the item by key, not by what is selected: the selection lives in the URL, which
 * updates after the key press, so reading it here would scroll to the previous item.
 */
export function useWindowList<T>({ items, keyOf, estimateSize, overscan, reveal, align, onRevealed }: WindowListOptions<T>) {
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the list starts in the page: measured when it appears, then whenever the page's size
  // changes (content above it, an error or a banner, moves it). Not after every render: a read
  // right after a scroll's rows were committed forced a layout of its own on every frame.
  const hasItems = items.length > 0;
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => {
      const top = list.getBoundingClientRect().top + window.scrollY;
      setScrollMargin((margin) => (Math.abs(top - margin) > 1 ? top : margin));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [hasItems]);
  // One key function per list of items: a new one on every render made the virtualiser walk all
  // 100,000 keys again on each render.
  const keyAt = useCallback((index: number) => keyOf(items[index]), [items, keyOf]);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimateSize,
    overscan,
    scrollMargin,
    getItemKey: keyAt,
    useFlushSync: false,
  });
  // Where the item with this key is (-1: nowhere); looked up only when a reveal is asked for.
  const indexOf = (key: string) => items.findIndex((item) => keyOf(item) === key);

  const pending = useRef<RevealRequest | null>(null);
  const itemElement = (index: number) => listRef.current?.querySelector<HTMLElement>(`:scope > [data-index="${index}"]`) ?? null;
  const keepInView = useKeepInView();
  useLayoutEffect(() => {
    if (!reveal) return;
    const index = indexOf(reveal.key);
    pending.current = index >= 0 ? reveal : null;
    // An item far away is not in the DOM yet: scroll to where it will be, then finish below.
    if (index >= 0 && !itemElement(index)) virtualizer.scrollToIndex(index, { align });
    // Only an explicit request scrolls; items changing under a selection must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);
  // After every render: once the requested item is in the DOM, show all of it (the browser knows
  // its real size and place; the virtualiser may only have estimated them) and focus it.
  useLayoutEffect(() => {
    const request = pending.current;
    if (!request) return;
    const index = indexOf(request.key);
    const element = index >= 0 ? itemElement(index) : null;
    if (index < 0) pending.current = null;
    if (!element) return;
    pending.current = null;
    const block = align === 'center' ? 'center' : 'nearest';
    element.scrollIntoView({ block });
    if (request.focus) onRevealed?.(element);
    keepInView(element, block);
    // Rows measured in this commit may still move it once the virtualiser re-renders.
    requestAnimationFrame(() => requestAnimationFrame(() => element.isConnected && element.scrollIntoView({ block })));
  });
  return { listRef, virtualizer, scrollMargin };
}

/**
 * Keeps the last revealed item in view while the page settles: a panel above the list that loads
 * later (the conversation, an error) pushes the list down, and the row a key just moved to would
 * slide off screen. Lets go as soon as the user scrolls, clicks or presses a key.
 */
function useKeepInView() {
  const keptRef = useRef<{ element: HTMLElement; block: ScrollLogicalPosition } | null>(null);
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      const kept = keptRef.current;
      if (!kept?.element.isConnected) return;
      const box = kept.element.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) kept.element.scrollIntoView({ block: kept.block });
    });
    observer.observe(document.body);
    const letGo = () => (keptRef.current = null);
    const events = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const event of events) window.addEventListener(event, letGo, { capture: true, passive: true });
    return () => {
      observer.disconnect();
      for (const event of events) window.removeEventListener(event, letGo, { capture: true });
    };
  }, []);
  return useCallback((element: HTMLElement, block: ScrollLogicalPosition) => (keptRef.current = { element, block }), []);
}
