import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import { sendApiNotFound, sendError, sendMethodNotAllowed, setApiHeaders } from './api-responses';
import { matchApiRoute, routeQuery, type ApiRoute } from './api-routes';
import { createEmbeddedApi } from './embedded-api';
import { createHostCheck, isReadMethod, setSecurityHeaders, splitUrl } from './request-guards';
import { createProxy, displayUrl, sendUpstream } from './proxy';
import { createFirstPaints, createProxyFirstPaints, type FirstPaints } from './first-paint';
import { compareCodeOf, runPageOf, runPreloadLink } from './run-preload';
import { createRunsStore, type RunsStoreOptions } from './runs-store';
import { contentSecurityPolicy, createStaticFiles } from './static-files';
import { createHandoffs } from './upstream-handoff';
import { createTokenEstimates, TOKEN_ESTIMATES_PREFIX } from './token-estimates';

const here = dirname(fileURLToPath(import.meta.url));

export const PROJECT_ROOT = resolve(here, '..');
export const DEFAULT_RUNS_DIR = join(here, 'sample-runs');

export interface ServerOptions {
  /** 0 picks a free port. Default 4173. */
  port?: number;
  /** Default 127.0.0.1; the viewer is only reachable from elsewhere when this says so. */
  host?: string;
  /** Host names the viewer answers besides loopback and `host` (ALLOWED_HOSTS); any other gets 421. */
  allowedHosts?: string[];
  /** Embedded API: RUNS_DIR/<agentId>/*.json. Default: the bundled sample runs. */
  runsDir?: string;
  /** Proxy mode when set: forward the read endpoints to this elizaOS server. */
  elizaServerUrl?: string;
  /** Sent upstream as X-API-KEY; never shown to the browser or in logs. */
  elizaServerAuthToken?: string;
  /** Production: serve this built app. Default <project>/dist. */
  distDir?: string;
  /** Vite in middleware mode instead of dist/. */
  dev?: boolean;
  /** The Vite project root in dev mode. Default: the project folder. */
  root?: string;
  /** Origins of elizaOS servers the page may call itself (direct mode); added to the CSP's connect-src. */
  directServerOrigins?: string[];
  /** For the upstream's headers, and between two pieces of its body. Default 30 s. */
  upstreamTimeoutMs?: number;
  /** For a whole upstream body once its headers came. Default 5 min. */
  upstreamBodyTimeoutMs?: number;
  /** Default 256 MB. */
  maxProxyBodyBytes?: number;
  /** Tuning of the embedded API's index; the defaults suit production. */
  runsStore?: RunsStoreOptions;
  /** Warnings about skipped run files. Default: one line on stderr. */
  warn?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  /** What the API is, for the start-up line: never contains the token. */
  apiDescription: string;
  close(): Promise<void>;
}

type ApiHandler = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => Promise<void> | void;
type RouteHandler = (req: IncomingMessage, res: ServerResponse, route: ApiRoute, path: string, query: string) => Promise<void> | void;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const distDir = resolve(options.distDir ?? join(PROJECT_ROOT, 'dist'));
  if (!options.dev && !existsSync(join(distDir, 'index.html'))) {
    throw new Error(
      `${join(distDir, 'index.html')} is missing: run \`npm run build\` first (or use \`npm start\`, which builds), or \`npm run dev\`.`,
    );
  }
  const { api, apiDescription, close: closeApi, firstPaints } = createApi(options);

  const server = createServer();
  let vite: ViteDevServer | null = null;
  if (options.dev) {
    const { createServer: createViteServer } = await import('vite');
    vite = await createViteServer({
      root: options.root ?? PROJECT_ROOT,
      server: { middlewareMode: true, hmr: { server } },
      appType: 'spa',
    });
  }
  const staticFiles = createStaticFiles(distDir, contentSecurityPolicy(options.directServerOrigins ?? []));
  const isAllowedHost = createHostCheck(host, options.allowedHosts);
  const tokenEstimates = createTokenEstimates(() => ownOrigin(server));

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    const rawUrl = req.url ?? '/';
    // DNS rebinding: a page on another name that resolves here must not reach the API or the app.
    if (!isAllowedHost(req)) {
      res.statusCode = 421;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      return void res.end('Misdirected Request: this viewer does not answer to that host name. Add it to ALLOWED_HOSTS to allow it.');
    }
    // Absolute-form targets (`GET http://elsewhere/...`) are never ours to answer.
    if (!rawUrl.startsWith('/')) {
      res.statusCode = 400;
      return void res.end('Bad Request');
    }
    const { path, query } = splitUrl(rawUrl);
    const preload = isApiPath(path) ? null : runPreloadLink(path, query, () => (vite ? [] : compareCode(distDir)));
    if (preload) res.setHeader('Link', preload);
    const handled = isApiPath(path)
      ? api(req, res, path, query)
      : path.startsWith(TOKEN_ESTIMATES_PREFIX)
        ? tokenEstimates(req, res, path, query)
        : vite
          ? vite.middlewares(req, res, () => notFound(res))
          : // A HEAD has no body to draw into, and must not make the proxy ask the elizaOS server.
            firstPaintOf(req.method === 'GET' ? firstPaints : undefined, path, query).then((firstPaint) =>
              staticFiles(req, res, path, '', firstPaint),
            );
    Promise.resolve(handled).catch((error: unknown) => {
      // A browser that navigates away closes its requests; that is not a failure worth a warning.
      if (req.destroyed || (error as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE') return void res.destroy();
      if (res.headersSent) return void res.destroy();
      (options.warn ?? warnOnStderr)(
        `elizaOS Run Viewer: ${req.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendError(req, res, 500, 'INTERNAL_ERROR', 'The viewer server failed to answer this request');
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4173, host, () => {
      server.off('error', fail);
      done();
    });
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    apiDescription,
    close: async () => {
      await closeAll(server, vite);
      await closeApi?.();
      await tokenEstimates.close();
    },
  };
}

/** Where this server can call itself (the token estimates read runs through its own API). */
function ownOrigin(server: Server): string {
  const { address, family, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `http://${family === 'IPv6' || host.includes(':') ? `[${host}]` : host}:${port}`;
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.end('Not Found');
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * The run's first paint, for a run page as a link opens it (the app draws other views: an event,
 * a filter, a search); null when there is none to draw or it would hold the page back: a folder
 * still being indexed (thousands of runs) answers after the app would have.
 */
async function firstPaintOf(firstPaints: FirstPaints | undefined, path: string, query: string): Promise<string | null> {
  if (!firstPaints) return null;
  const page = runPageOf(path, query);
  if (!page || [...page.params.keys()].some((key) => key !== 'roomId')) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((done) => (timer = setTimeout(done, FIRST_PAINT_WAIT_MS, null)));
  const painted = firstPaints(page.agentId, page.runId, page.roomId).catch(() => null);
  return Promise.race([painted, late]).finally(() => clearTimeout(timer));
}

const FIRST_PAINT_WAIT_MS = 100;

function createApi(options: ServerOptions): {
  api: ApiHandler;
  apiDescription: string;
  close?: () => Promise<void>;
  firstPaints?: FirstPaints;
} {
  /** Read-only, a known route, only the route's own query parameters, never a page. */
  const guarded =
    (answer: RouteHandler): ApiHandler =>
    (req, res, path, rawQuery) => {
      setApiHeaders(res);
      if (!isReadMethod(req)) return sendMethodNotAllowed(req, res);
      const match = matchApiRoute(path);
      if (!match.ok) return match.status === 404 ? sendApiNotFound(req, res) : sendError(req, res, 400, match.code, match.message);
      const query = routeQuery(match.route, rawQuery);
      if (!query.ok) return sendError(req, res, 400, query.code, query.message);
      return answer(req, res, match.route, path, query.query);
    };

  if (options.elizaServerUrl) {
    if (!/^https?:\/\/[^/]/i.test(options.elizaServerUrl) || !URL.canParse(options.elizaServerUrl)) {
      throw new Error(`ELIZA_SERVER_URL must be an http(s) URL such as http://127.0.0.1:3000.`);
    }
    const proxy = createProxy({
      upstreamUrl: options.elizaServerUrl,
      authToken: options.elizaServerAuthToken || undefined,
      timeoutMs: options.upstreamTimeoutMs ?? 30_000,
      bodyTimeoutMs: options.upstreamBodyTimeoutMs ?? 5 * 60_000,
      maxBodyBytes: options.maxProxyBodyBytes ?? 256 * 1024 * 1024,
    });
    // What a run page's first paint asked for goes to the page's own requests for the same (GETs only).
    const handoffs = createHandoffs(proxy.call);
    const api = guarded((req, res, _route, path, query) => {
      const handed = req.method === 'GET' ? handoffs.take(path, query) : null;
      return handed ? sendUpstream(req, res, handed) : proxy(req, res, path, query);
    });
    const key = options.elizaServerAuthToken ? 'set' : 'not set';
    return {
      api,
      apiDescription: `proxy to ${displayUrl(options.elizaServerUrl)}, API key: ${key}`,
      close: async () => handoffs.close(),
      firstPaints: createProxyFirstPaints(handoffs),
    };
  }

  const runsDir = resolve(options.runsDir ?? DEFAULT_RUNS_DIR);
  if (!existsSync(runsDir) || !statSync(runsDir).isDirectory()) {
    throw new Error(`RUNS_DIR ${runsDir} is not a folder.`);
  }
  const warn = options.warn ?? warnOnStderr;
  const store = createRunsStore(runsDir, warn, options.runsStore);
  const embedded = createEmbeddedApi(store);
  const api = guarded((req, res, route, _path, query) => embedded(req, res, route, query));
  return { api, apiDescription: `embedded API, runs from ${runsDir}`, close: () => store.close(), firstPaints: createFirstPaints(store) };
}

function warnOnStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function closeAll(server: Server, vite: ViteDevServer | null): Promise<void> {
  await vite?.close();
  await new Promise<void>((done) => {
    server.close(() => done());
    // Keep-alive and streaming connections would hold close() open indefinitely.
    server.closeAllConnections();
  });
}

/** The comparison page's scripts, read from the build each time it is asked for (a rebuild renames them). */
function compareCode(distDir: string): string[] {
  try {
    return compareCodeOf(readdirSync(join(distDir, 'assets')));
  } catch {
    return [];
  }
}
