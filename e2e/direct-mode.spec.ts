import { DIRECT_API_KEY, PORTS, url } from './servers/ports';
import { expect, RUNS, test } from './test';

// Direct mode: the app calls an elizaOS server itself (as when hosted as static files), with the
// API key kept in browser storage and sent only to that server.

const DIRECT = url(PORTS.direct);
const RUN = `/agents/agent-real/runs/${RUNS.modelError}`;

async function requestsSeen() {
  const response = await fetch(`${DIRECT}/__requests`);
  return (await response.json()) as { method: string; url: string; apiKey: string | null; cookie: boolean }[];
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('talks to an elizaOS server directly with a stored key, and never puts the key in a URL', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  // A run no other test here asks the stand-in for: the tests run in parallel and share its request log.
  await page.goto(`/agents/agent-real/runs/${RUNS.simpleReply}`);
  await page.getByRole('button', { name: 'Server: this viewer' }).click();
  const settings = page.getByRole('dialog', { name: 'elizaOS server' });
  await settings.getByLabel('Server address').fill(DIRECT);
  await settings.getByRole('button', { name: 'Save' }).click();
  // No key yet: the server refuses.
  await expect(page.getByRole('alert').getByRole('heading', { name: 'An API key is needed' })).toBeVisible();

  await page.getByRole('button', { name: `Server: ${DIRECT}` }).click();
  await settings.getByLabel(/API key/).fill(DIRECT_API_KEY);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Run summary' }).getByLabel('Status: completed')).toBeVisible();

  const seen = await requestsSeen();
  const runRequests = seen.filter((request) => request.method === 'GET' && request.url.includes(RUNS.simpleReply));
  expect(runRequests.at(-1)?.apiKey).toBe(DIRECT_API_KEY);
  expect(seen.every((request) => !request.cookie)).toBe(true);

  await page.getByRole('button', { name: 'Copy link to this view' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`server=${encodeURIComponent(DIRECT)}`);
  expect(link).not.toContain(DIRECT_API_KEY);
  expect(urls.some((address) => address.includes(DIRECT_API_KEY))).toBe(false);
  expect(page.url()).not.toContain(DIRECT_API_KEY);
});

test('compares two runs read straight from the elizaOS server, each with the stored key', async ({ page }) => {
  const [a, b] = ['c0ffee01-1111-4a11-8a11-111111111111', 'c0ffee02-2222-4b22-8b22-222222222222'];
  await page.addInitScript((server) => localStorage.setItem('run-viewer:direct-server', JSON.stringify(server)), {
    url: DIRECT,
    apiKey: DIRECT_API_KEY,
  });
  await page.goto(`/agents/agent-compare/compare?a=${a}&b=${b}`);
  const comparison = page.getByRole('region', { name: 'Run comparison' });
  await expect(comparison.getByRole('list', { name: 'Aligned steps' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 });
  await expect(comparison.getByRole('region', { name: 'Run B' })).toContainText('1 error');
  await expect(comparison.getByRole('listitem').filter({ hasText: 'REPLY' })).toHaveAttribute('data-mark', 'outcome');
  // No other test here compares these runs: each request for them in the stand-in's log is this page's
  // (the browser's CORS preflights, OPTIONS, carry no key by design).
  const seen = (await requestsSeen()).filter((request) => request.method === 'GET' && (request.url.includes(a) || request.url.includes(b)));
  for (const id of [a, b])
    expect(seen.some((request) => request.url.endsWith(`/runs/${id}`) && request.apiKey === DIRECT_API_KEY)).toBe(true);
  expect(seen.every((request) => request.apiKey === DIRECT_API_KEY && !request.cookie)).toBe(true);
  // Its link names the server, for a teammate's viewer to ask before switching; never the key.
  await comparison.getByRole('button', { name: 'Copy link to this comparison' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`server=${encodeURIComponent(DIRECT)}`);
  expect(link).not.toContain(DIRECT_API_KEY);
});

test('asks before following a link to another server, and sends it no stored key', async ({ page }) => {
  // This browser already talks to another server with a key.
  await page.addInitScript(() => {
    localStorage.setItem('run-viewer:direct-server', JSON.stringify({ url: 'http://127.0.0.1:9', apiKey: 'key-for-another-server' }));
  });
  await page.goto(`${RUN}?server=${encodeURIComponent(DIRECT)}`);
  const prompt = page.getByRole('dialog', { name: 'Switch to another elizaOS server?' });
  await expect(prompt).toContainText(`This link shows a run on ${DIRECT}`);
  expect(
    (await requestsSeen()).filter((request) => request.url.includes(RUNS.modelError) && request.apiKey === 'key-for-another-server'),
  ).toEqual([]);
  await prompt.getByRole('button', { name: `Switch to ${DIRECT}` }).click();
  // Switched without the other server's key: this one needs its own.
  await expect(page.getByRole('alert').getByRole('heading', { name: 'An API key is needed' })).toBeVisible();
  const seen = await requestsSeen();
  expect(seen.some((request) => request.apiKey === 'key-for-another-server')).toBe(false);
});

test('staying on the current server ignores the link’s server', async ({ page }) => {
  await page.goto(`${RUN}?server=${encodeURIComponent(DIRECT)}`);
  await page
    .getByRole('dialog', { name: 'Switch to another elizaOS server?' })
    .getByRole('button', { name: /Stay on/ })
    .click();
  await expect(page.getByRole('region', { name: 'Run summary' }).getByLabel('Status: failed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Server: this viewer' })).toBeVisible();
});

test('a real server’s runs list shows the truth from three log requests, not one run request per row', async ({ page }) => {
  await page.addInitScript(
    ([address, key]) => localStorage.setItem('run-viewer:direct-server', JSON.stringify({ url: address, apiKey: key })),
    [DIRECT, DIRECT_API_KEY],
  );
  // This page's own requests: the stand-in server's log also holds those of the tests running beside this one.
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().startsWith(DIRECT))
      sent.push(new URL(request.url()).pathname + new URL(request.url()).search);
  });
  await page.goto('/agents/agent-real/runs');
  const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: RUNS.modelError }).getByLabel('Status: failed')).toBeVisible();
  // Its REPLY failed: the action log says so, as on its run page.
  const actionError = rows.filter({ hasText: RUNS.actionError });
  await expect(actionError.getByLabel('Status: completed')).toBeVisible();
  await expect(actionError.getByRole('cell').last()).toHaveText('1');
  await expect(rows.filter({ hasText: RUNS.embeddingError }).getByRole('cell').last()).toHaveText('1');
  await expect(rows.filter({ hasText: RUNS.replyAction }).getByRole('cell').last()).toHaveText('0');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'has errors' });
  await expect(rows).toHaveCount(4);

  expect(
    sent.filter((url) => /\/runs\/[^/?]+/.test(url)),
    'run detail requests',
  ).toEqual([]);
  expect(sent.some((url) => url.includes('/logs?type=run_event'))).toBe(true);
});
