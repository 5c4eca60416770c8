import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatNumber } from '../lib/format';
import { displayRows, findAll, lastAtOrBefore, rowEnd } from '../run/text-find';
import { Button } from './ui/button';

interface LongTextDialogProps {
  text: string;
  /** What the text is, for the dialog's name: "prompt", "data.prompt". */
  title: string;
  onClose: () => void;
}

/**
 * A long text in a modal of fixed size: its rows are virtualised, so a 1 MB prompt or a 5 MB line
 * opens at once and the page does not grow; a find box counts the matches and steps through them.
 * The text is rendered as text, never as HTML.
 */
export function LongTextDialog({ text, title, onClose }: LongTextDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [query, setQuery] = useState('');
  const needle = useDeferredValue(query);
  const [current, setCurrent] = useState(0);
  const starts = useMemo(() => displayRows(text), [text]);
  const matches = useMemo(() => findAll(text, needle), [text, needle]);
  // The virtualiser keeps its own mutable state; this component is not compiler-memoised, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: starts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 18,
    overscan: 20,
  });

  useEffect(() => {
    if (!dialogRef.current?.open) dialogRef.current?.showModal();
  }, []);

  // A new search shows its first match.
  useEffect(() => {
    if (matches.length > 0) virtualizer.scrollToIndex(lastAtOrBefore(starts, matches[0]), { align: 'center' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matches]);

  const goTo = (index: number) => {
    if (matches.length === 0) return;
    const next = (index + matches.length) % matches.length;
    setCurrent(next);
    virtualizer.scrollToIndex(lastAtOrBefore(starts, matches[next]), { align: 'center' });
  };
  const shown = Math.min(current, Math.max(matches.length - 1, 0));

  return (
    <dialog
      ref={dialogRef}
      onClose={onClose}
      aria-labelledby={titleId}
      className="m-auto flex w-[min(64rem,95vw)] flex-col gap-2 rounded-lg border border-border bg-card p-4 text-fg backdrop:bg-black/40"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={titleId} className="mr-auto font-semibold">
          The {title} ({formatNumber(text.length)} characters)
        </h2>
        <input
          type="text"
          aria-label="Find in the text"
          placeholder="Find"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setCurrent(0);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            goTo(shown + (event.shiftKey ? -1 : 1));
          }}
          className="w-48 rounded border border-border bg-card px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent"
        />
        <span role="status" className="w-28 text-xs text-muted">
          {needle === '' ? '' : matches.length === 0 ? 'no match' : `${formatNumber(shown + 1)} of ${formatNumber(matches.length)}`}
        </span>
        <Button onClick={() => goTo(shown - 1)} disabled={matches.length === 0} aria-label="Previous match">
          ↑
        </Button>
        <Button onClick={() => goTo(shown + 1)} disabled={matches.length === 0} aria-label="Next match">
          ↓
        </Button>
        <form method="dialog">
          <Button type="submit">Close</Button>
        </form>
      </div>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="document"
        aria-label={`The ${title} as text`}
        className="h-[70vh] overflow-auto rounded border border-border bg-subtle p-2 font-mono text-xs"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="absolute left-0 w-full whitespace-pre-wrap break-words"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {marked(text, starts[item.index], rowEnd(text, starts, item.index), matches, needle.length, shown)}
            </div>
          ))}
        </div>
      </div>
    </dialog>
  );
}

/** The row's text with the matches in it marked (the current one stronger); text, never HTML. */
function marked(text: string, start: number, end: number, matches: number[], length: number, current: number): ReactNode[] {
  const parts: ReactNode[] = [];
  let from = start;
  // The first match that could reach into this row: one starting before it may span into it.
  for (let index = Math.max(lastAtOrBefore(matches, start), 0); index < matches.length && matches[index] < end; index++) {
    const markStart = Math.max(matches[index], start);
    const markEnd = Math.min(matches[index] + length, end);
    if (markEnd <= markStart) continue;
    parts.push(text.slice(from, markStart));
    parts.push(
      <mark
        key={index}
        data-current={index === current ? 'true' : undefined}
        className={index === current ? 'bg-accent text-card' : undefined}
      >
        {text.slice(markStart, markEnd)}
      </mark>,
    );
    from = markEnd;
  }
  // An empty line still takes a line's height.
  parts.push(text.slice(from, end) || (parts.length === 0 ? ' ' : ''));
  return parts;
}
