import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, rawRequest, tempDir, writeFile } from '../../server/test-support';
import { createRunViewerPlugin, PANEL_NAME } from './plugin';

// The route handlers behind a real HTTP server that calls them the way elizaOS 1.7.2 does: the
// request reduced to { method, path, headers, url } and the Node response itself, not awaited.

const AGENT = '0b5c2a44-1c0d-4f6e-9a3b-2d2c3e4f5a6b';
const API_BASE = `/api/agents/${AGENT}/plugins/run-viewer`;

describe('the Run Viewer plugin routes', () => {
  const app = tempDir('plugin-app');
  const outside = tempDir('plugin-outside');
  const plugin = createRunViewerPlugin(app.path);
  let server: Server;
  let url: string;

  beforeAll(async () => {
    fakeDist(app.path);
    writeFile(outside.path, 'secret.txt', 'do not serve');
    const wildcard = plugin.routes!.find((route) => route.path === '/*')!;
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      void wildcard.handler!({ method: req.method, path, url: req.url, headers: req.headers }, res as never, {} as never);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    app.remove();
    outside.remove();
  });

  it('declares a public GET panel named "Run Viewer" whose iframe path leaves /api, and the routes that serve the app', () => {
    expect(plugin.name).toBe('run-viewer');
    const panels = plugin.routes!.filter((route) => route.public && route.name);
    expect(panels).toHaveLength(1);
    expect(panels[0]).toMatchObject({ type: 'GET', name: PANEL_NAME });
    // elizaOS lists it as /api/agents/<id>/plugins/<name><path>; a browser resolves that to:
    const listed = `/api/agents/${AGENT}/plugins/${plugin.name}${panels[0].path}?agentId=${AGENT}`;
    expect(new URL(listed, 'http://eliza.test').pathname).toBe('/run-viewer/');
    expect(plugin.routes!.map((route) => `${route.type} ${route.path}`)).toEqual(['GET /../../../../../run-viewer/', 'GET /', 'GET /*']);
  });

  it('serves index.html under both bases, naming its files under the base it was asked for, framable by its own origin only', async () => {
    for (const base of ['/run-viewer', API_BASE]) {
      for (const path of ['', '/', '/agents/x/runs/y', '/index.html']) {
        const res = await rawRequest(url, `${base}${path}?agentId=${AGENT}`);
        expect(res.status, base + path).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.text).toContain(`src="${base}/assets/index-abc123.js"`);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("frame-ancestors 'self'");
        expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';/);
        expect(csp).toContain("connect-src 'self';");
      }
    }
  });

  it('serves assets with their content types, immutable caching and gzip', async () => {
    const js = await rawRequest(url, `${API_BASE}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.text).toContain('console.log');
    const svg = await rawRequest(url, '/run-viewer/favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
  });

  it('answers an unknown asset with a 404, not the app', async () => {
    const res = await rawRequest(url, '/run-viewer/assets/index-old999.js');
    expect(res.status).toBe(404);
    expect(res.text).toBe('Not Found');
  });

  it('refuses paths that climb out of the app, and paths that are not its own', async () => {
    const escapes = [
      '/run-viewer/../../secret.txt',
      '/run-viewer/%2e%2e/%2e%2e/secret.txt',
      '/run-viewer/assets/..%2f..%2f..%2fsecret.txt',
    ];
    for (const path of escapes) {
      const res = await rawRequest(url, path.replace('secret.txt', `${outside.path.split('/').pop()}/secret.txt`));
      expect(res.text, path).not.toContain('do not serve');
    }
    for (const path of [
      '/run-viewerx/',
      '/api/agents/not-an-id/plugins/run-viewer/',
      '/other/run-viewer/',
      '/api/agents/%22%3E/plugins/run-viewer/',
    ]) {
      const res = await rawRequest(url, path);
      expect(res.status, path).toBe(404);
    }
    const nul = await rawRequest(url, '/run-viewer/a%00b');
    expect(nul.status).toBe(400);
  });

  it('answers every request, also on a missing app or an unexpected response object, so nothing rejects unhandled', async () => {
    const broken = createRunViewerPlugin('/nonexistent/run-viewer-app');
    const route = broken.routes!.find((candidate) => candidate.path === '/*')!;
    const failing = createServer(
      (req, res) => void route.handler!({ method: 'GET', path: '/run-viewer/', headers: req.headers }, res as never, {} as never),
    );
    await new Promise<void>((done) => failing.listen(0, '127.0.0.1', done));
    const res = await rawRequest(`http://127.0.0.1:${(failing.address() as AddressInfo).port}`, '/run-viewer/');
    await new Promise((done) => failing.close(done));
    expect(res.status).toBe(404);

    const sent: unknown[] = [];
    const notNode = { status: (code: number) => (sent.push(code), notNode), send: (body: unknown) => (sent.push(body), notNode) };
    await expect(route.handler!({ path: '/run-viewer/' }, notNode as never, {} as never)).resolves.toBeUndefined();
    expect(sent[0]).toBe(500);
    expect(String(sent[1])).toMatch(/needs an elizaOS 1.7 server/);
  });
});
