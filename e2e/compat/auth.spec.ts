import type { Page } from '@playwright/test';
import { TOKEN_VARIABLE } from './compat-env';
import { expect, runSummary, runUrl, test } from './fixtures';

// Server B requires X-API-KEY. The viewer holds the key on its own server; the browser must
// never see it.

/** Everything the browser received from the viewer: the page, and every /api response body. */
function recordResponses(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) bodies.push(response.text().catch(() => ''));
  });
  return async () => [await page.content(), ...(await Promise.all(bodies))];
}

function apiKey(): string {
  const token = process.env[TOKEN_VARIABLE];
  if (!token) throw new Error(`${TOKEN_VARIABLE} is not set by the global setup`);
  return token;
}

test('says an API key is needed when the viewer has none for a server that requires one', async ({ page, compat }) => {
  const { agentId, runs } = compat.serverB.manifest;
  const received = recordResponses(page);
  await page.goto(runUrl(compat.viewers.bWithoutKey, agentId, runs.simple.runId, runs.simple.roomId));
  await expect(page.getByRole('alert').getByRole('heading', { name: 'An API key is needed' })).toBeVisible();
  const texts = await received();
  expect(texts.length, 'responses recorded').toBeGreaterThan(1);
  for (const text of texts) expect(text).not.toContain(apiKey());
});

test('shows a run from a server that requires a key, without showing the key', async ({ page, compat }) => {
  const { agentId, runs } = compat.serverB.manifest;
  const received = recordResponses(page);
  await page.goto(runUrl(compat.viewers.bWithKey, agentId, runs.simple.runId, runs.simple.roomId));
  await expect(runSummary(page).getByLabel('Status: completed')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible();
  const texts = await received();
  expect(texts.length, 'responses recorded').toBeGreaterThan(1);
  for (const text of texts) expect(text).not.toContain(apiKey());
});
