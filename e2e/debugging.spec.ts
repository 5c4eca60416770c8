import { expect, RUNS, test } from './test';

const REPLY = `/agents/agent-real/runs/${RUNS.replyAction}`;
const timeline = (page: import('@playwright/test').Page) => page.getByRole('list', { name: 'Event timeline' });

test.describe('runs list', () => {
  test('shows the truthful status and counts, filters by status, and pages backwards', async ({ page }) => {
    await page.goto('/agents/agent-real/runs?limit=3');
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText(RUNS.embeddingError);
    await page.getByRole('button', { name: 'Older runs' }).click();
    await expect(page).toHaveURL(/before=\d+/);
    await expect(rows).toHaveCount(4);
    await expect(page.getByRole('button', { name: 'Older runs' })).toBeHidden();
    const failed = rows.filter({ hasText: RUNS.modelError });
    // The server says "completed"; its RUN_ENDED carries an error.
    await expect(failed.getByLabel('Status: failed')).toBeVisible();
    await expect(failed.getByRole('cell').last()).toHaveText('1');
    await expect(rows.filter({ hasText: RUNS.replyAction }).getByRole('link')).toHaveAttribute('href', /\?roomId=8c804bdb/);
    await page.getByRole('button', { name: 'Newest runs' }).click();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('running');
    await expect(page).toHaveURL(/status=running/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(RUNS.inProgress);
    await expect(rows.nth(1).getByLabel('Status: running')).toBeVisible();
  });

  test('finds failed runs and runs with errors by the truth the run page shows, opening no run to do it', async ({ page }) => {
    const details: string[] = [];
    page.on('request', (request) => {
      if (/^\/api\/agents\/[^/]+\/runs\/[^/]+$/.test(new URL(request.url()).pathname)) details.push(request.url());
    });
    await page.goto('/agents/agent-real/runs');
    await expect(page.getByRole('heading', { name: 'Runs of Fakebot' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy agent id' })).toBeVisible();
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
    await expect(rows).toHaveCount(7);
    // Its REPLY failed (the agent's action log says so): completed, with an error, as on its run page.
    const actionError = rows.filter({ hasText: RUNS.actionError });
    await expect(actionError.getByLabel('Status: completed')).toBeVisible();
    await expect(actionError.getByRole('cell').last()).toHaveText('1');

    const status = page.getByRole('combobox', { name: 'Status' });
    await expect(status.getByRole('option')).toHaveText(['all', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'has errors']);
    await status.selectOption('failed');
    await expect(page).toHaveURL(/status=failed/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(RUNS.modelError);
    await expect(rows.nth(1).getByLabel('Status: failed')).toBeVisible();
    await status.selectOption({ label: 'has errors' });
    await expect(rows).toHaveCount(4);
    for (const runId of [RUNS.modelError, RUNS.actionError, RUNS.embeddingError])
      await expect(rows.filter({ hasText: runId })).toHaveCount(1);
    // A link made when the filter said "error" still finds the failed runs.
    await page.goto('/agents/agent-real/runs?status=error');
    await expect(status).toHaveValue('failed');
    await expect(rows).toHaveCount(2);
    expect(details, 'run detail requests made by the runs list').toEqual([]);
  });

  test('finds a timed-out run by its status', async ({ page }) => {
    await page.goto('/agents/agent-docs/runs?status=timeout');
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(RUNS.timeoutSearch);
    await expect(rows.nth(1).getByLabel('Status: timeout')).toBeVisible();
  });

  test('the runs table scrolls sideways on a phone instead of cutting off its columns', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/agents/agent-real/runs');
    const errors = page.getByRole('columnheader', { name: 'Errors' });
    await expect(errors).toBeAttached();
    const scroller = page.getByRole('region', { name: 'Runs table' });
    expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await errors.scrollIntoViewIfNeeded();
    await expect(errors).toBeInViewport({ ratio: 1 });
    // The page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test('filters by a time range', async ({ page }) => {
    await page.goto('/agents/agent-real/runs');
    const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
    await expect(rows).toHaveCount(7);
    // The captured 1.7.2 samples started on Nov 28, 2026 between 20:51:19 and 20:51:28 UTC (the tests run in UTC).
    await page.getByLabel('From', { exact: true }).fill('2026-11-28T20:51');
    await page.getByLabel('To', { exact: true }).fill('2026-11-28T20:52');
    await expect(page).toHaveURL(/from=2026-11-28T20%3A51/);
    await expect(page).toHaveURL(/to=2026-11-28T20%3A52/);
    await expect(rows).toHaveCount(5);
    await expect(rows.filter({ hasText: RUNS.actionError })).toHaveCount(0);
    await page.getByLabel('To', { exact: true }).fill('2026-11-28T20:51');
    await expect(page.getByText('No runs match.')).toBeVisible();
  });

  test('auto-refresh asks past the server cache', async ({ page }) => {
    await page.goto('/agents/agent-real/runs');
    const refreshed = page.waitForRequest((request) => request.url().includes('/runs?') && request.url().includes('from=1'));
    await page.getByLabel(/Auto-refresh/).click();
    await refreshed;
    await expect(page.getByLabel(/Auto-refresh/)).toBeChecked();
    await expect(page).toHaveURL(/live=1/);
  });

  test('a run page links back to the list and to the previous and next runs', async ({ page }) => {
    await page.goto(REPLY);
    await page.getByRole('link', { name: 'Next run' }).click();
    await expect(page).toHaveURL(new RegExp(RUNS.modelError));
    await page.getByRole('link', { name: 'Previous run', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(RUNS.replyAction));
    await page.getByRole('link', { name: '← Runs of this agent' }).click();
    await expect(page).toHaveURL(/\/agents\/agent-real\/runs$/);
  });
});

test.describe('finding the problem', () => {
  test('filters by kind, errors and text; hidden events are gone; the filter lives in the URL', async ({ page }) => {
    await page.goto(REPLY);
    await page
      .getByRole('group', { name: 'Filter by kind' })
      .getByRole('button', { name: /model 6/ })
      .click();
    await expect(page).toHaveURL(/kind=model/);
    await expect(timeline(page).getByRole('listitem')).toHaveCount(6);
    await expect(page.getByText('Showing 6 of 11 events')).toBeVisible();
    await page.reload();
    await expect(timeline(page).getByRole('listitem')).toHaveCount(6);
    await page
      .getByRole('group', { name: 'Filter by kind' })
      .getByRole('button', { name: /model 6/ })
      .click();

    await page.getByRole('searchbox', { name: 'Search events' }).fill('Reply-action text');
    await expect(page.getByRole('status').filter({ hasText: 'matching' })).toHaveText('1 matching');
    await expect(timeline(page).getByRole('listitem')).toHaveCount(1);
    await expect(timeline(page).getByRole('listitem')).toContainText('TEXT_LARGE');
    await expect(page).toHaveURL(/q=Reply-action/);

    await page.goto(`/agents/agent-real/runs/${RUNS.modelError}?errors=1`);
    await expect(page.getByRole('button', { name: 'Errors only 1' })).toHaveAttribute('aria-pressed', 'true');
    await expect(timeline(page).getByRole('listitem')).toHaveCount(1);
    await expect(timeline(page).getByRole('listitem')).toContainText('Run ended');
  });

  test('jumps to the next error', async ({ page }) => {
    await page.goto(`/agents/agent-real/runs/${RUNS.modelError}`);
    await page.getByRole('button', { name: /Next error/ }).click();
    const current = timeline(page).locator('li[aria-current="true"]');
    await expect(current).toContainText('Run ended');
    // The URL names that row by its stable id (the row's element id is `event-<id>`).
    const id = (await current.getAttribute('id'))!.replace(/^event-/, '');
    expect(id).not.toMatch(/^e\d+$/);
    await expect(page).toHaveURL(new RegExp(`[?&]event=${id}(&|$)`));
  });

  test('draws each action and model call on a waterfall at its real place in the run', async ({ page }) => {
    await page.goto(`/agents/agent-docs/runs/${RUNS.tokens}`);
    const bars = timeline(page).getByTestId('waterfall');
    await expect(bars).toHaveCount(8);
    // The first TEXT_LARGE call ran for 850 ms of a 3 s run, ending at +900 ms.
    const call = timeline(page).getByRole('listitem').nth(1).getByTestId('waterfall').locator('span');
    const style = await call.getAttribute('style');
    expect(style).toMatch(/left: 1\.66\d*%/);
    expect(style).toMatch(/width: max\(2px, 28\.33\d*%\)/);
  });

  test('shows times relative, local or UTC, and remembers the choice', async ({ page }) => {
    await page.goto(REPLY);
    const first = timeline(page).getByRole('listitem').first().locator('time');
    await expect(first).toHaveText('+0 ms');
    await page.getByRole('combobox', { name: 'Time shown as' }).selectOption('utc');
    await expect(first).toHaveText('20:51:19.654 UTC');
    await page.reload();
    await expect(timeline(page).getByRole('listitem').first().locator('time')).toHaveText('20:51:19.654 UTC');
  });

  test('works from the keyboard', async ({ page }) => {
    await page.goto(REPLY);
    await expect(timeline(page).getByRole('listitem')).toHaveCount(11);
    const current = timeline(page).locator('li[aria-current="true"]');
    await page.keyboard.press('j');
    await expect(current).toContainText('Run started');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('j');
    await expect(current).toContainText('TEXT_LARGE');
    await page.keyboard.press('k');
    await expect(current).toContainText('TEXT_SMALL');
    await expect(current.getByRole('button').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(current.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    await expect(current.getByRole('tab', { name: 'Prompt' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search events' })).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  });

  test('dark mode follows the system, and a chosen theme is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(REPLY);
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Theme: system' }).click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await expect(page.getByRole('button', { name: 'Theme: light' })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Theme: light' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
  });
});

test.describe('sharing', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('an event permalink opened in a fresh browser scrolls to, highlights and expands the event', async ({ page, browser }) => {
    await page.goto(`${REPLY}?kind=model`);
    const call = timeline(page).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' }).nth(1);
    await call.getByRole('button').first().click();
    await call.getByRole('button', { name: 'Copy link to this event' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/kind=model/);
    const id = (await call.getAttribute('id'))!.replace(/^event-/, '');
    expect(new URL(link).searchParams.get('event')).toBe(id);

    const fresh = await browser.newContext({ viewport: { width: 1000, height: 500 } });
    try {
      const other = await fresh.newPage();
      await other.goto(link);
      const target = other.locator(`#event-${id}`);
      await expect(target).toContainText('TEXT_LARGE');
      await expect(target).toHaveAttribute('aria-current', 'true');
      await expect(target.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
      await expect(target).toBeInViewport();
      await expect(other.getByText('Showing 6 of 11 events')).toBeVisible();
    } finally {
      await fresh.close();
    }
  });

  test('copies a link to the view and a Markdown summary', async ({ page }) => {
    await page.goto(`/agents/agent-real/runs/${RUNS.modelError}?errors=1`);
    await page.getByRole('button', { name: 'Copy link to this view' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    // The Markdown writer loads on the first copy: the clipboard changes once it has.
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain('## elizaOS run ee6e5b97-d6e0-40a1-a0ba-059a87517009');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain('Status: **failed**');
    expect(markdown).toContain('fake TEXT_LARGE failure (zzfailmodelzz)');
  });

  test('downloads the run as the server sent it', async ({ page, request }) => {
    await page.goto(REPLY);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`run-${RUNS.replyAction}.json`);
    const saved = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    const served = await (
      await request.get(`/api/agents/agent-real/runs/${RUNS.replyAction}?roomId=8c804bdb-3231-0770-931b-7f1f637e3353`)
    ).text();
    expect(saved).toBe(served);
  });
});

test.describe('open a file', () => {
  test('views a picked run file without a server, and explains a bad one', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Open a run file').setInputFiles('e2e/fixtures/samples/documented/run-documented-example.json');
    await expect(page).toHaveURL(/\/file$/);
    const summary = page.getByRole('region', { name: 'Run summary' });
    await expect(summary).toContainText('documented API format');
    await expect(page.getByText('Opened from the file run-documented-example.json')).toBeVisible();
    await expect(timeline(page).getByRole('listitem')).toHaveCount(3);

    await page
      .getByLabel('Open a run file')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await expect(page.getByRole('alert').getByRole('heading', { name: 'This file is not a run the viewer can read' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('notes.json: it is JSON, but not a run');
  });

  test('a run downloaded with its context opens from the file with the same truth: its REPLY failed', async ({ page }) => {
    await page.goto(`/agents/agent-real/runs/${RUNS.actionError}?roomId=fe5abf25-bcf4-0857-b9e8-2b81dffb03ba`);
    const summary = page.getByRole('region', { name: 'Run summary' });
    await expect(summary.getByRole('group', { name: '1 error' })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download with context' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`run-${RUNS.actionError}.bundle.json`);
    const saved = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
    // The documented wrapper: the response as the server sent it, with the agent and the action log.
    expect(saved).toMatchObject({ viewer: 'elizaos-run-viewer', version: 1, agent: { id: 'agent-real', name: 'Fakebot' } });
    expect(saved.response.data.summary.runId).toBe(RUNS.actionError);
    expect(saved.actionLog.data.length).toBeGreaterThan(0);

    await page.goto('/file');
    await page
      .getByRole('region', { name: 'Open a run file' })
      .getByLabel(/Open a run file/)
      .setInputFiles(await download.path());
    await expect(
      page.getByText(/Opened from the file .* \(a run of Fakebot\); it stays in this browser, so it has no link: Share makes one/),
    ).toBeVisible();
    await expect(summary.getByRole('group', { name: '1 error' })).toContainText('fake TEXT_LARGE failure inside REPLY (zzfailactionzz)');
    await expect(summary.getByLabel('Status: completed')).toBeVisible();
    await expect(summary).toContainText('agent-real');
    const completed = timeline(page).getByRole('listitem').filter({ hasText: 'REPLY failed' });
    await expect(completed).toContainText("outcome from the agent's action log");
    // An event of a file has no link to copy: the page says why instead of copying a dead one.
    await completed.getByRole('button', { expanded: false }).click();
    await expect(completed).toContainText('No link: a run opened from a file is only in this browser');
    await expect(page.getByRole('button', { name: 'Copy link to this event' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
  });

  test('opens a file dropped anywhere', async ({ page }) => {
    await page.goto(REPLY);
    const text = await (
      await import('node:fs/promises')
    ).readFile('e2e/fixtures/samples/elizaos-1.7.2/run-detail-model-error.json', 'utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'failed-run.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('main', 'dragover', { dataTransfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await expect(page).toHaveURL(/\/file$/);
    await expect(page.getByRole('region', { name: 'Run summary' }).getByLabel('Status: failed')).toBeVisible();
  });
});
