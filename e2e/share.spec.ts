import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page, Request, TestInfo } from '@playwright/test';
import { embeddableJson } from '../src/run/snapshot-html';
import { expect, test } from './test';
import { PORTS, url } from './servers/ports';

// Sharing a run with someone who has nothing but a browser: the dialog lists the secrets it will
// mask, the link carries the masked run in its fragment and opens on another viewer that has no
// runs at all, and a damaged link says so.

const SECRETS_RUN_ID = '5ec2e75a-0000-4000-8000-5ec2e75a0001';
const SECRETS_RUN = `/agents/agent-secrets/runs/${SECRETS_RUN_ID}`;
/** The fake secrets in e2e/fixtures/runs/agent-secrets/run-with-secrets.json: none may reach a shared copy. */
const SECRETS = [
  'sk-proj-FAKEa1b2',
  'sk-ant-api03-FAKE',
  'AIzaSyFAKE',
  'ghp_FAKE',
  'xoxb-1234567890',
  'AKIAFAKE2345677ABCDE',
  'mfa.FAKEdiscord',
  'FAKEbearer',
  'FAKEsignature',
  'MIIEFAKE',
  'jane.doe@example.com',
];

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function openShareDialog(page: Page) {
  await page.goto(SECRETS_RUN);
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the share dialog lists each secret it will mask, and where', async ({ page }) => {
  const dialog = await openShareDialog(page);
  const secrets = dialog.getByRole('list', { name: 'Secrets to mask' });
  for (const [label, masked] of [
    ['OpenAI API key', 'sk-proj-…(50 chars)'],
    ['Anthropic API key', 'sk-ant-…'],
    ['Google API key', 'AIza…(39 chars)'],
    ['GitHub token', 'ghp_…(40 chars)'],
    ['Slack token', 'xoxb-…'],
    ['AWS access key id', 'AKIA…(20 chars)'],
    ['JSON Web Token', 'eyJ…'],
    ['Bearer token', 'Bearer …(26 chars)'],
    ['Secret setting', 'DISCORD_TOKEN=…(28 chars)'],
    ['Private key block', '-----BEGIN RSA PRIVATE KEY-----…'],
  ]) {
    await expect(secrets.getByRole('listitem').filter({ hasText: label }).filter({ hasText: masked }).first()).toBeVisible();
  }
  await expect(secrets.getByRole('listitem').first()).toContainText(/in event \d+ \(MODEL_USED\), data\.prompt/);
  await expect(dialog).toContainText("Action outcomes, from the agent's action log");
  for (const secret of SECRETS.slice(0, -1)) expect(await dialog.textContent()).not.toContain(secret);

  await dialog.getByLabel(/Also mask these words/).fill('jane.doe@example.com');
  await expect(secrets.getByRole('listitem').filter({ hasText: 'A word you asked to mask' })).toHaveCount(1);
  await expect(dialog.getByRole('heading', { name: /What will be masked \(1[0-9]\)/ })).toBeVisible();
});

test('axe finds nothing on the share dialog, light and dark', async ({ page }) => {
  test.setTimeout(90_000);
  const dialog = await openShareDialog(page);
  await expect(dialog.getByRole('button', { name: 'Copy share link' })).toBeEnabled();
  for (const theme of ['light', 'dark']) {
    await page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), theme === 'dark');
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(violations, theme).toEqual([]);
    await page.screenshot({ path: `test-results/share-dialog-${theme}.png` });
  }
});

test('the copied link opens on a viewer with no runs: the same run, read-only, no secret, no request', async ({ page, browser }) => {
  const dialog = await openShareDialog(page);
  await dialog.getByLabel(/Also mask these words/).fill('jane.doe@example.com');
  await expect(
    dialog.getByRole('list', { name: 'Secrets to mask' }).getByRole('listitem').filter({ hasText: 'A word you asked to mask' }),
  ).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Copy share link' }).click();
  await expect(dialog.getByRole('status')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const { pathname, search, hash } = new URL(link);
  expect(pathname).toBe(SECRETS_RUN);
  expect(hash).toMatch(/^#share=v1\.[A-Za-z0-9_-]+$/);
  expect(`${pathname}${search}`.length).toBeLessThan(200);

  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const other = await context.newPage();
  const apiRequests: string[] = [];
  other.on('request', (request) => {
    // Only what the page asks for: the Node server's own `Link: rel=preload` for run paths (it cannot
    // see the fragment) is the browser's, and a static host sends none.
    if (new URL(request.url()).pathname.startsWith('/api/') && request.resourceType() !== 'other') apiRequests.push(request.url());
  });
  await other.goto(`${url(PORTS.viewerWithNoRuns)}${pathname}${search}${hash}`);
  const banner = other.getByRole('region', { name: 'Read-only copy' });
  await expect(banner).toContainText('Shared link: a read-only copy of this run');
  await expect(banner).toContainText(/Secrets masked before sharing: 1\d found/);
  const summary = other.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText(SECRETS_RUN_ID);
  // The truth recovered from the action log travels with the run.
  await expect(summary.getByRole('group', { name: '1 error' })).toContainText('fake TEXT_LARGE failure inside REPLY');
  await expect(other.getByRole('button', { name: /Server/ })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Open file' })).toHaveCount(0);

  // Filters and permalinks work in the copy, and its "Copy link" keeps the run in the fragment.
  await other.getByRole('button', { name: /Errors only/i }).click();
  await expect(other).toHaveURL(/errors=1/);
  await other.getByRole('button', { name: 'Copy link to this view' }).click();
  const viewLink = await other.evaluate(() => navigator.clipboard.readText());
  expect(viewLink).toContain('errors=1');
  expect(new URL(viewLink).hash).toBe(hash);

  const text = (await other.locator('body').textContent()) ?? '';
  const html = await other.content();
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
    expect(html).not.toContain(secret);
  }
  expect(apiRequests).toEqual([]);
  await context.close();
});

test('a damaged or hostile link shows what is wrong and runs nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', () => dialogs++);
  await page.goto(`${url(PORTS.viewerWithNoRuns)}${SECRETS_RUN}#share=v1.eJzLSM3JyVcozy_KSQEAGgQEXQ`);
  await expect(page.getByRole('heading', { name: 'This share link cannot be opened' })).toBeVisible();
  await expect(page.getByText(/damaged or cut short/)).toBeVisible();
  await page.goto(`${url(PORTS.viewerWithNoRuns)}${SECRETS_RUN}#share=v1.eJz<img src=x onerror=alert(1)>`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This share link cannot be opened' })).toBeVisible();
  await expect(page.getByText(/damaged/).first()).toBeVisible();
  expect(dialogs).toBe(0);
});

/** Downloads the snapshot from the dialog (the word masked too) and returns where it was saved and its text. */
async function downloadSnapshot(dialog: Locator, testInfo: TestInfo) {
  await dialog.getByLabel(/Also mask these words/).fill('jane.doe@example.com');
  await expect(
    dialog.getByRole('list', { name: 'Secrets to mask' }).getByRole('listitem').filter({ hasText: 'A word you asked to mask' }),
  ).toHaveCount(1);
  const [download] = await Promise.all([
    dialog.page().waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download snapshot' }).click(),
  ]);
  await expect(dialog.getByRole('status')).toContainText(/Saved as leakybot-run-5ec2e75a-[0-9a-f-]+\.html/);
  expect(download.suggestedFilename()).toBe(`leakybot-run-${SECRETS_RUN_ID}.html`);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, text: await readFile(path, 'utf8') };
}

/**
 * A fresh browser that may open the snapshot files of this test and nothing else: every other
 * request is aborted and counted, and so is each CSP violation.
 */
async function offlineBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const requests: string[] = [];
  const isSnapshotFile = (request: Request) =>
    request.isNavigationRequest() && request.url().startsWith(pathToFileURL(testInfo.outputDir).href);
  await context.route('**', (route) => (isSnapshotFile(route.request()) ? route.continue() : route.abort()));
  context.on('request', (request) => {
    if (!isSnapshotFile(request)) requests.push(`${request.resourceType()} ${request.url()}`);
  });
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { context, page, requests, problems };
}

test('the downloaded snapshot opens from file:// with no request: the same run, read-only, no secret', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const dialog = await openShareDialog(page);
  const { path, text } = await downloadSnapshot(dialog, testInfo);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  const runBytes = (await stat('e2e/fixtures/runs/agent-secrets/run-with-secrets.json')).size;
  testInfo.annotations.push({ type: 'size', description: `snapshot ${text.length} bytes for a run file of ${runBytes} bytes` });

  const { context, page: snapshot, requests, problems } = await offlineBrowser(browser, testInfo);
  const fileUrl = pathToFileURL(path).href;
  await snapshot.goto(fileUrl);
  await expect(snapshot.getByText('elizaOS Run Viewer · snapshot')).toBeVisible();
  const banner = snapshot.getByRole('region', { name: 'Read-only copy' });
  await expect(banner).toContainText('Snapshot: a read-only copy of this run, made');
  await expect(banner).toContainText(`from the viewer at ${url(PORTS.viewer)}`);
  await expect(banner).toContainText(/Secrets masked before sharing: 1\d found/);
  await expect(snapshot).toHaveTitle(`Snapshot of run ${SECRETS_RUN_ID} (Leakybot)`);
  const summary = snapshot.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText(SECRETS_RUN_ID);
  await expect(summary.getByRole('group', { name: '1 error' })).toContainText('fake TEXT_LARGE failure inside REPLY');
  await expect(snapshot.getByRole('button', { name: /Server/ })).toHaveCount(0);
  await expect(snapshot.getByRole('button', { name: 'Share' })).toHaveCount(0);

  // A timeline row and its payload, the masked prompt shown as masked.
  const timeline = snapshot.getByRole('list', { name: 'Event timeline' });
  const call = timeline.getByRole('listitem').filter({ hasText: 'TEXT_LARGE' }).first();
  await call.getByRole('button', { expanded: false }).first().click();
  await expect(call.getByRole('tab', { name: 'Prompt' })).toHaveAttribute('aria-selected', 'true');
  await expect(call).toContainText('sk-proj-…(50 chars)');
  // Tokens: the estimates the viewer's server made were saved in the file (it has no tokenizer).
  const tokens = snapshot.getByRole('region', { name: 'Token usage' });
  await tokens.scrollIntoViewIfNeeded();
  await expect(tokens).toContainText('Estimated: the server reported no token counts');
  await expect(tokens.getByRole('img', { name: /Chart of tokens for 4 model calls/ })).toBeVisible();
  await expect(tokens.getByRole('table').first()).toBeVisible();
  // So are the prompt sections' counts, made in the dialog by the tokenizer the snapshot does not carry.
  const breakdown = snapshot.getByRole('region', { name: 'Context breakdown' });
  await breakdown.scrollIntoViewIfNeeded();
  await expect(breakdown).toContainText(/~[\d,]+ prompt tokens over 1 model call/);
  await expect(call).toContainText(/Settings \(fake, for the share tests\).*~\d+/);
  await snapshot.screenshot({ path: 'test-results/snapshot-light.png', fullPage: true });
  await snapshot.getByRole('button', { name: /^Theme:/ }).click();
  await snapshot.getByRole('button', { name: 'Theme: light' }).click();
  await expect(snapshot.locator('html')).toHaveClass(/dark/);
  await snapshot.screenshot({ path: 'test-results/snapshot-dark.png', fullPage: true });

  // Filters and permalinks rewrite the file's query; keyboard, Markdown and dark mode work.
  await snapshot.getByRole('button', { name: /Errors only/i }).click();
  await expect(snapshot).toHaveURL(/\.html\?(.*&)?errors=1$/);
  await expect(timeline.getByRole('listitem')).toHaveCount(1);
  await snapshot.getByRole('button', { name: /Errors only/i }).click();
  // The expanded call is the current event; `j` moves to the next one.
  const callId = await call.getAttribute('id');
  await expect(timeline.locator('li[aria-current="true"]')).toHaveAttribute('id', callId!);
  const rowIds = await timeline.locator(':scope > li').evaluateAll((rows) => rows.map((row) => row.id));
  await snapshot.keyboard.press('j');
  await expect(timeline.locator('li[aria-current="true"]')).toHaveAttribute('id', rowIds[rowIds.indexOf(callId!) + 1]);
  await snapshot.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect.poll(() => snapshot.evaluate(() => navigator.clipboard.readText())).toContain(SECRETS_RUN_ID);
  await call.getByRole('button', { name: 'Copy link to this event' }).click();
  const permalink = await snapshot.evaluate(() => navigator.clipboard.readText());
  expect(permalink).toMatch(new RegExp(`^${fileUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?event=`));
  await snapshot.goto(permalink);
  await expect(timeline.locator('li[aria-current="true"]')).toContainText('TEXT_LARGE');

  const body = (await snapshot.locator('body').textContent()) ?? '';
  for (const secret of SECRETS) expect(body).not.toContain(secret);
  expect(requests).toEqual([]);
  expect(await snapshot.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('a damaged or hostile snapshot says what is wrong and runs nothing', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const { path, text } = await downloadSnapshot(await openShareDialog(page), testInfo);
  const { context, page: snapshot, requests } = await offlineBrowser(browser, testInfo);
  let dialogs = 0;
  snapshot.on('dialog', (dialog) => {
    dialogs++;
    return dialog.dismiss();
  });
  const bundleElement = /(<script id="run-bundle" type="application\/json">)(.*?)(<\/script>)/s;
  const variant = async (name: string, html: string) => {
    const file = path.replace(/\.html$/, `-${name}.html`);
    await writeFile(file, html);
    await snapshot.goto(pathToFileURL(file).href);
  };

  // The run cut short.
  await variant(
    'cut',
    text.replace(bundleElement, (_all, open: string, json: string, close: string) => open + json.slice(0, 500) + close),
  );
  await expect(snapshot.getByRole('heading', { name: 'This snapshot cannot be opened' })).toBeVisible();
  await expect(snapshot.getByText(/This snapshot file is damaged: its run is not valid JSON/)).toBeVisible();

  // Script in the run's text stays text; a bundle that is not a run is refused with the reason.
  const hostile = {
    viewer: 'elizaos-run-viewer',
    version: 1,
    savedAt: 'x',
    source: { kind: 'file' },
    agent: { id: null },
    response: {
      runId: 'r-hostile',
      status: 'completed',
      startTime: 1,
      endTime: 2,
      events: [
        {
          id: 'e1',
          type: 'RUN_STARTED',
          timestamp: 1,
          data: { text: '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>' },
        },
      ],
    },
  };
  await variant(
    'hostile',
    text.replace(bundleElement, (_all, open: string, _json: string, close: string) => open + embeddableJson(hostile) + close),
  );
  await expect(snapshot.getByRole('region', { name: 'Run summary' })).toContainText('r-hostile');
  await variant(
    'not-a-run',
    text.replace(bundleElement, (_all, open: string, _json: string, close: string) => open + '{"viewer":"elizaos-run-viewer"}' + close),
  );
  await expect(snapshot.getByText(/This snapshot file is damaged: It looks like a run bundle, but/)).toBeVisible();

  // The viewer inside it damaged.
  await variant('app', text.replace(/(<script id="snapshot-app" type="text\/plain" data-css="[^"]*">)(.{2000})/, '$1!!!!'));
  await expect(snapshot.getByText(/This snapshot file is damaged: the viewer inside it could not be unpacked/)).toBeVisible();

  // Saved without token counts (the count failed when it was made): the breakdown says it cannot count, not that it will.
  await variant(
    'no-counts',
    text.replace(bundleElement, (_all, open: string, json: string, close: string) => {
      const { tokenEstimates, ...bundle } = JSON.parse(json);
      expect(tokenEstimates.counts.length).toBeGreaterThan(0);
      return open + embeddableJson(bundle) + close;
    }),
  );
  const breakdown = snapshot.getByRole('region', { name: 'Context breakdown' });
  await breakdown.scrollIntoViewIfNeeded();
  await expect(breakdown).toContainText('saved without the token counts of its prompt sections');
  await expect(breakdown).not.toContainText('comes into view');

  expect(dialogs).toBe(0);
  expect(requests).toEqual([]);
  await context.close();
});

test('a run too big for a link is offered as a snapshot, which opens', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // 400 kB of random hex in a prompt: it deflates to ~200 kB, far past a link that pastes in a chat.
  const hex = randomBytes(200_000).toString('hex');
  const run = JSON.parse(await readFile('e2e/fixtures/samples/documented/run-documented-example.json', 'utf8'));
  run.events[1].data.prompt = `# Big context\n${hex}`;
  await page.goto('/');
  await page
    .getByLabel('Open a run file')
    .setInputFiles({ name: 'big-run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(run)) });
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('550e8400-e29b-41d4-a716-446655440001');
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toContainText(/This link would be [\d.]+ kB: too long to paste in a chat/);
  await expect(dialog.getByRole('button', { name: 'Copy share link' })).toBeDisabled();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download snapshot' }).click()]);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const bytes = (await stat(path)).size;
  testInfo.annotations.push({ type: 'size', description: `snapshot ${bytes} bytes for a run of ${JSON.stringify(run).length} bytes` });

  const { context, page: snapshot, requests } = await offlineBrowser(browser, testInfo);
  await snapshot.goto(pathToFileURL(path).href);
  await expect(snapshot.getByRole('region', { name: 'Read-only copy' })).toContainText('from the file big-run.json');
  const call = snapshot.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'text:large' });
  await call.getByRole('button', { expanded: false }).first().click();
  await expect(call).toContainText(hex.slice(0, 64));
  expect(requests).toEqual([]);
  await context.close();
});
