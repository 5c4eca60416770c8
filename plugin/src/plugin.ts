import type { IncomingHttpHeaders } from 'node:http';
import { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Plugin, Route, RouteRequest, RouteResponse } from '@elizaos/core';
import { setSecurityHeaders } from '../../server/request-guards';
import { contentSecurityPolicy, createStaticFiles } from '../../server/static-files';

// The viewer as an elizaOS plugin: its routes serve the built app (copied next to this file, in
// app/) with the same code and headers as the viewer's own server, except that elizaOS's web client
// may frame it. The app then calls the same server's API itself.

export const PLUGIN_NAME = 'run-viewer';
export const PANEL_NAME = 'Run Viewer';

// elizaOS 1.7 prefixes a plugin's route paths with its name and serves them at
// /api/agents/<agentId>/plugins/run-viewer/..., and also at /run-viewer/... (its plugin route
// handler is mounted at the root as well). Anything else is not ours.
const SERVED_AT = /^((?:\/api\/agents\/[0-9A-Fa-f-]{36}\/plugins)?\/run-viewer)(\/.*)?$/;

// The panel's path, as the web client's <iframe> resolves it: /run-viewer/?agentId=<id>, outside
// /api. The server checks X-API-KEY on every /api request (ELIZA_SERVER_AUTH_TOKEN) before any
// plugin runs, and an iframe cannot send that header, so a panel under /api is a 401 on such a
// server. Outside /api the page loads without the key (it is only the app's files), and its API
// calls carry the key the web client saved for this origin.
const PANEL_PATH = '/../../../../../run-viewer/';

type Handler = (req: RouteRequest, res: unknown) => Promise<void>;

/** Serves the app in `appDir` under whichever of the two bases the request came in on. */
export function createAppHandler(appDir: string): Handler {
  const files = createStaticFiles(appDir, contentSecurityPolicy([], "'self'"));
  return async (req, res) => {
    // elizaOS 1.7 hands route handlers its Express response, a Node ServerResponse.
    if (!(res instanceof ServerResponse)) {
      (res as RouteResponse)
        .status(500)
        .send('The Run Viewer plugin needs an elizaOS 1.7 server: this one does not give plugin routes a Node HTTP response.');
      return;
    }
    setSecurityHeaders(res);
    const match = SERVED_AT.exec(req.path ?? '');
    try {
      if (!match) return sendNotFound(res);
      const head = { method: req.method, headers: (req.headers ?? {}) as IncomingHttpHeaders };
      await files(head, res, match[2] ?? '/', match[1]);
    } catch {
      // elizaOS does not wait for the handler: a failure must end here, never as an unhandled rejection.
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'The Run Viewer plugin failed to answer this request.');
    }
  };
}

export function createRunViewerPlugin(appDir: string): Plugin {
  const serve = createAppHandler(appDir);
  const handler = (req: RouteRequest, res: unknown) => serve(req, res);
  const routes: Route[] = [
    { type: 'GET', path: PANEL_PATH, public: true, name: PANEL_NAME, handler },
    { type: 'GET', path: '/', handler },
    { type: 'GET', path: '/*', handler },
  ];
  return {
    name: PLUGIN_NAME,
    description: 'elizaOS Run Viewer: a tab in the agent sidebar that shows its runs, timelines and failures truthfully.',
    routes,
  };
}

function sendNotFound(res: ServerResponse): void {
  sendText(res, 404, 'Not Found');
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

const runViewerPlugin: Plugin = createRunViewerPlugin(fileURLToPath(new URL('./app/', import.meta.url)));

export default runViewerPlugin;
