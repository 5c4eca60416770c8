import { test as base, type Page } from '@playwright/test';
import { api } from '../../compat/eliza-api';
import type { Manifest } from '../../compat/scenarios';
import { readCompatEnv, TOKEN_VARIABLE, type CompatEnv } from './compat-env';
import { expect, runSummary, timelineItems } from './fixtures';

// The viewer as an elizaOS plugin, inside the real elizaOS 1.7.2 servers of the global setup: they
// serve their official web client and load the built plugin (plugin/dist).

// Not ../test's console check: the official web client logs errors of its own (a registry it cannot
// reach from here, 401s before it has a key). Errors from the viewer's own code still fail the test.
const test = base.extend<{ viewerErrors: string[] }, { compat: CompatEnv }>({
  compat: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => use(readCompatEnv()),
    { scope: 'worker' },
  ],
  viewerErrors: [
    async ({ page }, use) => {
      // Nothing leaves this machine: the official client would call public addresses.
      await page.context().route(
        (url) => url.hostname !== '127.0.0.1',
        (route) => route.abort(),
      );
      const errors: string[] = [];
      page.on('console', (message) => {
        const fromViewer = message.location().url.includes('/run-viewer/');
        if (fromViewer && message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
      });
      page.on('pageerror', (error) => {
        if (error.stack?.includes('/run-viewer/')) errors.push(`pageerror: ${error.message}`);
      });
      await use(errors);
      expect(errors, 'errors from the viewer in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

const PANEL = 'Run Viewer';

/** The official web client keeps its API key in this origin's storage; the viewer reuses it. */
async function saveClientKey(page: Page, baseUrl: string, key: string) {
  await page.addInitScript(([origin, value]) => localStorage.setItem(`eliza-api-key-${origin}`, value), [new URL(baseUrl).origin, key]);
}

/** The agent's chat in the official client, with its side panel open on the Run Viewer tab. */
async function openPanel(page: Page, baseUrl: string, manifest: Manifest) {
  // Two apps load here, the official client (a few MB of JavaScript) and the viewer in its frame.
  test.slow();
  await page.goto(`${baseUrl}/chat/${manifest.agentId}`);
  // The client's side-panel toggle is an icon button without a name; its icon tells what it does.
  await page.locator('button:has(svg.lucide-panel-right)').filter({ visible: true }).click();
  const tab = page.getByRole('tab', { name: PANEL });
  await expect(tab).toBeVisible();
  await tab.click();
  return page.frameLocator(`iframe[title="${PANEL}"]`);
}

test('the real server lists the "Run Viewer" panel, at a path that opens the viewer', async ({ request, compat }) => {
  const { baseUrl, manifest } = compat.serverA;
  const panels = (await api(baseUrl, `/api/agents/${manifest.agentId}/panels`)) as { data: { name: string; path: string }[] };
  const panel = panels.data.find((candidate) => candidate.name === PANEL);
  expect(panel, 'a panel named Run Viewer').toBeDefined();
  // The web client uses the path as an iframe src; the browser resolves it outside /api.
  const url = new URL(panel!.path, baseUrl);
  expect(url.pathname).toBe('/run-viewer/');
  expect(url.searchParams.get('agentId')).toBe(manifest.agentId);
  const page = await request.get(url.toString());
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(await page.text()).toContain('src="/run-viewer/assets/');
});

test('in the official client, the Run Viewer tab lists the agent’s runs and opens the failed one with its timeline', async ({
  page,
  compat,
}) => {
  const { baseUrl, manifest } = compat.serverA;
  const panel = await openPanel(page, baseUrl, manifest);
  await expect(panel.getByRole('heading', { name: new RegExp(`Runs of`) })).toBeVisible();
  const failed = manifest.runs['model-error'];
  const link = panel.getByRole('link', { name: failed.runId });
  await expect(link).toBeVisible();
  await expect(panel.getByRole('link', { name: manifest.runs.simple.runId })).toBeVisible();

  await link.click();
  await expect(runSummary(panel.locator('body')).getByLabel('Status: failed')).toBeVisible();
  const ended = timelineItems(panel.locator('body')).filter({ hasText: 'Run ended' });
  await expect(ended).toContainText('run · failed');

  // The same view as a full page, for a new tab or a teammate.
  const newTab = panel.getByRole('link', { name: 'Open in a new tab' });
  const href = await newTab.getAttribute('href');
  expect(href).toBe(`/run-viewer/agents/${manifest.agentId}/runs/${failed.runId}?roomId=${failed.roomId}`);
  await page.goto(new URL(href!, baseUrl).toString());
  await expect(runSummary(page).getByLabel('Status: failed')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open in a new tab' })).toHaveCount(0);
});

test.describe('on a server that requires an API key', () => {
  test('the tab reuses the key the official client saved, and shows the runs', async ({ page, compat }) => {
    const { baseUrl, manifest } = compat.serverB;
    await saveClientKey(page, baseUrl, process.env[TOKEN_VARIABLE]!);
    const panel = await openPanel(page, baseUrl, manifest);
    await expect(panel.getByRole('link', { name: manifest.runs['model-error'].runId })).toBeVisible();
  });

  test('without a key, or with a wrong one, the viewer says an API key is needed', async ({ page, compat }) => {
    const { baseUrl, manifest } = compat.serverB;
    const viewerUrl = `${baseUrl}/run-viewer/?agentId=${manifest.agentId}`;
    await page.goto(viewerUrl);
    await expect(page.getByRole('heading', { name: 'An API key is needed' })).toBeVisible();

    await saveClientKey(page, baseUrl, 'not-the-key');
    await page.goto(viewerUrl);
    await expect(page.getByRole('heading', { name: 'An API key is needed' })).toBeVisible();
    await expect(page.getByText(/the Run Viewer tab uses the key that client saved/)).toBeVisible();
  });

  test('the plugin’s own path under /api is refused before the plugin runs: a frame cannot send the key', async ({ request, compat }) => {
    const { baseUrl, manifest } = compat.serverB;
    const underApi = await request.get(`${baseUrl}/api/agents/${manifest.agentId}/plugins/run-viewer/?agentId=${manifest.agentId}`);
    expect(underApi.status()).toBe(401);
    const withKey = await request.get(`${baseUrl}/api/agents/${manifest.agentId}/plugins/run-viewer/`, {
      headers: { 'X-API-KEY': process.env[TOKEN_VARIABLE]! },
    });
    expect(withKey.status()).toBe(200);
    expect(await withKey.text()).toContain(`src="/api/agents/${manifest.agentId}/plugins/run-viewer/assets/`);
  });
});
