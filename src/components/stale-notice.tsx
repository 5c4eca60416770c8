import { formatDuration } from '../lib/format';

/** A running run gone quiet for longer than elizaOS's run timeout: polling stopped, and can resume. */
export function StaleNotice({ quietMs, resumed, onResume }: { quietMs: number; resumed: boolean; onResume: () => void }) {
  return (
    <div role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded border border-[var(--status-timeout)] p-2 text-sm">
      <p className="min-w-0 flex-1">
        <strong>Stale: no events for {formatDuration(quietMs)}.</strong> The server still says this run is running, but elizaOS ends a run
        after its timeout (60 min by default), so its server probably stopped without ending it.{' '}
        {resumed ? 'Checking again every 10 s.' : 'The viewer stopped checking for new events.'}
      </p>
      {!resumed && (
        <button
          type="button"
          onClick={onResume}
          className="rounded border border-border px-2 py-1 text-sm hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent"
        >
          Resume
        </button>
      )}
    </div>
  );
}
