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
  // The documented `errors` array often repeats what a failed event already says, bare or as
  // "ACTION: message": those are listed once, with their event.
  const said = new Set<string>();
  for (const event of run.events) {
    if (!event.failed) continue;
    const subject = event.name ?? event.type;
    const source = event.name ? `${event.name} (${event.type})` : `${event.type} event`;
    const message = event.error ?? `${subject} failed`;
    errors.push({ message, eventId: event.id, source: event.outcomeNote ? `${source}, ${event.outcomeNote}` : source });
    said.add(message);
    if (event.name) said.add(`${event.name}: ${message}`);
  }
  const reported = run.reportedErrors.filter((message) => !said.has(message));
  return [...reported.map((message) => ({ message, eventId: null, source: 'errors reported by the server' })), ...errors];
}
