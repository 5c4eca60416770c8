import { randomUUID } from 'node:crypto';
import { expect, runSummary, runUrl, test } from './fixtures';

test('says a run id the real server does not know has no events', async ({ page, compat }) => {
  const { agentId } = compat.serverA.manifest;
  await page.goto(runUrl(compat.viewers.a, agentId, randomUUID()));
  await expect(page.getByRole('alert').getByRole('heading', { name: 'No events recorded for this run' })).toBeVisible();
});

test('links to a run with its roomId, and asks the server for the run with it', async ({ page, compat }) => {
  const { agentId, runs } = compat.serverA.manifest;
  const { runId, roomId } = runs['reply-action'];
  await page.goto(`${compat.viewers.a}/agents/${agentId}/runs`);
  const link = page.getByRole('link', { name: runId });
  await expect(link).toHaveAttribute('href', new RegExp(`/runs/${runId}\\?roomId=${roomId}$`));

  const runRequest = page.waitForRequest((request) => new URL(request.url()).pathname === `/api/agents/${agentId}/runs/${runId}`);
  await link.click();
  expect(new URL((await runRequest).url()).searchParams.get('roomId'), 'roomId sent with the run request').toBe(roomId);
  await expect(page).toHaveURL(`${runUrl(compat.viewers.a, agentId, runId, roomId)}`);
  await expect(runSummary(page).getByLabel('Status: completed')).toBeVisible();
});
