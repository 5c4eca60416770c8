import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { CONTENT_SECURITY_POLICY } from './static-files';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

describe('static serving', () => {
  const dist = tempDir('dist');
  const runs = tempDir('runs');
  const outside = tempDir('outside');
  let server: RunningServer;
  let index: string;

  beforeAll(async () => {
    fakeDist(dist.path);
    writeFile(outside.path, 'secret.txt', 'do not serve');
    index = readFileSync(join(dist.path, 'index.html'), 'utf8');
    server = await startServer({ port: 0, distDir: dist.path, runsDir: runs.path });
  });

  afterAll(async () => {
    await server.close();
    dist.remove();
    runs.remove();
    outside.remove();
  });

  it('serves index.html for SPA routes, with a strict CSP', async () => {
    for (const path of ['/', '/agents/x/runs/y', '/agents/x/runs/y?roomId=r', '/index.html', '/some/unknown.page']) {
      const res = await rawRequest(server.url, path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toBe(index);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    // Scripts from this origin, and one inline script: the theme's, by its hash.
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets with long immutable caching and gzip', async () => {
    const plain = await rawRequest(server.url, '/assets/index-abc123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-security-policy']).toBeUndefined();

    const zipped = await rawRequest(server.url, '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.text).toBe(plain.text);

    const svg = await rawRequest(server.url, '/favicon.svg', { headers: { 'accept-encoding': 'gzip' } });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-encoding']).toBeUndefined(); // under 1 kB
  });

  it('revalidates with ETags and gzips each asset once, with its length', async () => {
    const first = await rawRequest(server.url, '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    // Gzipped once and kept: the answer has a length, not a stream compressed on the fly.
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(Number(first.headers['content-length'])).toBeGreaterThan(0);
    const again = await rawRequest(server.url, '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers['content-length']).toBe(first.headers['content-length']);
    for (const path of ['/assets/index-abc123.js', '/', '/favicon.svg']) {
      const tag = (await rawRequest(server.url, path)).headers.etag as string;
      const revalidated = await rawRequest(server.url, path, { headers: { 'if-none-match': tag } });
      expect(revalidated.status, path).toBe(304);
      expect(revalidated.body.length, path).toBe(0);
    }
    expect((await rawRequest(server.url, '/', { headers: { 'if-none-match': 'W/"other"' } })).status).toBe(200);
  });

  it('never serves source maps', async () => {
    writeFile(join(dist.path, 'assets'), 'index-abc123.js.map', '{"version":3,"sources":["src/secret.ts"]}');
    const res = await rawRequest(server.url, '/assets/index-abc123.js.map');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('sources');
  });

  it('answers a missing asset with a plain 404, not the app', async () => {
    const res = await rawRequest(server.url, '/assets/index-old999.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).not.toContain('<html');
  });

  it('sends the security headers on every response', async () => {
    for (const path of ['/', '/assets/index-abc123.js', '/assets/missing.js', '/api/agents', '/api/nope']) {
      const res = await rawRequest(server.url, path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });

  it('never serves a file outside dist/', async () => {
    const escape = `/..%2f..%2f..%2f..%2f..%2f..%2f..${outside.path}/secret.txt`;
    for (const path of [
      '/../../../../etc/passwd',
      escape,
      `/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e${outside.path}/secret.txt`,
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await rawRequest(server.url, path);
      expect(res.text, path).not.toContain('do not serve');
      expect(res.text, path).not.toContain('root:');
      expect([200, 400, 404], path).toContain(res.status);
    }
    const nul = await rawRequest(server.url, '/index.html%00.js');
    expect(nul.status).toBe(400);
  });

  it('refuses writes to the app with 405', async () => {
    const res = await rawRequest(server.url, '/agents/x', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('fails to start without a build, saying how to make one', async () => {
    const empty = tempDir('empty-dist');
    try {
      await expect(startServer({ port: 0, distDir: empty.path, runsDir: runs.path })).rejects.toThrow(/npm run build/);
    } finally {
      empty.remove();
    }
  });
});
