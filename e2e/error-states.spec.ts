import { expect, test } from './test';
import { PORTS, url } from './servers/ports';

test('shows a skeleton while the run loads', async ({ page }) => {
  // Hold the response until the skeleton has been seen; the request still reaches the real server.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/agents/agent-real/runs/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/agents/agent-real/runs/1c5cdbc6-775b-4964-80ec-04edf1fe72a6');
  await expect(page.getByRole('status').filter({ hasText: 'Loading run' })).toBeAttached();
  release();
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
});

test('says a run was not found (404 from the embedded API)', async ({ page }) => {
  await page.goto('/agents/agent-real/runs/00000000-0000-0000-0000-000000000000');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(alert).toContainText('Run not found');
  await expect(alert.getByRole('link', { name: 'All agents and runs' })).toBeVisible();
});

test('skips a file that is not valid JSON: its run is not found, the others still are', async ({ page }) => {
  await page.goto('/agents/agent-docs/runs/broken');
  await expect(page.getByRole('alert').getByRole('heading', { name: 'Not found' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: '550e8400-e29b-41d4-a716-446655440001' })).toBeVisible();
});

// The fault server's other faults (bad bodies, 401, 404, 429, 5xx, stalls, resets, a closed
// port) are in faults.spec.ts.

test("shows the real server's 200 with no events as not found", async ({ page }) => {
  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/no-events`);
  await expect(page.getByRole('alert').getByRole('heading', { name: 'No events recorded for this run' })).toBeVisible();
});

test('explains a malformed link', async ({ page }) => {
  await page.goto('/agents/agent-real/runs/not%20an%20id');
  await expect(page.getByRole('alert').getByRole('heading', { name: 'This link is malformed' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('an invalid run id');
});

test('explains an unknown route', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('alert').getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('/no/such/page');
});
