import { useContext } from 'react';
import { shareableUrl } from '../api/share-link';
import { NoEventLinkContext } from './event-link-context';
import { CopyButton } from './ui/copy-button';

/** Copies a link to this page with `event=<id>`: opening it scrolls to, highlights and expands the event. */
export function EventLinkButton({ eventId }: { eventId: string }) {
  const noLink = useContext(NoEventLinkContext);
  if (noLink) return <span className="text-xs text-muted">No link: {noLink}</span>;
  return <CopyButton text={() => eventLink(eventId)} label="Copy link to this event" idleText="Copy link" />;
}

export function eventLink(eventId: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set('event', eventId);
  return shareableUrl(url.toString());
}
