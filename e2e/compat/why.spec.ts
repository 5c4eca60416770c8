import { expect, runSummary, runUrl, test, timelineItems } from './fixtures';

// "Why did the agent do that?" against a real elizaOS 1.7.2 server: the conversation comes from
// its memories endpoint (through the viewer's proxy), the model calls from the real run.

test('shows the message sent, the agent’s reply, the main call’s thought and its prompt sections', async ({ page, compat }) => {
  test.setTimeout(120_000);
  const { manifest } = compat.serverA;
  const run = manifest.runs.simple;
  await page.goto(runUrl(compat.viewers.a, manifest.agentId, run.runId, run.roomId));
  await expect(runSummary(page)).toBeVisible();

  const conversation = page.getByRole('region', { name: 'Conversation' });
  // The text compat/scenarios.ts sends for the simple scenario (messageFor).
  const sent = 'Fakebot, please answer zzsimplezz';
  await expect(conversation.getByRole('article', { name: /Message that started the run/ })).toContainText(sent, { timeout: 20_000 });
  await expect(conversation.getByRole('article', { name: /Agent reply/ }).first()).toContainText('Hello from the fake model (simple).');

  // The main handler's call: "Generate dialog and actions for the character".
  const call = timelineItems(page).filter({ hasText: 'TEXT_LARGE' }).first();
  await call.getByRole('button', { expanded: false }).first().click();
  const sections = call.getByRole('list', { name: 'Prompt sections' });
  await expect(sections.getByRole('listitem').filter({ hasText: 'Available Actions' }).last()).toContainText(/~[\d,]+ tokens/, {
    timeout: 40_000,
  });
  await call.getByRole('tab', { name: 'Response' }).click();
  const fields = call.getByRole('definition');
  await expect(fields.first()).toHaveText('A short, direct answer is enough here.');
  await expect(call.getByRole('tabpanel')).toContainText('Thought');
});
