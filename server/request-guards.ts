import type { IncomingMessage, ServerResponse } from 'node:http';

// Checks every request passes before any route sees it, and the headers every answer carries.

/** What the static and gzip helpers read from a request: a Node request, or an elizaOS plugin route's request. */
export type RequestHead = Pick<IncomingMessage, 'method' | 'headers'>;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export function isReadMethod(req: RequestHead): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** Splits `/a/b?x=1` into its path and raw query (without `?`). */
export function splitUrl(rawUrl: string): { path: string; query: string } {
  const at = rawUrl.indexOf('?');
  return at === -1 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, at), query: rawUrl.slice(at + 1) };
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which `Host` headers the viewer answers. A page on another name that resolves to this machine
 * (DNS rebinding) must not reach the API, where the proxy adds the key: only loopback names, the
 * configured HOST and the ALLOWED_HOSTS names pass, on any port.
 */
export function createHostCheck(host: string, allowedHosts: string[] = []): (req: IncomingMessage) => boolean {
  const allowed = new Set([...LOOPBACK_NAMES, hostName(host), ...allowedHosts.map(hostName)].filter((name) => name !== ''));
  return (req) => {
    const header = req.headers.host;
    return typeof header === 'string' && allowed.has(hostName(header));
  };
}

/** `Example.COM:8080` -> `example.com`, `[::1]:80` -> `[::1]`, `::1` -> `[::1]`. */
export function hostName(value: string): string {
  const trimmed = value.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  if (trimmed.split(':').length > 2) return `[${trimmed}]`;
  return trimmed.split(':')[0].replace(/\.$/, '');
}
