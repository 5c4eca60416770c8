import type { Page } from '@playwright/test';
import { expect, runSummary, runUrl, test, timelineItems } from './fixtures';

// In proxy mode the viewer draws a run page's first paint from the real elizaOS 1.7.2 server's
// answers (server/first-paint.ts), then hands those answers to the page's own requests
// (server/upstream-handoff.ts): the run shows before the app's code has loaded, and tells the
// truth the app tells, here a REPLY the server calls a success that its action log says failed.

const ACTION_ERROR = 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)';
const drawn = (page: Page, text: string) => page.locator(`#first-paint [data-t="${text}"]`);

/**
 * A page waits at most 100 ms for its picture, and the server's first read of a run can take
 * longer on a busy machine: opens the page until it comes with one.
 */
async function openPainted(page: Page, url: string): Promise<void> {
  await expect
    .poll(async () => ((await (await page.goto(url))?.text()) ?? '').includes('id="first-paint"'), { timeout: 20_000 })
    .toBe(true);
}

test('draws the run before any script runs, with the failure the action log tells', async ({ browser, compat }) => {
  const { manifest } = compat.serverA;
  const run = manifest.runs['action-error'];
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await openPainted(page, runUrl(compat.viewers.a, manifest.agentId, run.runId, run.roomId));
  await expect(page.locator('#first-paint')).toBeVisible();
  await expect(drawn(page, run.runId)).toBeVisible();
  await expect(drawn(page, 'action · failed').first()).toBeVisible();
  await expect(drawn(page, `REPLY failed: ${ACTION_ERROR}`)).toBeVisible();
  await context.close();
});

// That the elizaOS server is asked once per path, not twice, is counted by server/upstream-handoff.test.ts:
// this test sees the page's side, which asks once either way.
test('with JavaScript the app takes the painted page over, asking once for the run and once for its log', async ({ page, compat }) => {
  const { manifest } = compat.serverA;
  const run = manifest.runs['action-error'];
  const url = runUrl(compat.viewers.a, manifest.agentId, run.runId, run.roomId);
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) apiRequests.push(pathname);
  });
  // A visit that came with its picture (see openPainted), its requests counted from the start.
  await expect
    .poll(
      async () => {
        // A visit without its picture is left for a blank page first: its app's late requests
        // (the log after the run) must not be counted as the next visit's.
        await page.goto('about:blank');
        apiRequests.length = 0;
        return ((await (await page.goto(url))?.text()) ?? '').includes('id="first-paint"');
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const completed = timelineItems(page).filter({ hasText: 'REPLY failed' });
  await expect(completed).toContainText('action · failed', { timeout: 20_000 });
  await expect(runSummary(page)).toBeVisible();
  await expect(page.locator('#first-paint')).toHaveCount(0);
  const count = (path: string) => apiRequests.filter((requested) => requested === path).length;
  expect(count(`/api/agents/${manifest.agentId}/runs/${run.runId}`), 'run requests').toBe(1);
  expect(count(`/api/agents/${manifest.agentId}/logs`), 'action log requests').toBe(1);
});
