import { expect, RUNS, test } from './test';

// What a first visit of a run page downloads: the run starts with the page (one request, reused by
// the app), and the tokenizer is not downloaded when the viewer's own server can count tokens.
// Cold pages with a 1 MB worker on a shared 2-core machine: generous timeouts, never timings.
test.slow();

const ROOM = '8c804bdb-3231-0770-931b-7f1f637e3353';
const RUN_PAGE = `/agents/agent-real/runs/${RUNS.replyAction}?roomId=${ROOM}`;
const RUN_API = `/api/agents/agent-real/runs/${RUNS.replyAction}?roomId=${ROOM}`;

test('starts the run request with the page, and the app uses that response', async ({ page, baseURL }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const runRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url() === baseURL + RUN_API) runRequests.push(request.resourceType());
  });
  const response = await page.goto(RUN_PAGE);
  expect(response!.headers().link).toBe(`<${RUN_API}>; rel=preload; as=fetch; crossorigin=anonymous`);
  await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Run summary' }).getByLabel('Status: completed')).toBeVisible();
  // One request: the preload. The app's fetch took its response instead of asking again.
  expect(runRequests).toEqual(['other']);
  expect(warnings.filter((warning) => warning.includes('preload'))).toEqual([]);
});

test('counts the tokens of a stock 1.7.2 run on the viewer server, and loads no tokenizer for the first rows', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const counted = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/viewer-api/token-estimates/'));
  // Asked for once the breakdown nears the screen, which scrolling to the token panel below it does.
  const sections = page.waitForResponse((response) => new URL(response.url()).searchParams.get('of') === 'sections');
  await page.goto(RUN_PAGE);
  await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
  expect(workers).toEqual([]);
  expect((await counted).status()).toBe(200);
  const usage = page.getByRole('region', { name: 'Token usage' });
  await usage.scrollIntoViewIfNeeded();
  await expect(usage).toContainText('counted from the prompt and response text with the cl100k_base tokenizer');
  await expect(usage.getByRole('table', { name: 'By model type' })).toContainText('TEXT_LARGE', { timeout: 15_000 });
  await expect(
    page
      .getByRole('region', { name: 'Run summary' })
      .getByRole('definition')
      .filter({ hasText: /estimated$/ }),
  ).toBeVisible();
  // The context breakdown's section counts come from the viewer's server too: still no worker.
  const breakdown = page.getByRole('region', { name: 'Context breakdown' });
  await breakdown.scrollIntoViewIfNeeded();
  expect((await sections).status()).toBe(200);
  await expect(breakdown.getByRole('table')).toBeVisible({ timeout: 15_000 });
  expect(workers).toEqual([]);
});

test('counts the tokens of an opened file in the browser, once the token panel comes into view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 400 });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('/');
  await page.getByLabel('Open a run file').setInputFiles('e2e/fixtures/samples/elizaos-1.7.2/run-detail-reply-action.json');
  await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
  expect(workers).toEqual([]);

  const usage = page.getByRole('region', { name: 'Token usage' });
  await usage.scrollIntoViewIfNeeded();
  await expect(usage.getByRole('table', { name: 'By model type' })).toContainText('TEXT_LARGE', { timeout: 15_000 });
  expect(workers.length).toBeGreaterThan(0);
  for (const worker of workers) expect(new URL(worker).pathname).toMatch(/^\/assets\/token-estimate\.worker-.*\.js$/);
});

test('a comparison starts both run requests with the page, and the app uses those responses', async ({ page, baseURL }) => {
  const A = 'c0ffee01-1111-4a11-8a11-111111111111';
  const B = `${RUNS.replyAction}`;
  const apiA = `/api/agents/agent-compare/runs/${A}`;
  const apiB = `/api/agents/agent-real/runs/${B}?roomId=${ROOM}`;
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const runRequests: string[] = [];
  page.on('request', (request) => {
    const path = request.url().slice(baseURL!.length);
    if (path === apiA || path === apiB) runRequests.push(`${request.resourceType()} ${path}`);
  });
  const response = await page.goto(`/agents/agent-compare/compare?a=${A}&b=agent-real:${B}&roomB=${ROOM}`);
  expect(response!.headers().link).toBe(
    `<${apiA}>; rel=preload; as=fetch; crossorigin=anonymous, <${apiB}>; rel=preload; as=fetch; crossorigin=anonymous`,
  );
  await expect(page.getByRole('list', { name: 'Aligned steps' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 });
  // One request per run: the preloads. The app's fetches took their responses instead of asking again.
  expect(runRequests.sort()).toEqual([`other ${apiA}`, `other ${apiB}`]);
  expect(warnings.filter((warning) => warning.includes('preload') || warning.includes('HydrateFallback'))).toEqual([]);
});
