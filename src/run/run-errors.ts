import type { Run } from './model';

export interface RunError {
  message: string;
  /** The failed event, when the error belongs to one. */
  eventId: string | null;
  /** Where the viewer found it, in words a user understands. */
  source: string;
}

/** Every error the run carries: the documented `errors` array, RUN_ENDED.data.error, failed events. */
export function collectErrors(run: Run): RunError[] {
  const errors: RunError[] = [];
  for (const event of run.events) {
    if (!event.failed) continue;
    const subject = event.name ?? event.type;
    const source = event.name ? `${event.name} (${event.type})` : `${event.type} event`;
    errors.push({
      message: event.error ?? `${subject} failed`,
      eventId: event.id,
      source: event.outcomeNote ? `${source}, ${event.outcomeNote}` : source,
    });
  }
  // The documented `errors` array often repeats what a failed event already says: list it once.
  const seen = new Set(errors.map((error) => error.message));
  const reported = run.reportedErrors.filter((message) => !seen.has(message));
  return [...reported.map((message) => ({ message, eventId: null, source: 'errors reported by the server' })), ...errors];
}
