import type { Page } from '@playwright/test';
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
  const scriptRequests: string[] = [];
  page.on('request', (request) => {
    const path = request.url().slice(baseURL!.length);
    if (path === apiA || path === apiB) runRequests.push(`${request.resourceType()} ${path}`);
    if (path.startsWith('/assets/compare-')) scriptRequests.push(path);
  });
  const response = await page.goto(`/agents/agent-compare/compare?a=${A}&b=agent-real:${B}&roomB=${ROOM}`);
  const links = response!.headers().link.split(', ');
  expect(links.slice(0, 2)).toEqual([
    `<${apiA}>; rel=preload; as=fetch; crossorigin=anonymous`,
    `<${apiB}>; rel=preload; as=fetch; crossorigin=anonymous`,
  ]);
  // Then the comparison page's own scripts (their names hashed by the build), fetched with the runs.
  expect(links.slice(2)).toEqual([
    expect.stringMatching(/^<\/assets\/compare-page-[\w-]+\.js>; rel=modulepreload; crossorigin$/),
    expect.stringMatching(/^<\/assets\/compare-view-[\w-]+\.js>; rel=modulepreload; crossorigin$/),
  ]);
  await expect(page.getByRole('list', { name: 'Aligned steps' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 });
  // One request per run: the preloads. The app's fetches took their responses instead of asking again.
  expect(runRequests.sort()).toEqual([`other ${apiA}`, `other ${apiB}`]);
  // And the page's scripts once each: the app's own imports took the preloaded ones.
  expect(scriptRequests.sort()).toEqual(links.slice(2).map((link) => link.slice(1, link.indexOf('>'))));
  expect(warnings.filter((warning) => warning.includes('preload') || warning.includes('HydrateFallback'))).toEqual([]);
});

// The server draws a run's summary and first rows into the page itself (server/first-paint.ts), so
// the run shows before the app's JavaScript has loaded; the app then takes the page over.
test.describe('the first paint', () => {
  const ACTION_ERROR_PAGE = `/agents/agent-real/runs/${RUNS.actionError}`;
  const drawn = (page: Page, text: string) => page.locator(`#first-paint [data-t="${text}"]`);
  // A page waits at most 100 ms for the server's picture: the server's first request reads the run's
  // folder and action log, and a busy machine can hold any request longer. Opens the page until it has it.
  const openPainted = async (page: Page) => {
    let html = '';
    await expect
      .poll(async () => (html = (await (await page.goto(ACTION_ERROR_PAGE))?.text()) ?? '').includes('id="first-paint"'))
      .toBe(true);
    return html;
  };

  test('shows the run before any script runs, with the failure the action log tells', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await openPainted(page);
    await expect(page.locator('#first-paint')).toBeVisible();
    await expect(drawn(page, 'Run summary')).toBeVisible();
    await expect(drawn(page, RUNS.actionError)).toBeVisible();
    // elizaOS says the REPLY action succeeded; its action log says it failed, and so does the picture.
    await expect(drawn(page, 'action · failed').first()).toBeVisible();
    await expect(page.locator('#first-paint ol > li')).not.toHaveCount(0);
    // It says what it is, promises nothing only the app brings, and scrolls like a page.
    await expect(page.locator('#first-paint [data-t^="JavaScript is off"]')).toBeVisible();
    // Said once: the page's own "needs JavaScript" line stays hidden under a picture.
    await expect(page.locator('noscript > p')).toBeHidden();
    await expect(drawn(page, 'Conversation')).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    // Drawn, not written: nothing in it is text a locator, a screen reader or a click can find.
    await expect(page.getByText('Run summary')).toHaveCount(0);
    // A page with no picture says it needs JavaScript, instead of staying blank.
    await page.goto('/agents/agent-real/runs');
    await expect(page.locator('noscript > p')).toBeVisible();
    await expect(page.locator('noscript > p')).toHaveText('The elizaOS Run Viewer needs JavaScript: turn it on and reload.');
    await context.close();
  });

  test('gives way to the app, which shows the same status', async ({ page }) => {
    const html = await openPainted(page);
    // The built page's style sheet comes inline with the picture: nothing paints before its sheets are in.
    expect(html).toMatch(/<style>[^<]*\.first-paint/);
    expect(html).not.toContain('rel="stylesheet"');
    const badge = /data-t="([^"]*)"/.exec(html.slice(html.indexOf('Run summary')))![1];
    await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#first-paint')).toHaveCount(0);
    const status = await page
      .getByRole('region', { name: 'Run summary' })
      .getByLabel(/^Status: /)
      .getAttribute('aria-label');
    expect(badge.slice(2)).toBe(status!.replace('Status: ', ''));
    // The app is usable at once: the first row opens.
    const toggle = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first().getByRole('button').first();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  test('stays while the app is still loading the run, and goes when the app shows it', async ({ page }) => {
    // The run's answer is held back: the app shows its loading skeleton, under the picture.
    let release = () => {};
    const released = new Promise<void>((done) => (release = done));
    await page.route(`**/api/agents/agent-real/runs/${RUNS.actionError}`, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    await openPainted(page);
    await expect(page.locator('#root [data-first-paint-wait]')).toBeAttached({ timeout: 15_000 });
    await expect(page.locator('#first-paint')).toBeVisible();
    release();
    await expect(page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#first-paint')).toHaveCount(0);
  });

  test('is dark before the app runs when the system is dark, by the one inline script the page allows', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    // The app's code never arrives: what shows is the server's picture and the page's own head.
    await page.route('**/assets/*.js', (route) => route.abort());
    await openPainted(page);
    await expect(drawn(page, 'Run summary')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    const background = await page.locator('#first-paint').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toBe('rgb(248, 250, 252)');
    // The theme script ran under the page's Content-Security-Policy: no refusal was logged.
    expect(errors.filter((error) => error.includes('Content Security Policy'))).toEqual([]);
    await context.close();
  });

  test('is not drawn for a link to one event, a filter or a search, which the app shows differently', async ({ request }) => {
    await expect.poll(async () => (await (await request.get(ACTION_ERROR_PAGE)).text()).includes('id="first-paint"')).toBe(true);
    for (const query of ['?event=e3', '?kind=model', '?q=reply']) {
      expect(await (await request.get(ACTION_ERROR_PAGE + query)).text()).not.toContain('id="first-paint"');
    }
    expect(await (await request.get('/agents/agent-real/runs')).text()).not.toContain('id="first-paint"');
  });
});
