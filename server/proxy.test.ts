import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { fakeDist, rawRequest, tempDir, type RawResponse } from './test-support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'sekret-token-4b1d';
const BIG_LIMIT = 64 * 1024;

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A real upstream that records every request and misbehaves on cue, by agent id. */
function startUpstream(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const agent = (req.url ?? '').split('?')[0].split('/')[3];
    res.setHeader('Set-Cookie', 'session=upstream');
    res.setHeader('X-Powered-By', 'Express');
    if (agent === 'locked') {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'API key required', message: 'Please provide a valid API key in the X-API-KEY header' }));
    }
    if (agent === 'missing') {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify({ success: false, error: { message: 'API endpoint not found', code: 404 } }));
    }
    if (agent === 'busy') {
      res.writeHead(429, {
        'Content-Type': 'application/json; charset=utf-8',
        'Retry-After': '42',
        'RateLimit-Policy': '1000;w=900',
        'RateLimit-Limit': '1000',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '42',
      });
      return void res.end(JSON.stringify({ success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' } }));
    }
    if (agent === 'slow') return; // never answers
    if (agent === 'huge-length') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(BIG_LIMIT + 1) });
      return void res.end('x'.repeat(BIG_LIMIT + 1));
    }
    if (agent === 'huge-chunked') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('['.padEnd(BIG_LIMIT, ' '));
      return void setTimeout(() => res.end(' 1]'.padEnd(BIG_LIMIT, ' ')), 20);
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ success: true, data: { echo: req.url, padding: 'p'.repeat(2000) } }));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })),
  );
}

describe('proxy mode', () => {
  const dist = tempDir('dist');
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let withKey: RunningServer;
  let withoutKey: RunningServer;
  const responses: RawResponse[] = [];

  const get = async (server: RunningServer, path: string, init?: Parameters<typeof rawRequest>[2]) => {
    const res = await rawRequest(server.url, path, init);
    responses.push(res);
    return res;
  };

  beforeAll(async () => {
    fakeDist(dist.path);
    upstream = await startUpstream();
    const common = { port: 0, distDir: dist.path, elizaServerUrl: upstream.url, upstreamTimeoutMs: 300, maxProxyBodyBytes: BIG_LIMIT };
    withKey = await startServer({ ...common, elizaServerAuthToken: TOKEN });
    withoutKey = await startServer(common);
  });

  afterAll(async () => {
    await withKey.close();
    await withoutKey.close();
    upstream.server.closeAllConnections();
    await new Promise((done) => upstream.server.close(done));
    dist.remove();
  });

  it('forwards the read endpoints with their query strings', async () => {
    const paths = [
      '/api/agents',
      '/api/agents/a1',
      '/api/agents/a1/runs?limit=5&status=completed&from=1',
      '/api/agents/a1/runs/r-1?roomId=room-9',
      '/api/agents/a1/logs?type=action&roomId=room-9&count=50',
    ];
    for (const path of paths) {
      const before = upstream.seen.length;
      const res = await get(withKey, path);
      expect(res.status, path).toBe(200);
      expect((res.json() as Json).data.echo).toBe(path);
      expect(upstream.seen.slice(before).map((seen) => `${seen.method} ${seen.url}`)).toEqual([`GET ${path}`]);
    }
  });

  it('adds the API key and drops every browser header but Accept', async () => {
    await get(withKey, '/api/agents/a1/runs', {
      headers: {
        accept: 'application/json',
        cookie: 'session=browser',
        authorization: 'Bearer browser',
        'x-api-key': 'browser-key',
        'x-entity-id': 'e1',
        'user-agent': 'Mozilla/5.0',
        'x-forwarded-for': '10.0.0.1',
      },
    });
    const { headers } = upstream.seen.at(-1)!;
    expect(headers['x-api-key']).toBe(TOKEN);
    expect(headers.accept).toBe('application/json');
    for (const name of ['cookie', 'authorization', 'x-entity-id', 'user-agent', 'x-forwarded-for'])
      expect(headers[name], name).toBeUndefined();
  });

  it('sends no API key when none is configured, even if the browser sends one', async () => {
    await get(withoutKey, '/api/agents', { headers: { 'x-api-key': 'browser-key' } });
    expect(upstream.seen.at(-1)!.headers['x-api-key']).toBeUndefined();
    expect(withoutKey.apiDescription).toBe(`proxy to ${upstream.url}, API key: not set`);
    expect(withKey.apiDescription).toBe(`proxy to ${upstream.url}, API key: set`);
  });

  it('passes upstream errors through with their status, body and rate-limit headers', async () => {
    const unauthorized = await get(withoutKey, '/api/agents/locked/runs');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.json()).toEqual({ error: 'API key required', message: 'Please provide a valid API key in the X-API-KEY header' });

    const missing = await get(withKey, '/api/agents/missing/runs/r1');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ success: false, error: { message: 'API endpoint not found', code: 404 } });

    const limited = await get(withKey, '/api/agents/busy/runs');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('42');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.headers['ratelimit-policy']).toBe('1000;w=900');
    expect((limited.json() as Json).error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(limited.headers['set-cookie']).toBeUndefined();
    expect(limited.headers['x-powered-by']).toBeUndefined();
    expect(limited.headers['cache-control']).toBe('no-store');
  });

  it('forwards HEAD as HEAD and compresses large answers for clients that accept gzip', async () => {
    const head = await get(withKey, '/api/agents/a1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(upstream.seen.at(-1)!.method).toBe('HEAD');

    const zipped = await get(withKey, '/api/agents/a1/runs/r1', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect((zipped.json() as Json).data.echo).toBe('/api/agents/a1/runs/r1');
  });

  it('refuses other methods with 405 and never forwards them', async () => {
    const before = upstream.seen.length;
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await get(withKey, '/api/agents/a1/runs', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect((res.json() as Json).success).toBe(false);
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('refuses path tricks and other endpoints without forwarding them', async () => {
    const before = upstream.seen.length;
    const cases: Array<[string, number]> = [
      ['/api/agents/../messaging/channels', 400],
      ['/api/agents/a1/runs/..%2f..%2fmessaging', 400],
      ['/api/agents/a1%2Fruns', 400],
      ['/api/agents/a1%5cruns', 400],
      ['/api/agents/a1\\runs', 400],
      ['/api//agents', 400],
      ['/api/agents/%2e%2e/runs', 400],
      ['/api/agents/a1/runs/r1/../../../server/stop', 400],
      ['/api/agents/http:/runs', 400],
      ['/api/agents/a.b/runs', 400],
      ['http://evil.example/api/agents', 400],
      ['/api/messaging/channels', 404],
      ['/api/agents/a1/memories', 400],
      ['/api/agents/a1/memories?tableName=facts', 400],
      ['/api/agents/a1/memories/x', 404],
      ['/api/agents/a1/runs/r1/extra', 404],
      ['/api/agents/a1/logs/x', 404],
    ];
    for (const [path, status] of cases) {
      const res = await get(withKey, path);
      expect(res.status, path).toBe(status);
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('answers 502 when the upstream is unreachable, naming the cause but not the address', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));
    const server = await startServer({ port: 0, distDir: dist.path, elizaServerUrl: `${deadUrl}/`, elizaServerAuthToken: TOKEN });
    try {
      const res = await get(server, '/api/agents');
      expect(res.status).toBe(502);
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'UPSTREAM_UNREACHABLE', message: 'Could not reach the elizaOS server (ECONNREFUSED)' },
      });
    } finally {
      await server.close();
    }
  });

  it('answers 504 when the upstream sends no headers in time', async () => {
    const res = await get(withKey, '/api/agents/slow/runs');
    expect(res.status).toBe(504);
    expect((res.json() as Json).error.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('refuses a body over the size cap', async () => {
    const declared = await get(withKey, '/api/agents/huge-length/runs');
    expect(declared.status).toBe(502);
    expect((declared.json() as Json).error.code).toBe('UPSTREAM_TOO_LARGE');
    // Without Content-Length the status is already sent: the connection is cut instead.
    await expect(rawRequest(withKey.url, '/api/agents/huge-chunked/runs')).rejects.toThrow();
  });

  it('never puts the API key in a response', () => {
    expect(responses.length).toBeGreaterThan(20);
    for (const res of responses) {
      expect(res.text).not.toContain(TOKEN);
      expect(JSON.stringify(res.headers)).not.toContain(TOKEN);
    }
  });
});
