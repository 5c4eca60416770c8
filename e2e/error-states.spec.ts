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

test("shows the real server's 200 with no events as not found", async ({ page }) => {
  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/no-events`);
  await expect(page.getByRole('alert').getByRole('heading', { name: 'No events recorded for this run' })).toBeVisible();
});

test('says an API key is needed on a 401', async ({ page }) => {
  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/unauthorized`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'An API key is needed' })).toBeVisible();
  await expect(alert).toContainText('ELIZA_SERVER_AUTH_TOKEN');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('names the unreachable server and offers a retry', async ({ page }) => {
  await page.goto(`${url(PORTS.viewerToClosed)}/agents/a1/runs/r1`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible();
  await expect(alert).toContainText('http://127.0.0.1:1');
  const retry = alert.getByRole('button', { name: 'Retry' });
  await retry.click();
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible();
});

test('says what was wrong with an invalid response and shows the raw body', async ({ page }) => {
  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/html`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'The server sent something the viewer cannot read' })).toBeVisible();
  await expect(alert).toContainText('The server answered with HTML instead of JSON.');
  await expect(alert).toContainText('<h1>Welcome to nginx!</h1>');

  await page.goto(`${url(PORTS.viewerToFault)}/agents/faulty/runs/not-a-run`);
  await expect(page.getByRole('alert')).toContainText('The response is not a run');
  await expect(page.getByRole('alert')).toContainText('"runs":[]');
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
