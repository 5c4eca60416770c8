import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT, startServer, type RunningServer } from '../server/app-server';
import { PORTS, url } from './servers/ports';
import { AGENT_DOCS, AGENT_REAL, expect, RUNS, test } from './test';

// Secure defaults, end to end: the production page's headers, the app working under its strict
// CSP (Web Worker included), and an API key that stays on the viewer's server.

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

/** Records CSP violations in the page (the browser also logs them as console errors, which fail any test). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('serves the app with a strict CSP and safe headers', async ({ request }) => {
  const pages = [
    // The default: the page talks to its own server only.
    ...['/', `/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`, '/no/such/page'].map((path) => ({
      url: `${url(PORTS.viewerToFault)}${path}`,
      connect: ["'self'"],
    })),
    // With DIRECT_SERVER_ORIGINS, exactly the origins named, nothing wider.
    { url: `/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`, connect: ["'self'", url(PORTS.direct)] },
  ];
  for (const { url: pageUrl, connect } of pages) {
    const response = await request.get(pageUrl);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = directives(headers['content-security-policy'] ?? '');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Scripts from the origin, and exactly the page's own inline scripts (the theme's), by their hashes.
    const inline = [...(await response.text()).matchAll(/<script>([^<]*)<\/script>/g)].map(
      ([, code]) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
    );
    expect(inline).toHaveLength(1);
    expect(csp.get('script-src')).toEqual(["'self'", ...inline]);
    expect(csp.get('connect-src')).toEqual(connect);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      expect(values, name).not.toContain("'unsafe-eval'");
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  }
  // Scripts, styles and API answers carry the same protections.
  const html = await (await request.get('/')).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  for (const path of [asset!, '/api/agents', '/api/agents/nobody/runs/x']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
  }
});

test('works under its CSP: run page, payloads, token estimates in a worker, the chart', async ({ page }) => {
  // Three pages, the tokenizer worker and the chart's chunk: slow on a busy machine.
  test.slow();
  const violations = await recordViolations(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  // A stock 1.7.2 run reports no tokens. Opened from a file there is no server to count them: a Web Worker does.
  await page.goto('/');
  await page.getByLabel('Open a run file').setInputFiles('e2e/fixtures/samples/elizaos-1.7.2/run-detail-reply-action.json');
  const usage = page.getByRole('region', { name: 'Token usage' });
  // The chart's code and the tokenizer load when the panel comes near the screen.
  await usage.scrollIntoViewIfNeeded();
  await expect(usage.getByRole('img', { name: /Chart of tokens for 6 model calls/ })).toBeVisible({ timeout: 15_000 });
  await expect(usage.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByRole('definition').filter({ hasText: /estimated$/ })).toBeVisible();
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.every((url) => new URL(url).origin === new URL(page.url()).origin)).toBe(true);

  // From the viewer's server, its server counted them (e2e/first-visit.spec.ts).
  await page.goto(`/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`);
  await expect(summary.getByRole('definition').filter({ hasText: /estimated$/ })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Event timeline' });
  await timeline.getByRole('button', { expanded: false }).first().click();
  await expect(timeline.getByRole('button', { expanded: true }).first()).toBeVisible();
  await expect(timeline).toContainText('source:');

  // The documented shape, with reported tokens: the chart without a worker.
  await page.goto(`/agents/${AGENT_DOCS}/runs/${RUNS.tokens}`);
  await page.getByRole('region', { name: 'Token usage' }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('region', { name: 'Token usage' }).getByRole('img', { name: /Chart of tokens/ })).toBeVisible();
  expect(await violations()).toEqual([]);
});

// --- the API key stays on the viewer's server ------------------------------------------------

const TOKEN = 'e2e-secret-key-7f3a9b';

test.describe('in proxy mode with an API key', () => {
  let embedded: RunningServer;
  let gate: Server;
  let proxied: RunningServer;
  const keysSeen: string[] = [];

  test.beforeAll(async () => {
    embedded = await startServer({ port: 0, runsDir: join(PROJECT_ROOT, 'e2e/fixtures/runs'), warn: () => {} });
    // Stands in for an elizaOS server with ELIZA_SERVER_AUTH_TOKEN set: 401 without the key.
    gate = createServer((req, res) => {
      keysSeen.push(String(req.headers['x-api-key']));
      if (req.headers['x-api-key'] !== TOKEN) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'API key required', message: 'Provide X-API-KEY header' }));
      }
      const { port } = new URL(embedded.url);
      const forward = httpRequest(
        { host: '127.0.0.1', port, path: req.url, method: req.method, headers: { accept: 'application/json' } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end();
    });
    await new Promise<void>((done) => gate.listen(0, '127.0.0.1', done));
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    proxied = await startServer({ port: 0, elizaServerUrl: gateUrl, elizaServerAuthToken: TOKEN });
  });

  test.afterAll(async () => {
    await proxied?.close();
    gate?.closeAllConnections();
    await new Promise((done) => gate?.close(done));
    await embedded?.close();
  });

  test('never puts the key in a URL, a console message, the page or a copied link', async ({ page, context }) => {
    const urls: string[] = [];
    const messages: string[] = [];
    page.on('request', (sent) => urls.push(sent.url()));
    page.on('console', (message) => messages.push(message.text()));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: proxied.url });

    await page.goto(`${proxied.url}/`);
    await expect(page.getByRole('heading', { name: /Fakebot/ })).toBeVisible();
    await page.goto(`${proxied.url}/agents/${AGENT_REAL}/runs`);
    await expect(page.getByRole('link', { name: RUNS.replyAction })).toBeVisible();
    await page.goto(`${proxied.url}/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`);
    await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
    await page.getByRole('region', { name: 'Token usage' }).scrollIntoViewIfNeeded();
    // The chart's chunk (recharts) is the heaviest code on the page: slow to start on a busy machine.
    await expect(page.getByRole('region', { name: 'Token usage' }).getByRole('img', { name: /Chart of tokens/ })).toBeVisible({
      timeout: 15_000,
    });
    const timeline = page.getByRole('list', { name: 'Event timeline' });
    await timeline.getByRole('button', { expanded: false }).first().click();
    await timeline.getByRole('button', { name: 'Copy link to this event' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`${proxied.url}/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`);

    // The key did its work upstream, and only there.
    expect(keysSeen.length).toBeGreaterThan(0);
    expect(new Set(keysSeen)).toEqual(new Set([TOKEN]));
    expect(urls.length).toBeGreaterThan(3);
    for (const url of [...urls, page.url(), copied]) expect(url).not.toContain(TOKEN);
    for (const message of messages) expect(message).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(TOKEN);
    const storage = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
    );
    expect(storage).not.toContain(TOKEN);
  });
});
