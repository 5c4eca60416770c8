import { createStore, useStore } from '../lib/store';

// Where API requests go. By default, the viewer's own server (which serves sample runs or proxies
// to elizaOS, keeping any key on the server). In direct mode, for the app hosted as static files,
// an elizaOS server the user named, with an API key kept in this browser's storage and sent only
// to that server, in the X-API-KEY header. Never in a URL.

export interface DirectServer {
  /** An origin such as http://127.0.0.1:3000, without a trailing slash. */
  url: string;
  apiKey: string | null;
}

const KEY = 'run-viewer:direct-server';
const current = createStore<DirectServer | null>(load());

function load(): DirectServer | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DirectServer> | null;
    const url = value && typeof value.url === 'string' ? normalizeServerUrl(value.url) : null;
    return url ? { url, apiKey: typeof value?.apiKey === 'string' && value.apiKey ? value.apiKey : null } : null;
  } catch {
    return null;
  }
}

/** An http(s) origin, or null for anything else (paths, credentials and queries are refused). */
export function normalizeServerUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function directServer(): DirectServer | null {
  return current.get();
}

export function setDirectServer(server: DirectServer | null): void {
  try {
    if (server) localStorage.setItem(KEY, JSON.stringify(server));
    else localStorage.removeItem(KEY);
  } catch {
    // Without storage the choice lasts for this page only.
  }
  current.set(server);
}

export function useDirectServer(): DirectServer | null {
  return useStore(current);
}

/**
 * Inside elizaOS (the plugin's panel), the page shares its origin with elizaOS's web client, which
 * keeps the server's API key in this origin's storage under this name. The viewer reuses it for
 * its same-origin API calls; it exists nowhere else.
 */
function elizaClientApiKey(): string | null {
  try {
    return localStorage.getItem(`eliza-api-key-${location.origin}`) || null;
  } catch {
    return null;
  }
}

/** The URL, headers and credentials mode for an API path, for the current target. */
export function apiRequest(path: string): {
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  serverName: string;
} {
  const server = current.get();
  if (!server) {
    const key = elizaClientApiKey();
    if (key)
      return {
        url: path,
        headers: { 'X-API-KEY': key },
        credentials: 'same-origin',
        serverName: `the elizaOS server at ${location.origin}`,
      };
    // The viewer's own server: a plain same-origin request, exactly like the `Link: rel=preload` the server sends with a run page
    // (no extra header, credentials 'same-origin'), so Chromium hands the preloaded response to this fetch instead of fetching twice.
    return { url: path, headers: {}, credentials: 'same-origin', serverName: `the viewer's server at ${location.origin}` };
  }
  // Cross-origin: only headers the elizaOS CORS policy allows (X-API-KEY); no cookies.
  return {
    url: server.url + path,
    headers: server.apiKey ? { 'X-API-KEY': server.apiKey } : {},
    credentials: 'omit',
    serverName: `the elizaOS server at ${server.url}`,
  };
}
