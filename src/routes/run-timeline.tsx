import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onDemand } from '../components/on-demand';
import { Timeline } from '../components/timeline';
import { TimelineToolbar } from '../components/timeline-toolbar';
import { Card, CardTitle } from '../components/ui/card';
import { useEventSearch } from '../components/use-event-search';
import { useTimelineKeys } from '../components/use-timeline-keys';
import type { RevealRequest } from '../components/use-window-list';
import { resolveEventId } from '../run/event-ids';
import type { Run, TokenCount } from '../run/model';
import { countKinds, filterRows } from '../run/timeline-filter';
import type { TimelineRow } from '../run/timeline-rows';
import { buildWaterfall } from '../run/waterfall';
import { useTimelineView } from './use-timeline-view';

const ShortcutsDialog = onDemand(async () => (await import('../components/shortcuts-dialog')).ShortcutsDialog);

/**
 * The timeline with its filters, search, selection and keyboard. Filters and the selected event
 * live in the URL, so a copied link reproduces the view; expansion is kept by event id.
 */
interface RunTimelineProps {
  run: Run;
  rows: TimelineRow[];
  /** Token estimates for calls that report none; shown on the rows on screen. */
  estimates: ReadonlyMap<string, TokenCount>;
}

export function RunTimeline({ run, rows, estimates }: RunTimelineProps) {
  const [view, setView] = useTimelineView();
  const { kinds, errorsOnly, query, eventId: requestedId } = view;
  // An old link names its event by position (`e5`): it opens that event, and the URL then names it
  // by its stable id, so the link copied next time is one that lasts.
  const selectedId = useMemo(() => (requestedId ? resolveEventId(run.events, requestedId) : null), [run.events, requestedId]);
  useEffect(() => {
    if (selectedId !== requestedId) setView({ eventId: selectedId });
  }, [selectedId, requestedId, setView]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(selectedId ? [selectedId] : []));
  // A deep link scrolls to its event; a key press also moves the focus there.
  const [reveal, setReveal] = useState<RevealRequest | null>(() => (selectedId ? { key: selectedId, focus: false } : null));
  // null until first asked for: the dialog's code loads then.
  const [helpOpen, setHelpOpen] = useState<boolean | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const search = useEventSearch(rows, query);
  const visible = useMemo(
    () => filterRows(rows, { kinds, errorsOnly, searchMatches: search.matches }),
    [rows, kinds, errorsOnly, search.matches],
  );
  const kindCounts = useMemo(() => countKinds(rows), [rows]);
  const errorCount = useMemo(() => rows.filter((row) => row.event.failed).length, [rows]);
  const waterfall = useMemo(() => buildWaterfall(run, rows), [run, rows]);

  // The URL updates asynchronously: a key pressed again before it has must move on from the
  // row just chosen, not from the one the URL still names.
  const chosen = useRef<string | null>(null);
  const currentId = () => chosen.current ?? selectedId;
  const select = useCallback(
    (eventId: string) => {
      chosen.current = eventId;
      setView({ eventId });
    },
    [setView],
  );
  const toggle = useCallback((eventId: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(eventId)) next.add(eventId);
      return next;
    });
  }, []);

  const goTo = (eventId: string) => {
    select(eventId);
    setReveal({ key: eventId, focus: true });
  };

  const selectedIndex = () => visible.findIndex((row) => row.event.id === currentId());
  const nextError = () => {
    const failed = visible.filter((row) => row.event.failed);
    if (failed.length === 0) return;
    const from = selectedIndex();
    const after = failed.find((row) => visible.indexOf(row) > from) ?? failed[0];
    goTo(after.event.id);
  };

  useTimelineKeys({
    move: (delta) => {
      if (visible.length === 0) return;
      const from = selectedIndex();
      const index = from < 0 ? (delta > 0 ? 0 : visible.length - 1) : Math.min(Math.max(from + delta, 0), visible.length - 1);
      goTo(visible[index].event.id);
    },
    toggleSelected: () => {
      const id = currentId();
      if (id) toggle(id);
    },
    focusSearch: () => searchRef.current?.focus(),
    nextError,
    showHelp: () => setHelpOpen(true),
  });

  return (
    // While filtering, the card keeps a screen's height: the page below does not jump up with every
    // keystroke (and the token chart, a heavy first render, does not load mid-typing).
    <Card aria-labelledby="timeline-title" className={visible.length < rows.length ? 'min-h-screen' : undefined}>
      <CardTitle id="timeline-title">Timeline</CardTitle>
      <TimelineToolbar
        view={view}
        onChange={setView}
        counts={{ kinds: kindCounts, errors: errorCount, shown: visible.length, total: rows.length }}
        search={search}
        searchRef={searchRef}
        onNextError={nextError}
        onHelp={() => setHelpOpen(true)}
      />
      <Timeline
        rows={visible}
        expanded={expanded}
        selectedId={selectedId}
        reveal={reveal}
        timeMode={view.timeMode}
        waterfall={waterfall}
        estimates={estimates}
        onToggle={toggle}
        onSelect={select}
      />
      {helpOpen !== null && <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />}
    </Card>
  );
}
