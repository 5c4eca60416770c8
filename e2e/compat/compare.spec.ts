import { expect, test } from './fixtures';

// Comparing two runs made by a real elizaOS 1.7.2 server: the same question, where the REPLY action
// worked in one run and failed in the other (the fake model throws inside REPLY). The real server
// says both REPLYs succeeded; the action log says otherwise, and the comparison must show it.

const ACTION_ERROR = 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)';

test('compares a run whose REPLY worked with one whose REPLY failed: the failure on one side, the changed message in the prompt', async ({
  page,
  compat,
}) => {
  const { manifest } = compat.serverA;
  const worked = manifest.runs['reply-action'];
  const failed = manifest.runs['action-error'];
  await page.goto(
    `${compat.viewers.a}/agents/${manifest.agentId}/compare?a=${worked.runId}&b=${failed.runId}&roomA=${worked.roomId}&roomB=${failed.roomId}`,
  );
  const region = page.getByRole('region', { name: 'Run comparison' });
  await expect(region.getByRole('region', { name: 'Run A' })).toContainText(worked.runId.slice(0, 8));
  await expect(region.getByRole('region', { name: 'Run B' })).toContainText(failed.runId.slice(0, 8));
  const steps = page.getByRole('list', { name: 'Aligned steps' }).getByRole('listitem');
  await expect(steps.first()).toBeVisible({ timeout: 20_000 });

  // The aligned REPLY step: completed in A, failed in B with the error from B's action log.
  const reply = steps.filter({ hasText: /action REPLY/ });
  await expect(reply).toHaveCount(1);
  await expect(reply).toHaveAttribute('data-mark', 'outcome');
  await expect(reply).toContainText(/Run A: action REPLY\W*completed/);
  await expect(reply).toContainText(/Run B: action REPLY\W*failed/);
  await expect(reply).toContainText(ACTION_ERROR);
  await expect(
    region.getByRole('region', { name: 'Differences, A → B' }).getByRole('definition').filter({ hasText: 'completed → failed' }),
  ).toBeVisible();
  // The model call REPLY made in A never happened in B (it threw): removed, nested under REPLY.
  await expect(steps.filter({ hasText: 'removed in B' }).filter({ hasText: 'TEXT_LARGE' })).toHaveAttribute('data-depth', '1');

  // The message handler's prompt: the same template, with the user's message changed.
  const handler = steps
    .filter({ hasText: /model TEXT_LARGE/ })
    .filter({ hasText: 'prompt or response changed' })
    .first();
  await handler.getByRole('button').first().click();
  const prompt = handler.getByRole('group', { name: 'Prompt diff' });
  await expect(prompt.locator('del').filter({ hasText: 'Fakebot, please answer zzreplyactionzz' }).first()).toBeVisible();
  await expect(prompt.locator('ins').filter({ hasText: 'Fakebot, please answer zzfailactionzz' }).first()).toBeVisible();
  await expect(prompt.locator('ins').filter({ hasText: 'zzreplyactionzz' })).toHaveCount(0);
});
