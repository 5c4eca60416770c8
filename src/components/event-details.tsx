import type { RunEvent, TokenCount } from '../run/model';
import { ActionDetails } from './action-details';
import { JsonTree } from './json-tree';
import { ModelCallDetails } from './model-call-details';

/** What an expanded timeline row shows: readable details for model calls and finished actions. */
export function EventDetails({ event, estimate }: { event: RunEvent; estimate: TokenCount | undefined }) {
  if (event.model) return <ModelCallDetails event={event} estimate={estimate} />;
  if (event.kind === 'action' && event.phase === 'ended') return <ActionDetails event={event} />;
  return <JsonTree value={event.data} label={`${event.type} data`} />;
}
