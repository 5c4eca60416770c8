import type { RefObject } from 'react';
import { cn } from '../lib/cn';
import { formatNumber, TIME_MODES, type TimeMode } from '../lib/format';
import type { EventKind } from '../run/model';
import { ALL_KINDS } from '../run/timeline-filter';
import { KIND_STYLE } from './kind-icon';
import type { SearchState } from './use-event-search';

interface TimelineToolbarProps {
  kindCounts: Record<EventKind, number>;
  kinds: ReadonlySet<EventKind>;
  errorsOnly: boolean;
  errorCount: number;
  query: string;
  search: SearchState;
  shown: number;
  total: number;
  timeMode: TimeMode;
  searchRef: RefObject<HTMLInputElement | null>;
  onKindToggle: (kind: EventKind) => void;
  onErrorsOnly: (value: boolean) => void;
  onQuery: (query: string) => void;
  onNextError: () => void;
  onTimeMode: (mode: TimeMode) => void;
  onHelp: () => void;
}

const TIME_LABEL: Record<TimeMode, string> = { relative: 'From run start', local: 'Local time', utc: 'UTC' };

export function TimelineToolbar(props: TimelineToolbarProps) {
  const { kindCounts, kinds, errorsOnly, errorCount, query, search, shown, total, timeMode, searchRef } = props;
  return (
    <div className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search events"
          placeholder="Search types and payloads  ( / )"
          value={query}
          onChange={(event) => props.onQuery(event.target.value)}
          className="min-w-48 flex-1 rounded border border-border bg-card px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent"
        />
        <span role="status" className="text-xs text-muted">
          {search.matches === null ? '' : search.running ? `searching… ${Math.round(search.progress * 100)}%, ${formatNumber(search.matches.size)} so far` : `${formatNumber(search.matches.size)} matching`}
        </span>
        <button type="button" onClick={props.onNextError} disabled={errorCount === 0} className={toolButton(false)}>
          Next error <kbd className="text-muted">e</kbd>
        </button>
        <label className="flex items-center gap-1 text-xs">
          Time
          <select aria-label="Time shown as" value={timeMode} onChange={(event) => props.onTimeMode(event.target.value as TimeMode)} className="rounded border border-border bg-card px-1 py-1 text-xs">
            {TIME_MODES.map((mode) => (
              <option key={mode} value={mode}>{TIME_LABEL[mode]}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={props.onHelp} className={toolButton(false)} aria-label="Keyboard shortcuts">?</button>
      </div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filter by kind">
        {ALL_KINDS.filter((kind) => kindCounts[kind] > 0).map((kind) => (
          <button key={kind} type="button" aria-pressed={kinds.has(kind)} onClick={() => props.onKindToggle(kind)} className={toolButton(kinds.has(kind))}>
            <span aria-hidden="true" style={{ color: KIND_STYLE[kind].color }}>{KIND_STYLE[kind].icon}</span> {kind} {formatNumber(kindCounts[kind])}
          </button>
        ))}
        <button type="button" aria-pressed={errorsOnly} onClick={() => props.onErrorsOnly(!errorsOnly)} className={toolButton(errorsOnly)}>
          Errors only {formatNumber(errorCount)}
        </button>
        <span className="ml-auto text-xs text-muted">
          Showing {formatNumber(shown)} of {formatNumber(total)} events
        </span>
      </div>
    </div>
  );
}

function toolButton(pressed: boolean): string {
  return cn(
    'rounded border px-2 py-1 text-xs disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-accent',
    pressed ? 'border-accent bg-accent text-card' : 'border-border bg-card hover:bg-subtle',
  );
}
