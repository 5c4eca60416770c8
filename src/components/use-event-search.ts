import { useEffect, useMemo, useState } from 'react';
import { SearchIndex } from '../run/event-search';
import type { TimelineRow } from '../run/timeline-rows';

export interface SearchState {
  /** Matching event ids; null when there is no query. */
  matches: ReadonlySet<string> | null;
  /** 0..1 while the search is still running. */
  progress: number;
  running: boolean;
}

const SLICE_MS = 8;
/**
 * Matches found so far are shown at most this often: each showing filters every row again (100,000
 * on a big run), and doing so after every 8 ms slice made a search take 3 times its own work.
 */
const SHOW_EVERY_MS = 100;
const IDLE: SearchState = { matches: null, progress: 1, running: false };

/** Searches in slices of a few ms between frames, so typing stays responsive on huge runs. */
export function useEventSearch(rows: TimelineRow[], query: string): SearchState {
  const index = useMemo(() => new SearchIndex(rows), [rows]);
  const [state, setState] = useState<SearchState & { key: string }>({ ...IDLE, key: '' });
  const key = query.trim();

  useEffect(() => {
    if (!key) return;
    const job = index.search(key);
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    let shownAt = -Infinity;
    const run = () => {
      if (cancelled) return;
      const finished = job.step(SLICE_MS);
      const now = performance.now();
      if (finished || now - shownAt >= SHOW_EVERY_MS) {
        shownAt = now;
        setState({ key, matches: new Set(job.matches), progress: job.done / Math.max(job.total, 1), running: !finished });
      }
      if (!finished) timer = setTimeout(run, 0);
    };
    timer = setTimeout(run, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [index, key]);

  return shownSearch(state, key);
}

const NO_MATCHES: ReadonlySet<string> = new Set();

/**
 * What the page shows for `key` given the last published search. Until a new search publishes its
 * first slice (a few ms), the previous matches stay: an empty set emptied the whole list for a frame
 * on every keystroke, and filtered every row again on each render meanwhile.
 */
export function shownSearch(published: SearchState & { key: string }, key: string): SearchState {
  if (!key) return IDLE;
  if (published.key !== key) return { matches: published.matches ?? NO_MATCHES, progress: 0, running: true };
  return published;
}
