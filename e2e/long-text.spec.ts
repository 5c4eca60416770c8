import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server/app-server';
import { expect, test } from './test';

// The bundled Atlas sample's large-prompt run: a TEXT_LARGE call with a 1,000,261-character,
// 12,195-line prompt. Long text opens in a bounded viewer with find; the page does not grow.
const LARGE = '/agents/550e8400-e29b-41d4-a716-446655440000/runs/3a5c7e9b-1d3f-4a5c-8e7b-9d1f3b5d7f29';
const SHOTS = process.env.SCREENSHOTS_DIR;

let viewer: RunningServer;
test.beforeAll(async () => {
  viewer = await startServer({ port: 0, warn: () => {} });
});
test.afterAll(async () => {
  await viewer?.close();
});

async function openCall(page: Page) {
  await page.goto(`${viewer.url}${LARGE}`);
  const call = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' });
  await call.getByRole('button', { expanded: false }).first().click();
  return call;
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

test('the 1 MB prompt in the JSON tree opens in a bounded viewer whose find box finds a word deep inside', async ({ page }) => {
  const call = await openCall(page);
  await call.getByRole('tab', { name: 'JSON' }).click();
  const before = await pageHeight(page);
  await call.getByRole('button', { name: 'show more (1,000,261 characters)' }).first().click();
  const dialog = page.getByRole('dialog', { name: /The "prompt" text \(1,000,261 characters\)/ });
  await expect(dialog).toBeVisible();
  expect(await pageHeight(page)).toBeLessThan(before + 2000);
  const text = dialog.getByRole('document', { name: /as text/ });
  const box = await text.boundingBox();
  expect(box!.height).toBeLessThanOrEqual(page.viewportSize()!.height);

  await dialog.getByRole('textbox', { name: 'Find in the text' }).fill('Summarise the attachment');
  await expect(dialog.getByRole('status')).toHaveText('1 of 1');
  await expect(dialog.locator('mark[data-current="true"]')).toHaveText('Summarise the attachment');
  await expect(dialog.locator('mark[data-current="true"]')).toBeInViewport();
  await dialog.getByRole('textbox', { name: 'Find in the text' }).fill('no such words anywhere');
  await expect(dialog.getByRole('status')).toHaveText('no match');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await pageHeight(page)).toBeLessThan(before + 2000);
});

test('the Prompt tab shows the first 100,000 characters inline, says so, and opens the whole prompt', async ({ page }) => {
  const call = await openCall(page);
  const text = call.getByLabel('The prompt as text');
  await expect(text).toBeVisible();
  // Laying out all of a 10 MB prompt took the browser over 2 s; the box holds what it shows.
  expect(await text.evaluate((element) => element.textContent!.length)).toBe(100_000);
  const note = call.getByText('Showing the first 100,000 of 1,000,261 characters.');
  await expect(note).toBeVisible();
  await note.getByRole('button', { name: 'Open the whole prompt in a viewer with find' }).click();
  const dialog = page.getByRole('dialog', { name: /The prompt \(1,000,261 characters\)/ });
  await dialog.getByRole('textbox', { name: 'Find in the text' }).fill('Summarise the attachment');
  await expect(dialog.getByRole('status')).toHaveText('1 of 1');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the Prompt tab opens the viewer, Enter steps through matches, axe finds nothing (${scheme})`, async ({ page }) => {
    test.setTimeout(90_000); // axe on a busy machine
    await page.emulateMedia({ colorScheme: scheme });
    const call = await openCall(page);
    await call.getByRole('button', { name: 'Open in a viewer with find' }).first().click();
    const dialog = page.getByRole('dialog', { name: /The prompt \(1,000,261 characters\)/ });
    await expect(dialog).toBeVisible();
    const find = dialog.getByRole('textbox', { name: 'Find in the text' });
    await expect(find).toBeFocused();
    await find.fill('remind me');
    await expect(dialog.getByRole('status')).toHaveText(/^1 of [\d,]+$/);
    await find.press('Enter');
    await expect(dialog.getByRole('status')).toHaveText(/^2 of [\d,]+$/);
    await find.press('Shift+Enter');
    await find.press('Shift+Enter');
    await expect(dialog.getByRole('status')).toHaveText(/^([\d,]+) of \1$/);
    await expect(dialog.locator('mark[data-current="true"]')).toBeInViewport();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/long-text-${scheme}.png` });
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
}
