import { directServer } from './api-target';

/**
 * A link that reproduces the view for someone else: in direct mode it names the elizaOS server
 * (`?server=`), so the teammate's viewer asks before switching to it. It never carries a key.
 */
export function shareableUrl(href: string): string {
  const url = new URL(href);
  const server = directServer();
  if (server) url.searchParams.set('server', server.url);
  else url.searchParams.delete('server');
  return url.toString();
}
