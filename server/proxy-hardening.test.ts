import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir } from './test-support';

// The proxy in front of an upstream that misbehaves at the byte level: pages instead of JSON,
// odd statuses, compressed bodies, drips, early closes, echoed keys. Each is a finding of the
// second security review (issue 16); the upstream is a real socket server, not a mock.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'sekret-token-4b1d';
const JSON_BODY = JSON.stringify({ success: true, data: { ok: true, padding: 'p'.repeat(3000) } });

interface Seen {
  requestLine: string;
  head: string;
}

function response(status: string, headers: Record<string, string | number>, body: string | Buffer = ''): Buffer {
  const lines = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'Connection: close', '', ''];
  return Buffer.concat([Buffer.from(lines.join('\r\n')), Buffer.from(body)]);
}

const BEHAVIOURS: Record<string, (socket: Socket) => void> = {
  script: (socket) => socket.end(response('200 OK', { 'Content-Type': 'text/html' }, '<script>document.title = "pwned"</script>')),
  svg: (socket) =>
    socket.end(
      response('200 OK', { 'Content-Type': 'image/svg+xml' }, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ),
  untyped: (socket) => socket.end(response('200 OK', { 'Content-Length': 2 }, '{}')),
  'json-error': (socket) => socket.end(response('500 Internal Server Error', { 'Content-Type': 'application/json' }, '{"success":false}')),
  'text-error': (socket) => socket.end(response('500 Internal Server Error', { 'Content-Type': 'text/plain' }, 'boom')),
  gzipped: (socket) => {
    const body = gzipSync(JSON_BODY);
    socket.end(response('200 OK', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length }, body));
  },
  'odd-encoding': (socket) => socket.end(response('200 OK', { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-ish' }, 'xx')),
  'status-999': (socket) => socket.end(response('999 Whatever', { 'Content-Type': 'application/json', 'Content-Length': 2 }, '{}')),
  'status-101': (socket) => socket.end(response('101 Switching Protocols', { Upgrade: 'websocket' })),
  'status-102': (socket) => socket.end(Buffer.from('HTTP/1.1 102 Processing\r\n\r\n')),
  redirect: (socket) =>
    socket.end(
      response('302 Found', { Location: 'http://elsewhere.example/', 'Content-Type': 'application/json', 'Content-Length': 2 }, '{}'),
    ),
  'close-before-body': (socket) => {
    socket.write(response('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 5000 }));
    setTimeout(() => socket.destroy(), 20);
  },
  drip: (socket) => {
    socket.write(response('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 100_000 }));
    const timer = setInterval(() => socket.write(' '), 100);
    socket.on('close', () => clearInterval(timer));
  },
  'echo-key': (socket) => {
    const body = JSON.stringify({ success: false, error: { code: 'BAD', message: `key ${TOKEN} is not valid, "${TOKEN}"` } });
    socket.end(response('403 Forbidden', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, body));
  },
  'echo-key-split': (socket) => {
    socket.write(response('200 OK', { 'Content-Type': 'application/json' }));
    const body = JSON.stringify({ key: TOKEN });
    const cut = body.indexOf(TOKEN) + 5;
    socket.write(body.slice(0, cut));
    setTimeout(() => socket.end(body.slice(cut)), 30);
  },
};

/** A raw socket server: the second path segment after /api/agents/ picks the behaviour; anything else is plain JSON. */
function startUpstream(): Promise<{ server: NetServer; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createNetServer((socket) => {
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const requestLine = head.split('\r\n')[0];
      seen.push({ requestLine, head });
      const agent = requestLine.split(' ')[1].split('?')[0].split('/')[3] ?? '';
      const behaviour = BEHAVIOURS[agent];
      if (behaviour) return behaviour(socket);
      socket.end(
        response(
          '200 OK',
          { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(JSON_BODY) },
          JSON_BODY,
        ),
      );
    });
    socket.on('error', () => {});
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })),
  );
}

describe('proxy hardening', () => {
  const dist = tempDir('dist');
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let viewer: RunningServer;

  beforeAll(async () => {
    fakeDist(dist.path);
    upstream = await startUpstream();
    viewer = await startServer({
      port: 0,
      distDir: dist.path,
      elizaServerUrl: upstream.url,
      elizaServerAuthToken: TOKEN,
      upstreamTimeoutMs: 300,
      upstreamBodyTimeoutMs: 1000,
      allowedHosts: ['viewer.internal'],
    });
  });

  afterAll(async () => {
    await viewer.close();
    await new Promise((done) => upstream.server.close(done));
    dist.remove();
  });

  const get = (path: string, headers?: Record<string, string>) => rawRequest(viewer.url, path, { headers });

  it.each(['script', 'svg', 'untyped', 'text-error'])('never passes on a %s answer: 502 with its own JSON error', async (agent) => {
    const res = await get(`/api/agents/${agent}/runs/r1`);
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((res.json() as Json).error.code).toBe('UPSTREAM_NOT_JSON');
    expect(res.text).not.toContain('<script');
  });

  it('passes a JSON error on with its status', async () => {
    const res = await get('/api/agents/json-error/runs/r1');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ success: false });
  });

  it('asks the upstream for JSON whatever the browser asked for', async () => {
    await get('/api/agents/a1/runs', { accept: 'text/html,application/xhtml+xml' });
    expect(upstream.seen.at(-1)!.head.toLowerCase()).toContain('\r\naccept: application/json\r\n');
  });

  it('marks every /api answer as never a page: sandboxed, not sniffed', async () => {
    for (const path of ['/api/agents', '/api/agents/script/runs/r1', '/api/agents/a.b', '/api/nothing', '/api/agents/a1/memories']) {
      const res = await get(path);
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; sandbox");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('answers 421 to a host name it does not serve, on every route, and never forwards it', async () => {
    const before = upstream.seen.length;
    for (const path of ['/api/agents', '/api/agents/a1/runs/r1', '/', '/assets/index-abc123.js', '/agents/a1/runs/r1']) {
      for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', 'localhost.evil.example']) {
        const res = await get(path, { host });
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.text).not.toContain(TOKEN);
      }
    }
    expect(upstream.seen.length).toBe(before);
    const port = new URL(viewer.url).port;
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'LOCALHOST',
      'viewer.internal',
      `Viewer.Internal:${port}`,
    ]) {
      expect((await get('/api/agents', { host })).status, host).toBe(200);
    }
  });

  it('ends a dripping body within the stated time instead of holding the connection open', async () => {
    // Cut mid-body, or (when nothing was passed on yet) a 504: either way it ends.
    const outcome = await get('/api/agents/drip/runs/r1').then(
      (res) => res.status,
      () => 'connection cut',
    );
    expect([504, 'connection cut']).toContain(outcome);
  });

  it('answers 502 when the upstream closes before any body', async () => {
    const res = await get('/api/agents/close-before-body/runs/r1');
    expect(res.status).toBe(502);
    expect((res.json() as Json).error.code).toBe('UPSTREAM_CLOSED');
  });

  it.each(['status-999', 'status-101', 'status-102', 'redirect'])('answers 502 to an upstream %s', async (agent) => {
    const res = await get(`/api/agents/${agent}/runs/r1`);
    expect(res.status).toBe(502);
    expect((res.json() as Json).success).toBe(false);
  });

  it('decodes a compressed upstream body, and compresses once for the browser', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const res = await get('/api/agents/gzipped/runs/r1', headers);
      expect(res.status).toBe(200);
      expect(res.text).toBe(JSON_BODY);
    }
    const odd = await get('/api/agents/odd-encoding/runs/r1');
    expect(odd.status).toBe(502);
    expect((odd.json() as Json).error.code).toBe('UPSTREAM_BAD_ENCODING');
  });

  it('names no internal upstream address to the browser', async () => {
    const paths = [
      '/api/agents/script/runs/r1',
      '/api/agents/status-999/runs/r1',
      '/api/agents/close-before-body/runs/r1',
      '/api/agents/drip/runs/r1',
    ];
    for (const path of paths.slice(0, 3)) {
      const res = await get(path);
      expect(res.text).not.toContain('127.0.0.1');
      expect(res.text).not.toContain(new URL(upstream.url).port);
    }
    const dead = await startServer({ port: 0, distDir: dist.path, elizaServerUrl: 'http://127.0.0.1:1/internal-path' });
    try {
      const res = await rawRequest(dead.url, '/api/agents');
      expect(res.status).toBe(502);
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'UPSTREAM_UNREACHABLE', message: 'Could not reach the elizaOS server (ECONNREFUSED)' },
      });
    } finally {
      await dead.close();
    }
  });

  it('scrubs the API key from an upstream body that echoes it, even split across pieces', async () => {
    const echoed = await get('/api/agents/echo-key/runs/r1');
    expect(echoed.status).toBe(403);
    expect(echoed.text).not.toContain(TOKEN);
    expect(echoed.text).toContain('*'.repeat(TOKEN.length));
    expect(Number(echoed.headers['content-length'])).toBe(echoed.body.length);
    const split = await get('/api/agents/echo-key-split/runs/r1');
    expect(split.json()).toEqual({ key: '*'.repeat(TOKEN.length) });
  });

  it('forwards only the query parameters each route reads', async () => {
    const room = '8c804bdb-3231-0770-931b-7f1f637e3353';
    const cases: Array<[string, string]> = [
      ['/api/agents?limit=5', '/api/agents'],
      ['/api/agents/a1?includeSecrets=true', '/api/agents/a1'],
      [
        '/api/agents/a1/runs?limit=5&status=completed&evil=1&roomId=r&from=1&to=2&limit=99',
        '/api/agents/a1/runs?limit=5&status=completed&roomId=r&from=1&to=2',
      ],
      ['/api/agents/a1/runs/r1?roomId=room-9&debug=1', '/api/agents/a1/runs/r1?roomId=room-9'],
      [
        '/api/agents/a1/logs?type=action&roomId=r&count=5&offset=10&excludeTypes=x',
        '/api/agents/a1/logs?type=action&roomId=r&count=5&offset=10',
      ],
      [`/api/agents/a1/memories?roomId=${room}&tableName=facts&includeEmbedding=true`, `/api/agents/a1/memories?roomId=${room}`],
    ];
    for (const [path, forwarded] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(upstream.seen.at(-1)!.requestLine, path).toBe(`GET ${forwarded} HTTP/1.1`);
    }
    const before = upstream.seen.length;
    for (const path of ['/api/agents/a1/memories', '/api/agents/a1/memories?roomId=room-9', '/api/agents/a1/memories?tableName=facts']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((res.json() as Json).error.code, path).toBe('INVALID_QUERY');
    }
    expect(upstream.seen.length).toBe(before);
  });
});
