import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useStoredChoice } from '../components/use-stored-choice';
import { withParams } from '../lib/search-params';
import { TIME_MODES, type TimeMode } from '../lib/format';
import { parseKinds } from '../run/timeline-filter';
import { timelineParams, type TimelineView, type TimelineViewChange } from '../run/timeline-view';

/**
 * The run page's timeline view, read from the URL (and the remembered time mode), with the one
 * setter that writes it back. URL changes replace the history entry: filtering is not navigating.
 */
export function useTimelineView(): [TimelineView, (change: TimelineViewChange) => void] {
  const [params, setParams] = useSearchParams();
  const [timeMode, setTimeMode] = useStoredChoice<TimeMode>('run-viewer:time', TIME_MODES, 'relative');
  // Keyed on the parameters' text, not on params, which changes with every selected event.
  const kindParam = params.get('kind');
  const errorsOnly = params.get('errors') === '1';
  const query = params.get('q') ?? '';
  const eventId = params.get('event');
  const kinds = useMemo(() => parseKinds(kindParam), [kindParam]);
  const view = useMemo(() => ({ kinds, errorsOnly, query, eventId, timeMode }), [kinds, errorsOnly, query, eventId, timeMode]);

  const setView = useCallback(
    (change: TimelineViewChange) => {
      if (change.timeMode !== undefined) setTimeMode(change.timeMode);
      const changes = timelineParams(change);
      if (Object.keys(changes).length > 0) setParams((current) => withParams(current, changes), { replace: true });
    },
    [setParams, setTimeMode],
  );
  return [view, setView];
}
