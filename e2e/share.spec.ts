import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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
