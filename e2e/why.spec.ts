import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AGENT_DOCS, expect as baseExpect, RUNS, test } from './test';
import { PORTS, url } from './servers/ports';

// "Why did the agent do that?": the conversation around a run, model calls as readable tabs with
// the prompt's sections and tokens, and the run's context breakdown. The run and its room's
// memories are real elizaOS 1.7.2 captures (e2e/fixtures/runs/agent-talk).

const TALK = '/agents/agent-talk/runs/0f1b3647-eefd-4c97-b496-eb5a2fdf2029?roomId=98ed26be-8155-03f9-932a-d2626d6691f4';
const SHOTS = process.env.WHY_SCREENSHOTS;
// The conversation and the token counts arrive after the run itself; on a busy machine that takes a while.
const expect = baseExpect.configure({ timeout: 20_000 });

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

const timeline = (page: Page) => page.getByRole('list', { name: 'Event timeline' });

async function openMainHandlerCall(page: Page) {
  await page.goto(TALK);
  const call = timeline(page).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' }).first();
  await call.getByRole('button', { expanded: false }).first().click();
  return call;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test('shows the message that started the run and the agent’s reply, without expanding anything', async ({ page }) => {
      await page.goto(TALK);
      const conversation = page.getByRole('region', { name: 'Conversation' });
      const trigger = conversation.getByRole('article', { name: /Message that started the run: tester/ });
      await expect(trigger).toContainText('Fakebot please zzactionszz');
      await expect(trigger.locator('time')).toHaveAttribute('dateTime', '2026-12-01T21:42:17.265Z');
      const reply = conversation.getByRole('article', { name: /Agent reply/ });
      await expect(reply).toContainText('Reply-action text from the fake model (call 5).');
      await expect(reply).toContainText('fake: reply action');
      await expect(conversation.getByRole('article', { name: /REPLY result/ })).toContainText('Generated reply');
      await conversation.scrollIntoViewIfNeeded();
      await shot(page, `conversation-${scheme}`);
    });

    test('a model call reads as Prompt, Response, Parameters and JSON tabs, with no axe violations', async ({ page }) => {
      test.setTimeout(150_000); // three axe passes; slow on a busy machine
      const call = await openMainHandlerCall(page);
      const tabs = call.getByRole('tablist');
      await expect(tabs.getByRole('tab')).toHaveText(['Prompt', 'Response', 'Parameters', 'JSON']);
      await expect(call.getByRole('tab', { name: 'Prompt' })).toHaveAttribute('aria-selected', 'true');
      const sections = call.getByRole('list', { name: 'Prompt sections' });
      const nested = sections.getByRole('list', { name: 'Sections in <providers>' });
      await expect(nested.getByRole('listitem').filter({ hasText: 'Available Actions' })).toContainText(/~[\d,]+ tokens\s*\d+%/);
      await shot(page, `prompt-tab-${scheme}`);
      expect(await axeProblems(page)).toEqual([]);

      await call.getByRole('tab', { name: 'Response' }).click();
      await expect(call.getByRole('definition').first()).toHaveText('fake: use REPLY action with a provider');
      await shot(page, `response-tab-${scheme}`);
      expect(await axeProblems(page)).toEqual([]);

      await call.getByRole('tab', { name: 'Parameters' }).click();
      await expect(call.getByRole('definition').filter({ hasText: 'fake-model' })).toBeVisible();
      await shot(page, `parameters-tab-${scheme}`);
      expect(await axeProblems(page)).toEqual([]);
    });

    test('names where the run’s context goes', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(TALK);
      const panel = page.getByRole('region', { name: 'Context breakdown' });
      await panel.scrollIntoViewIfNeeded();
      await expect(panel).toContainText(/~[\d,]+ prompt tokens over 3 model calls\. Biggest: <providers>/, { timeout: 40_000 });
      await expect(panel.getByRole('row', { name: /Available Actions/ }).first()).toContainText(/~[\d,]+\s*\d+%/);
      await shot(page, `context-breakdown-${scheme}`);
      expect(await axeProblems(page)).toEqual([]);
    });
  });
}

test('the tabs follow the ARIA tabs pattern from the keyboard', async ({ page }) => {
  const call = await openMainHandlerCall(page);
  const tab = (name: string) => call.getByRole('tab', { name });
  await tab('Prompt').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Response')).toBeFocused();
  await expect(tab('Response')).toHaveAttribute('aria-selected', 'true');
  await expect(call.getByRole('tabpanel')).toContainText('Thought');
  await page.keyboard.press('End');
  await expect(tab('JSON')).toHaveAttribute('aria-selected', 'true');
  await expect(call.getByRole('tabpanel')).toContainText('modelType:');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Prompt')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('JSON')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Prompt')).toHaveAttribute('aria-selected', 'true');
  await expect(tab('Response')).toHaveAttribute('tabindex', '-1');
  // Arrows on a tab move between tabs, not between timeline events.
  await expect(call).toHaveAttribute('aria-current', 'true');
});

test('prompt sections nest, fold, and scroll the prompt to the section clicked', async ({ page }) => {
  const call = await openMainHandlerCall(page);
  const sections = call.getByRole('list', { name: 'Prompt sections' });
  await expect(sections.getByRole('button', { name: '<task>' })).toBeVisible();
  const inProviders = call.getByRole('list', { name: 'Sections in <providers>' });
  await expect(inProviders.getByRole('button', { name: 'Received Message' })).toBeVisible();
  const text = call.getByRole('region', { name: 'The prompt as text' }).or(call.getByLabel('The prompt as text'));
  await expect.poll(() => text.evaluate((element) => element.scrollTop)).toBe(0);
  await inProviders.getByRole('button', { name: 'Received Message' }).click();
  await expect.poll(() => text.evaluate((element) => element.scrollTop)).toBeGreaterThan(100);
  await call.getByRole('button', { name: 'Fold <providers>' }).click();
  await expect(inProviders).toBeHidden();
  await call.getByRole('button', { name: 'Unfold <providers>' }).click();
  await expect(inProviders).toBeVisible();
});

test('the Response tab keeps the raw text one toggle away, and an embedding shows its input, not numbers', async ({ page }) => {
  const call = await openMainHandlerCall(page);
  await call.getByRole('tab', { name: 'Response' }).click();
  await call.getByRole('button', { name: 'Raw response' }).click();
  await expect(call.getByLabel('The response as text')).toHaveText(/^<response><thought>fake: use REPLY action/);
  const embedding = timeline(page).getByRole('listitem').filter({ hasText: 'TEXT_EMBEDDING' }).first();
  await embedding.getByRole('button', { expanded: false }).first().click();
  await embedding.getByRole('tab', { name: 'Response' }).click();
  await expect(embedding.getByRole('tabpanel')).toContainText('Fakebot please zzactionszz');
  await expect(embedding.getByRole('tabpanel')).toContainText('length not recorded');
});

test('a finished action shows its outcome first and its prompt with sections', async ({ page }) => {
  await page.goto(TALK);
  const completed = timeline(page).locator('li[data-kind="action"]').last();
  await completed.getByRole('button', { expanded: false }).first().click();
  await expect(completed.getByRole('note', { name: 'Outcome' })).toContainText('Outcome:');
  const prompt = completed.getByRole('region', { name: 'Prompt 1 of REPLY' });
  await expect(prompt.getByRole('list', { name: 'Prompt sections' }).getByRole('button', { name: 'Available Actions' })).toBeVisible();
  await shot(page, 'action-details-light');
});

test('a documented-shape run says why there is no conversation', async ({ page }) => {
  await page.goto(`/agents/${AGENT_DOCS}/runs/${RUNS.documented}`);
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('documented API format');
});

test.describe('a misbehaving memories endpoint leaves the rest of the page working', () => {
  const VIEWER = url(PORTS.viewerToFault);
  for (const [fault, words] of [
    ['unauthorized', 'the server needs an API key'],
    ['server-error', 'The server answered 500'],
  ] as const) {
    test(`memories answer ${fault}`, async ({ page }) => {
      await page.goto(`${VIEWER}/agents/faulty/runs/memories-${fault}`);
      await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
      await expect(timeline(page).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Conversation' })).toContainText(`could not be loaded: ${words}`);
    });
  }

  test('memories that never finish', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`${VIEWER}/agents/faulty/runs/memories-stall`);
    await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
    const call = timeline(page).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' });
    await call.getByRole('button', { expanded: false }).first().click();
    await expect(call.getByRole('tab', { name: 'Prompt' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('Loading the conversation');
    await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('stopped answering', { timeout: 30_000 });
  });
});

async function axeProblems(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
