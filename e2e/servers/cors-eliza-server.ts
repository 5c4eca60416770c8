import { createServer, request as forward } from 'node:http';
import { DIRECT_API_KEY } from './ports';

// Stands in for an elizaOS server that a statically hosted viewer calls directly: it answers
// with the real server's CORS policy (any origin; only Content-Type, Authorization and X-API-KEY
// allowed), requires an API key like a server with ELIZA_SERVER_AUTH_TOKEN set, and serves the
// runs of the e2e viewer's embedded API. It records what each request carried, for the tests.

const port = Number(process.env.PORT ?? 4321);
const upstream = Number(process.env.UPSTREAM_PORT ?? 4317);
const seen: { method: string; url: string; host: string; apiKey: string | null; origin: string | null; cookie: boolean }[] = [];

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/__requests') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(seen));
  }
  const origin = req.headers.origin ?? null;
  seen.push({
    method: req.method ?? '',
    url,
    host: req.headers.host ?? '',
    apiKey: (req.headers['x-api-key'] as string | undefined) ?? null,
    origin,
    cookie: Boolean(req.headers.cookie),
  });
  const cors = {
    'Access-Control-Allow-Origin': origin ?? '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-API-KEY',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    return res.end();
  }
  // A server that sends its callers elsewhere: the same stand-in under another origin (localhost),
  // which would receive the key if the viewer followed.
  const away = /^\/api\/agents\/([^/]+)\/runs\/redirect-away$/.exec(url);
  if (away && req.method === 'GET') {
    res.writeHead(307, { ...cors, Location: `http://localhost:${port}/api/agents/${away[1]}/runs` });
    return res.end();
  }
  if (req.headers['x-api-key'] !== DIRECT_API_KEY) {
    res.writeHead(401, { ...cors, 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ error: 'API key required', message: 'Missing or invalid X-API-KEY header' }));
  }
  const proxied = forward(
    { host: '127.0.0.1', port: upstream, path: url, method: 'GET', headers: { accept: 'application/json' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...cors, 'Content-Type': answer.headers['content-type'] ?? 'application/json' });
      if (!/^\/api\/agents\/[^/]+\/runs(\?|$)/.test(url)) return answer.pipe(res);
      // A real elizaOS runs list has no `truth` (the viewer's embedded API adds it): the page must find it in the logs.
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const run of body?.data?.runs ?? []) delete run.truth;
        res.end(JSON.stringify(body));
      });
    },
  );
  proxied.on('error', () => {
    res.writeHead(502, cors);
    res.end();
  });
  proxied.end();
});

server.listen(port, '127.0.0.1', () => console.log(`direct-mode elizaOS stand-in on http://127.0.0.1:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
