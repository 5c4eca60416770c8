import type { RefObject } from 'react';
import { formatNumber, TIME_MODES, type TimeMode } from '../lib/format';
import type { EventKind } from '../run/model';
import { ALL_KINDS } from '../run/timeline-filter';
import { toggleKind, type TimelineView, type TimelineViewChange } from '../run/timeline-view';
import { KIND_STYLE } from '../run/style-tokens';
import type { SearchState } from './use-event-search';
import { Button } from './ui/button';
import { useEchoedText } from './use-echoed-text';

export interface TimelineCounts {
  /** Events of each kind in the run, for the filter buttons. */
  kinds: Record<EventKind, number>;
  errors: number;
  shown: number;
  total: number;
}

interface TimelineToolbarProps {
  view: TimelineView;
  onChange: (change: TimelineViewChange) => void;
  counts: TimelineCounts;
  search: SearchState;
  searchRef: RefObject<HTMLInputElement | null>;
  onNextError: () => void;
  onHelp: () => void;
}

const TIME_LABEL: Record<TimeMode, string> = { relative: 'From run start', local: 'Local time', utc: 'UTC' };

export function TimelineToolbar({ view, onChange, counts, search, searchRef, onNextError, onHelp }: TimelineToolbarProps) {
  const [query, setQuery] = useEchoedText(view.query, (value) => onChange({ query: value }));
  return (
    <div className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search events"
          placeholder="Search types and payloads  ( / )"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Escape clears the search and hands the keys back to the timeline (j must move, not type).
            if (event.key !== 'Escape') return;
            event.preventDefault();
            if (query) setQuery('');
            event.currentTarget.blur();
          }}
          className="min-w-48 flex-1 rounded border border-border bg-card px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent"
        />
        <span role="status" className="text-xs text-muted">
          {search.matches === null
            ? ''
            : search.running
              ? `searching… ${Math.round(search.progress * 100)}%, ${formatNumber(search.matches.size)} so far`
              : `${formatNumber(search.matches.size)} matching`}
        </span>
        <Button onClick={onNextError} disabled={counts.errors === 0}>
          Next error <kbd className="text-muted">e</kbd>
        </Button>
        <label className="flex items-center gap-1 text-xs">
          Time
          <select
            aria-label="Time shown as"
            value={view.timeMode}
            onChange={(event) => onChange({ timeMode: event.target.value as TimeMode })}
            className="rounded border border-border bg-card px-1 py-1 text-xs"
          >
            {TIME_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {TIME_LABEL[mode]}
              </option>
            ))}
          </select>
        </label>
        <Button onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filter by kind">
        {ALL_KINDS.filter((kind) => counts.kinds[kind] > 0).map((kind) => (
          <Button key={kind} pressed={view.kinds.has(kind)} onClick={() => onChange({ kinds: toggleKind(view.kinds, kind) })}>
            <span aria-hidden="true" style={{ color: KIND_STYLE[kind].color }}>
              {KIND_STYLE[kind].icon}
            </span>{' '}
            {kind} {formatNumber(counts.kinds[kind])}
          </Button>
        ))}
        <Button pressed={view.errorsOnly} onClick={() => onChange({ errorsOnly: !view.errorsOnly })}>
          Errors only {formatNumber(counts.errors)}
        </Button>
        <span className="ml-auto text-xs text-muted">
          Showing {formatNumber(counts.shown)} of {formatNumber(counts.total)} events
        </span>
      </div>
    </div>
  );
}
