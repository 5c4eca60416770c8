import type { Locator, Page } from '@playwright/test';
import { PORTS, url } from './servers/ports';
import { expect, RUNS, test } from './test';

// Every keyboard move keeps the focused row fully on screen. A short window makes the timeline
// longer than the viewport, as a long run would on any screen; the timeline is virtualised, so
// the target row may not even be in the DOM when the key is pressed.
test.use({ viewport: { width: 1100, height: 420 } });

const REPLY = `/agents/agent-real/runs/${RUNS.replyAction}`;
/** 83 events (e2e/fixtures/runs/agent-long): far more rows than the list keeps in the DOM. */
const LONG = '/agents/agent-long/runs/7b3e9d21-5c4a-4f8e-9a6b-2d1c0e8f7a35';
const timeline = (page: Page) => page.getByRole('list', { name: 'Event timeline' });
const current = (page: Page) => timeline(page).locator('li[aria-current="true"]');

/** The row is entirely inside the viewport (not merely in the DOM, or half visible). */
async function expectFullyInView(page: Page, row: Locator) {
  const height = page.viewportSize()!.height;
  await expect
    .poll(async () => {
      const box = await row.boundingBox();
      return box === null ? 'not rendered' : box.y >= 0 && box.y + box.height <= height ? 'in view' : `y ${box.y}..${box.y + box.height}`;
    })
    .toBe('in view');
}

test('`e` on a freshly opened run scrolls to the error and focuses it, the first time', async ({ page }) => {
  await page.goto(`/agents/agent-real/runs/${RUNS.modelError}`);
  await expect(timeline(page).getByRole('listitem').first()).toBeAttached();
  await page.keyboard.press('e');
  await expect(current(page)).toContainText('Run ended');
  await expect(current(page).getByRole('button').first()).toBeFocused();
  await expectFullyInView(page, current(page));
});

test('`e` reaches an error far down a long run that is not rendered yet, and `k` walks back from it', async ({ page }) => {
  await page.goto(LONG);
  await expect(timeline(page).getByRole('listitem').first()).toBeAttached();
  await expect(timeline(page).locator('li[aria-posinset="82"]')).toHaveCount(0);
  await page.keyboard.press('e');
  await expect(current(page)).toHaveAttribute('aria-posinset', '82');
  await expect(current(page)).toContainText('The model provider timed out');
  await expect(current(page).getByRole('button').first()).toBeFocused();
  await expectFullyInView(page, current(page));
  for (let step = 81; step >= 74; step--) {
    await page.keyboard.press('k');
    await expect(current(page)).toHaveAttribute('aria-posinset', String(step));
    await expectFullyInView(page, current(page));
  }
});

test('j and k walk a long timeline with the focused row always fully in view', async ({ page }) => {
  await page.goto(LONG);
  await expect(timeline(page).getByRole('listitem').first()).toBeAttached();
  for (let step = 1; step <= 30; step++) {
    await page.keyboard.press(step % 2 ? 'j' : 'ArrowDown');
    await expect(current(page)).toHaveAttribute('aria-posinset', String(step));
    await expect(current(page).getByRole('button').first()).toBeFocused();
    await expectFullyInView(page, current(page));
  }
  for (let step = 29; step >= 20; step--) {
    await page.keyboard.press('k');
    await expect(current(page)).toHaveAttribute('aria-posinset', String(step));
    await expectFullyInView(page, current(page));
  }
});

test('the row a key moved to stays fully in view when the conversation above the timeline loads late', async ({ page, request }) => {
  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/memories-late`);
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toContainText('Loading the conversation');
  await expect(timeline(page).getByRole('listitem').first()).toBeAttached();
  // The first row: the conversation is still on screen above it, so the browser's scroll anchoring does not help.
  await page.keyboard.press('j');
  await expect(current(page)).toHaveAttribute('aria-posinset', '1');
  await expectFullyInView(page, current(page));
  const heightBefore = (await conversation.boundingBox())!.height;
  expect((await (await request.get(`${url(PORTS.fault)}/release-memories`)).json()).released).toBe(1);
  await expect(conversation).toContainText('not among the room');
  expect((await conversation.boundingBox())!.height).toBeGreaterThan(heightBefore);
  await expectFullyInView(page, current(page));
});

test('Escape clears the search and leaves the box, so the next key moves instead of typing', async ({ page }) => {
  await page.goto(REPLY);
  const search = page.getByRole('searchbox', { name: 'Search events' });
  await expect(timeline(page).getByRole('listitem')).toHaveCount(11);
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('TEXT_LARGE');
  await expect(page).toHaveURL(/q=TEXT_LARGE/);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(search).not.toBeFocused();
  await page.keyboard.press('j');
  await expect(search).toHaveValue('');
  await expect(current(page)).toHaveAttribute('aria-posinset', '1');
  await expect(current(page).getByRole('button').first()).toBeFocused();
  // Escape in an empty box leaves it too.
  await page.keyboard.press('/');
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
});
