import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../../server/app-server';

// A real elizaOS server cannot be made to lose its logs endpoint, so this one stands in front of
// it: every request is forwarded, except GET /api/agents/:agentId/logs, which gets the fault.
// A viewer in proxy mode is started in front of it.

const LOGS_PATH = /^\/api\/agents\/[^/]+\/logs$/;

export interface LogsFault {
  status: number;
  body: unknown;
}

export async function startLogsFailingServer(elizaUrl: string, distDir: string, fault: LogsFault) {
  let logsRequests = 0;
  const upstream = new URL(elizaUrl);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    if (req.method === 'GET' && LOGS_PATH.test(path)) {
      logsRequests += 1;
      res.writeHead(fault.status, { 'Content-Type': 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify(fault.body));
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const viewer = await startServer({ port: 0, host: '127.0.0.1', elizaServerUrl: `http://127.0.0.1:${port}`, distDir });

  return {
    viewerUrl: viewer.url,
    logsRequests: () => logsRequests,
    async close() {
      await viewer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
