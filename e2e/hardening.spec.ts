import { DIRECT_API_KEY, PORTS, url } from './servers/ports';
import { expect, RUNS, test } from './test';

// Findings of the second security review (issue 16), met in a real browser: what an upstream
// sends never runs as a page at the viewer's origin, and a saved key never follows a redirect.

const VIEWER_TO_FAULT = url(PORTS.viewerToFault);
const DIRECT = url(PORTS.direct);

for (const fault of ['script-page', 'svg-page']) {
  test(`opening the API address of an upstream ${fault} shows our JSON error and runs nothing`, async ({ page, consoleErrors }) => {
    const response = await page.goto(`${VIEWER_TO_FAULT}/api/agents/faulty/runs/${fault}`);
    expect(response?.status()).toBe(502);
    expect(response?.headers()['content-security-policy']).toBe("default-src 'none'; sandbox");
    await expect(page.locator('body')).toContainText('UPSTREAM_NOT_JSON');
    await expect(page).not.toHaveTitle('pwned');
    // The sandbox at work: Chromium's own JSON viewer script is refused too. Expected, so not an error.
    const blocked = (error: string) => error.startsWith('Blocked script execution') && error.includes('sandboxed');
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((error) => !blocked(error)));
  });
}

test('direct mode never follows a redirect with the saved key, and says why', async ({ page }) => {
  await page.addInitScript(
    ([server, apiKey]) => localStorage.setItem('run-viewer:direct-server', JSON.stringify({ url: server, apiKey })),
    [DIRECT, DIRECT_API_KEY],
  );
  await page.goto('/agents/agent-real/runs/redirect-away');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'The server sent something the viewer cannot read' })).toBeVisible();
  await expect(alert).toContainText(`The elizaOS server at ${DIRECT} answered with a redirect.`);
  const seen = (await (await fetch(`${DIRECT}/__requests`)).json()) as { host: string; apiKey: string | null }[];
  expect(seen.filter((request) => request.host.startsWith('localhost'))).toEqual([]);
});

test('a link naming the current server with a trailing slash or capitals asks nothing', async ({ page }) => {
  await page.addInitScript(
    (server) => localStorage.setItem('run-viewer:direct-server', JSON.stringify({ url: server, apiKey: null })),
    DIRECT,
  );
  for (const written of [`${DIRECT}/`, DIRECT.toUpperCase(), `${DIRECT.replace('http', 'HTTP')}/`]) {
    await page.goto(`/agents/agent-real/runs/${RUNS.modelError}?server=${encodeURIComponent(written)}`);
    // No key saved: the server itself answers, with no prompt in between.
    await expect(page.getByRole('alert').getByRole('heading', { name: 'An API key is needed' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Switch to another elizaOS server?' })).toHaveCount(0);
  }
});

test('the built scripts name no source map, and none is served', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  expect(await (await request.get(asset!)).text()).not.toContain('sourceMappingURL');
  expect((await request.get(`${asset}.map`)).status()).toBe(404);
});
