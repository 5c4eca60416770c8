import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { RunsFilter } from '../api/queries';
import { isTruthFilter, type TruthFilter } from '../run/run-truth';
import { withParams } from '../lib/search-params';

/** The runs list as its URL names it (`status`, `from`, `to`, `before`, `live`, `limit`). */
export interface RunsListView {
  /** A truthful status (or "has-errors") to filter on, or 'all'. */
  status: TruthFilter | 'all';
  /** `datetime-local` values as typed (the browser's time zone), '' when not set. */
  from: string;
  to: string;
  /** The page of older runs: runs started before this epoch ms; null for the newest. */
  before: number | null;
  /** Refetch every few seconds. */
  live: boolean;
  limit: number;
}

export type RunsListViewChange = Partial<Omit<RunsListView, 'limit'>>;

/**
 * The agent runs page's filters, read from the URL, and the one setter that writes them. Each
 * change is a history entry; changing a filter goes back to the newest runs.
 */
export function useRunsListView(): [RunsListView, (change: RunsListViewChange) => void] {
  const [params, setParams] = useSearchParams();
  const status = readStatus(params.get('status'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const before = epoch(params.get('before'));
  const live = params.get('live') === '1';
  const limit = Math.min(Math.max(Number(params.get('limit')) || 20, 1), 100);
  const view = useMemo(() => ({ status, from, to, before: before ?? null, live, limit }), [status, from, to, before, live, limit]);
  const setView = useCallback(
    (change: RunsListViewChange) => setParams((current) => withParams(current, runsListParams(change))),
    [setParams],
  );
  return [view, setView];
}

function runsListParams(change: RunsListViewChange): Record<string, string | null> {
  // Any change but paging starts again from the newest runs.
  const params: Record<string, string | null> = { before: change.before == null ? null : String(change.before) };
  if (change.status !== undefined) params.status = change.status === 'all' ? null : change.status;
  if (change.from !== undefined) params.from = change.from;
  if (change.to !== undefined) params.to = change.to;
  if (change.live !== undefined) params.live = change.live ? '1' : null;
  return params;
}

// Links made when the filter showed the server's own words still work.
const OLD_STATUSES: Record<string, TruthFilter> = { started: 'running', error: 'failed' };

function readStatus(value: string | null): TruthFilter | 'all' {
  if (isTruthFilter(value)) return value;
  return value !== null && Object.hasOwn(OLD_STATUSES, value) ? OLD_STATUSES[value] : 'all';
}

/** The most runs a filtered page looks through: the server's own maximum page. */
export const FILTERED_PAGE = 100;

/**
 * What to ask the server for. The server filters on its own (untruthful) status, so a filtered
 * list asks for a full page, unfiltered, and the page filters on the truth.
 */
export function runsFilter(view: RunsListView): RunsFilter {
  return {
    limit: view.status === 'all' ? view.limit : FILTERED_PAGE,
    to: view.before ?? epoch(view.to),
    // Any `from` skips the real server's 15 s cache of the plain list, so live refreshes are live.
    from: epoch(view.from) ?? (view.live ? 1 : undefined),
  };
}

/** `2026-11-29T10:00` (a datetime-local value) or epoch ms, as epoch ms in the browser's time zone. */
function epoch(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
