import { formatDuration } from '../lib/format';
import type { Run, RunEvent } from './model';
import { deriveStatus, isUnknownRunPlaceholder } from './status';

// A run that ended (timed out, failed, was cancelled) with an action still open never says so:
// ACTION_STARTED has no ACTION_COMPLETED. Such an action did not finish, and is a failure.

/**
 * The run with each action that started but never ended before the run did marked as failed,
 * "did not finish", with how long it was open. A running run is left alone: its actions may end yet.
 * Actions pair by actionId, or by name for producers that send none (the documented shape).
 */
export function markUnfinished(run: Run): Run {
  if (isUnknownRunPlaceholder(run) || deriveStatus(run).tone === 'running') return run;
  // Ends still to pair, by action id and, for actions without one, by name (no key string is built).
  const endsLeft = { byId: new Map<string, number>(), byName: new Map<string, number>() };
  for (const event of run.events) {
    if (event.phase !== 'ended') continue;
    const pairing = pairingOf(event, endsLeft);
    if (pairing) pairing.map.set(pairing.key, (pairing.map.get(pairing.key) ?? 0) + 1);
  }
  const runEnd = run.endedAt ?? lastTimestamp(run);
  let events: RunEvent[] | null = null;
  run.events.forEach((event, index) => {
    const pairing = event.phase === 'started' ? pairingOf(event, endsLeft) : null;
    if (!pairing) return;
    const left = pairing.map.get(pairing.key) ?? 0;
    if (left > 0) return void pairing.map.set(pairing.key, left - 1);
    const openMs = runEnd !== null && event.timestamp !== null ? Math.max(0, runEnd - event.timestamp) : null;
    const open = openMs === null ? '' : ` (open ${formatDuration(openMs)}, until the run ended)`;
    // Copied only when an action did not finish: most runs keep their events as they are.
    events ??= run.events.slice();
    events[index] = { ...event, failed: true, didNotFinish: true, error: `did not finish: started, never completed${open}` };
  });
  return events ? { ...run, events } : run;
}

function pairingOf(event: RunEvent, maps: { byId: Map<string, number>; byName: Map<string, number> }) {
  if (event.kind !== 'action') return null;
  if (event.actionId) return { map: maps.byId, key: event.actionId };
  return event.name ? { map: maps.byName, key: event.name } : null;
}

function lastTimestamp(run: Run): number | null {
  for (let i = run.events.length - 1; i >= 0; i--) {
    const { timestamp } = run.events[i];
    if (timestamp !== null) return timestamp;
  }
  return null;
}
