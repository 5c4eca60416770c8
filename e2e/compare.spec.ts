import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server/app-server';
import { AGENT_DOCS, AGENT_REAL, expect, RUNS, test } from './test';

// Comparing two runs: a fixture pair of the same question, where REPLY succeeds in A and fails in
// B, B asks the model one more time, A has an embedding B lacks, and the prompt differs by one line.

const AGENT = 'agent-compare';
const SUCCEEDS = 'c0ffee01-1111-4a11-8a11-111111111111';
const FAILS = 'c0ffee02-2222-4b22-8b22-222222222222';
const COMPARE = `/agents/${AGENT}/compare?a=${SUCCEEDS}&b=${FAILS}`;

const comparison = (page: Page) => page.getByRole('region', { name: 'Run comparison' });
const steps = (page: Page) => page.getByRole('list', { name: 'Aligned steps' }).getByRole('listitem');
/** Opens a comparison and waits for the aligned steps (aligned in a worker; slow on a busy machine). */
async function open(page: Page, path = COMPARE) {
  await page.goto(path);
  await expect(steps(page).first()).toBeVisible({ timeout: 20_000 });
}
const difference = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Differences, A → B' })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('+ dd');

test('shows both runs side by side with the differences first', async ({ page }) => {
  await open(page);
  const region = comparison(page);
  const runA = region.getByRole('region', { name: 'Run A' });
  const runB = region.getByRole('region', { name: 'Run B' });
  await expect(runA.getByLabel('Status: completed')).toBeVisible();
  await expect(runB.getByLabel('Status: completed')).toBeVisible();
  await expect(runB).toContainText('1 error');
  await expect(runA).toContainText('c0ffee01');
  await expect(runA).toContainText('840 ms');
  await expect(runB).toContainText('950 ms');
  await expect(runA.getByRole('link', { name: 'Open run A' })).toHaveAttribute('href', new RegExp(`/agents/${AGENT}/runs/${SUCCEEDS}$`));

  await expect(difference(page, 'REPLY')).toHaveText(/completed → failed/);
  await expect(difference(page, 'Tokens')).toHaveText(/−198 tokens \(−11%\)/);
  await expect(difference(page, 'Duration')).toHaveText(/\+110 ms \(\+13%\)/);
  await expect(difference(page, 'Errors')).toHaveText(/0 → 1; new in B: The model returned no text for REPLY/);
  await expect(difference(page, 'Status')).toHaveText(/completed in both/);
  await expect(difference(page, 'Steps')).toHaveText(/1 added, 2 removed, 1 with a different outcome, 1 with a changed prompt or response/);
});

test('aligns the steps by identity and marks the REPLY that failed in B only', async ({ page }) => {
  await open(page);
  const items = steps(page);
  await expect(items).toHaveCount(7);
  const reply = items.filter({ hasText: 'REPLY' });
  await expect(reply).toHaveAttribute('data-mark', 'outcome');
  await expect(reply).toContainText('outcome differs');
  await expect(reply).toContainText(/Run A: action REPLY\W*completed.*Run B: action REPLY\W*failed/s);
  await expect(reply).toContainText('The model returned no text for REPLY');
  await expect(items.filter({ hasText: 'Run ended' })).toHaveAttribute('data-mark', 'same');
});

test('shows steps added in B and removed in B, nesting kept', async ({ page }) => {
  await open(page);
  const items = steps(page);
  const added = items.filter({ hasText: 'added in B' });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('TEXT_SMALL');
  await expect(added).toContainText('not in run A');
  const removed = items.filter({ hasText: 'removed in B' });
  await expect(removed).toHaveCount(2);
  await expect(removed.nth(0)).toContainText('Embedding');
  await expect(removed.nth(1)).toContainText('TEXT_LARGE');
  await expect(removed.nth(1)).toHaveAttribute('data-depth', '1');
  await expect(removed.nth(1)).toContainText('not in run B');
});

test('diffs the prompts of two aligned model calls section by section, the unchanged lines folded', async ({ page }) => {
  await open(page);
  const call = steps(page).filter({ hasText: 'prompt or response changed' });
  await call.getByRole('button').first().click();
  const prompt = call.getByRole('group', { name: 'Prompt diff' });
  await expect(call).toContainText('Prompt diff (by section: 1 changed, 5 unchanged)');
  const section = prompt.getByRole('group', { name: 'Section <providers> › Conversation Messages changed' });
  await expect(section.locator('del')).toHaveText('User: What is the weather in Paris tomorrow?');
  await expect(section.locator('ins')).toHaveText('User: What is the weather in Lyon tomorrow?');
  await expect(section.locator('mark')).toHaveText(['Paris', 'Lyon']);
  await expect(prompt).toContainText('Unchanged: <task>, Between sections, <providers>, <providers> › About Fakebot, <instructions>.');

  // The whole prompt, its unchanged stretches folded.
  await prompt.getByText('Whole prompt diff', { exact: true }).click();
  const whole = prompt.getByRole('group', { name: 'Whole prompt diff' });
  const fold = whole.getByRole('button', { name: '⋯ 35 unchanged lines (show)' });
  await expect(fold).toBeVisible();
  await expect(whole).not.toContainText('Example 12:');
  await fold.click();
  await expect(whole).toContainText('Example 12: User asks about the forecast for day 12');
  await expect(call.getByRole('group', { name: 'Response diff' })).toContainText('I will answer with REPLY.');
  await expect(page).toHaveURL(/step=/);
});

test('reaches every difference with "Next difference" and the keyboard, and the link keeps the step', async ({ page }) => {
  await open(page);
  const status = comparison(page)
    .getByRole('status')
    .filter({ hasText: /difference/i });
  await expect(status).toHaveText(/5 differences/);
  await page.getByRole('button', { name: 'Next difference' }).click();
  await expect(status).toHaveText('Difference 1 of 5: TEXT_SMALL, added in B');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await expect(status).toHaveText('Difference 4 of 5: REPLY, outcome differs');
  const current = page.getByRole('list', { name: 'Aligned steps' }).locator('[aria-current="true"]');
  await expect(current).toContainText('REPLY');
  await page.keyboard.press('p');
  await expect(status).toHaveText('Difference 3 of 5: Embedding, removed in B');
  await page.keyboard.press('ArrowDown');
  await expect(current).toContainText('REPLY');

  // A teammate opening the link lands on the same step.
  await page.reload();
  await expect(steps(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Aligned steps' }).locator('[aria-current="true"]')).toContainText('REPLY');
});

test('an old step link (step indexes, `step=3:3`) opens that step, and the URL then names it by its events', async ({ page }) => {
  await open(page, `${COMPARE}&step=3:3`);
  const current = page.getByRole('list', { name: 'Aligned steps' }).locator('[aria-current="true"]');
  await expect(current).toContainText('REPLY');
  await expect(
    comparison(page)
      .getByRole('status')
      .filter({ hasText: /difference/i }),
  ).toHaveText('Difference 4 of 5: REPLY, outcome differs');
  // A's and B's REPLY start events, by their stable ids.
  await expect(page).toHaveURL(/[?&]step=a[a-z0-9]+_s\.a[a-z0-9]+_s$/);
  expect(await page.evaluate(() => history.length)).toBe(2);
  await page.reload();
  await expect(steps(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(current).toContainText('REPLY');
});

test('picks two runs in the runs list and opens their comparison, the older as A', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/runs`);
  const compare = page.getByRole('link', { name: 'Compare', exact: true });
  await expect(compare).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('checkbox', { name: `Compare run ${FAILS}` }).check();
  await expect(page.getByText('Select two runs to compare (1 selected).')).toBeVisible();
  await page.getByRole('checkbox', { name: `Compare run ${SUCCEEDS}` }).check();
  await expect(compare).not.toHaveAttribute('aria-disabled');
  await compare.click();
  await expect(page).toHaveURL(
    new RegExp(`/agents/${AGENT}/compare\\?a=${SUCCEEDS}&b=${FAILS}&roomA=7e3c2a10-4b5d-4c6e-8f70-91a2b3c4d5e6&roomB=`),
  );
  await expect(steps(page)).toHaveCount(7, { timeout: 20_000 });
});

test('fits a phone screen: every aligned step wraps inside its row', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await expect(steps(page)).toHaveCount(7);
  const rows = page.locator('ol[aria-label="Aligned steps"] > li button');
  const overflowing = await rows.evaluateAll((buttons) =>
    buttons.filter((button) => button.scrollWidth > button.clientWidth + 1).map((button) => button.textContent),
  );
  expect(overflowing).toEqual([]);
  // The mark is a line of its own, above both sides.
  const reply = steps(page).filter({ hasText: 'REPLY' });
  const mark = await reply.getByText('outcome differs').boundingBox();
  const sideA = await reply.getByText('Run A:').boundingBox();
  expect(mark!.y + mark!.height).toBeLessThanOrEqual(sideA!.y + 1);
});

test.describe('copying a comparison', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies its link, and a Markdown summary of both runs and what differs for an issue', async ({ page }) => {
    await open(page);
    await page.getByRole('button', { name: 'Copy link to this comparison' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

    await page.getByRole('button', { name: 'Copy the comparison as Markdown' }).click();
    await expect(page.getByRole('button', { name: 'Copy the comparison as Markdown' })).toHaveText('Copied');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain(`## elizaOS runs compared: A ${SUCCEEDS} → B ${FAILS}`);
    expect(markdown).toContain('| Status | completed | completed, **1 error** |');
    expect(markdown).toContain('- REPLY: completed → failed\n');
    expect(markdown).toContain('- Errors: 0 → 1; new in B: The model returned no text for REPLY\n');
    expect(markdown).toContain('- Steps: 1 added, 2 removed, 1 with a different outcome, 1 with a changed prompt or response\n');
    expect(markdown).toContain(`Link: <${page.url()}>`);
  });
});

test('compares a run with the previous run in one click from the run page', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/runs/${FAILS}`);
  await page.getByRole('link', { name: 'Compare with previous run' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?a=${SUCCEEDS}&b=${FAILS}`));
  await expect(difference(page, 'REPLY')).toHaveText(/completed → failed/, { timeout: 20_000 });
});

test('compares runs of two agents, written agentId:runId', async ({ page }) => {
  await open(page, `/agents/${AGENT}/compare?a=${SUCCEEDS}&b=${AGENT_REAL}:${RUNS.actionError}&roomB=fe5abf25-bcf4-0857-b9e8-2b81dffb03ba`);
  const runB = comparison(page).getByRole('region', { name: 'Run B' });
  await expect(runB).toContainText(RUNS.actionError.slice(0, 8));
  await expect(runB.getByRole('link', { name: 'Open run B' })).toHaveAttribute(
    'href',
    new RegExp(`/agents/${AGENT_REAL}/runs/${RUNS.actionError}\\?roomId=`),
  );
  // The action log of agent-real confirms REPLY failed there: the outcome comes from B's own agent.
  await expect(steps(page).filter({ hasText: 'REPLY' })).toHaveAttribute('data-mark', 'outcome');
});

test("compares a run in the documented shape with one in the real server's shape", async ({ page }) => {
  await open(page, `/agents/${AGENT_DOCS}/compare?a=${RUNS.documented}&b=${RUNS.tokens}`);
  const region = comparison(page);
  await expect(region.getByRole('region', { name: 'Run A' })).toContainText('3 events, 1 action, 1 model call, 0 errors');
  await expect(region.getByRole('region', { name: 'Run B' })).toContainText('8 events, 1 action, 3 model calls, 0 errors');
  await expect(difference(page, 'Tokens')).toHaveText(/\+2,570 tokens \(\+1,285%\)/);
  // The documented shape names no action id: its REPLY's start and end are still one step, with
  // the end's outcome, and its `text:large` call aligns with 1.7.2's TEXT_LARGE.
  const reply = steps(page).filter({ hasText: 'REPLY' });
  await expect(reply).toHaveCount(1);
  await expect(reply).toContainText(/REPLY\W*completed/);
  await expect(reply).not.toContainText('no end recorded');
  await expect(steps(page).filter({ hasText: 'text:large' })).toContainText('TEXT_LARGE');
});

test('an action a timed-out run never ended failed there: "did not finish", as on the run page', async ({ page }) => {
  await open(page, `/agents/${AGENT_DOCS}/compare?a=${RUNS.tokens}&b=${RUNS.timeoutSearch}`);
  await expect(difference(page, 'SEARCH_WEB')).toHaveText(/unverified → did not finish/);
  const search = steps(page).filter({ hasText: 'SEARCH_WEB' });
  await expect(search).toHaveAttribute('data-mark', 'outcome');
  await expect(search).toContainText(/Run B: action SEARCH_WEB\s*✕\s*did not finish/);
  // A timeout is no success: "?" in amber, as the run's status badge, not a green tick.
  await expect(steps(page).filter({ hasText: /Run ended/ })).toContainText(/Run B: run Run ended\s*\?\s*timeout/);
});

test('each side loads and fails on its own: a missing run does not blank the other', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/compare?a=${SUCCEEDS}&b=00000000-0000-0000-0000-000000000000`);
  const region = comparison(page);
  await expect(region.getByRole('region', { name: 'Run A' }).getByLabel('Status: completed')).toBeVisible();
  await expect(region.getByRole('alert').getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(region.getByRole('alert')).toContainText(
    'The server has no run 00000000-0000-0000-0000-000000000000 for agent agent-compare.',
  );
});

test.describe('a run still in progress', () => {
  const GROWING = 'agent-growing-compare';
  const B = '2b2b2b2b-0000-4000-8000-000000000002';
  const sample = JSON.parse(readFileSync('e2e/fixtures/samples/elizaos-1.7.2/run-detail-reply-action.json', 'utf8')) as {
    data: { summary: Record<string, unknown>; events: { type: string; timestamp: number }[] };
  };
  const { summary, events } = sample.data;
  /** Run B as the server has it after its first `count` events; the same run as A once it ended. */
  const runB = (count: number) => {
    const ended = count === events.length;
    return JSON.stringify({
      success: true,
      data: {
        summary: {
          ...summary,
          runId: B,
          status: ended ? 'completed' : 'started',
          endedAt: ended ? summary.endedAt : null,
          durationMs: ended ? summary.durationMs : null,
        },
        events: events.slice(0, count),
      },
    });
  };
  let runsDir: string;
  let viewer: RunningServer;

  test.beforeAll(async () => {
    runsDir = mkdtempSync(join(tmpdir(), 'run-viewer-compare-'));
    mkdirSync(join(runsDir, GROWING));
    writeFileSync(join(runsDir, GROWING, 'agent.json'), JSON.stringify({ name: 'Growbot' }));
    writeFileSync(join(runsDir, GROWING, 'a.json'), JSON.stringify(sample));
    // Started, its REPLY action begun: the model calls inside it and the run's end are still to come.
    writeFileSync(join(runsDir, GROWING, 'b.json'), runB(5));
    viewer = await startServer({ port: 0, runsDir, warn: () => {} });
  });

  test.afterAll(async () => {
    await viewer?.close();
    rmSync(runsDir, { recursive: true, force: true });
  });

  test('keeps polling it, and the comparison follows it until it ends', async ({ page }) => {
    // Ten seconds after B's last event: live, polled every 2 s (page time; nothing waits for real).
    await page.clock.install({ time: events[4].timestamp + 10_000 });
    await page.goto(`${viewer.url}/agents/${GROWING}/compare?a=${RUNS.replyAction}&b=${B}`);
    const runCardB = comparison(page).getByRole('region', { name: 'Run B' });
    // A faked clock makes the first render slower on a busy machine.
    await expect(runCardB.getByLabel('Status: running')).toBeVisible({ timeout: 15_000 });
    await expect(steps(page).first()).toBeVisible({ timeout: 20_000 });
    await expect(difference(page, 'Status')).toHaveText(/completed → running/);
    // What A did after the REPLY began, B has not done yet.
    await expect(steps(page).filter({ hasText: 'Run ended' })).toHaveAttribute('data-mark', 'removed');

    writeFileSync(join(runsDir, GROWING, 'b.json'), runB(events.length));
    await expect
      .poll(
        async () => {
          await page.clock.runFor(2_100);
          return runCardB.getByLabel('Status: completed').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await expect(difference(page, 'Status')).toHaveText(/completed in both/);
    await expect(steps(page).filter({ hasText: 'Run ended' })).toHaveAttribute('data-mark', 'same', { timeout: 20_000 });
    await expect(page.locator('ol[aria-label="Aligned steps"] > li:not([data-mark="same"])')).toHaveCount(0);
    await expect(difference(page, 'Steps')).toHaveText(/the same in both: none added, removed or changed/);
  });
});

test('says when A and B are the same run, and where to pick another', async ({ page }) => {
  await open(page, `/agents/${AGENT}/compare?a=${SUCCEEDS}&b=${SUCCEEDS}`);
  const note = comparison(page).getByRole('note');
  await expect(note).toHaveText(/A and B are the same run, so nothing differs\./);
  await expect(difference(page, 'Steps')).toHaveText(/the same in both/);
  await note.getByRole('link', { name: `the runs of ${AGENT}` }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${AGENT}/runs$`));
});

test('says what is wrong with a malformed comparison link', async ({ page }) => {
  await page.goto(`/agents/${AGENT}/compare?a=${SUCCEEDS}&b=not%20an%20id`);
  await expect(page.getByRole('heading', { name: 'This link is malformed' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('This one has an invalid run B (b=not an id)');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the comparison with a prompt diff open has no serious or critical axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await steps(page).filter({ hasText: 'prompt or response changed' }).getByRole('button').first().click();
    await expect(page.getByRole('group', { name: 'Prompt diff' })).toBeVisible();
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('compares two run files dropped together, in the browser', async ({ page }) => {
  await page.goto('/');
  const read = (name: string) => readFileSync(`e2e/fixtures/runs/${AGENT}/${name}`, 'utf8');
  // Dropped in the "wrong" order: the older run still becomes A.
  const dataTransfer = await page.evaluateHandle(
    ([failing, succeeding]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([failing], 'reply-fails.json', { type: 'application/json' }));
      transfer.items.add(new File([succeeding], 'reply-succeeds.json', { type: 'application/json' }));
      return transfer;
    },
    [read('reply-fails.json'), read('reply-succeeds.json')],
  );
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page).toHaveURL(/\/file\/compare$/);
  await expect(comparison(page)).toContainText('A is reply-succeeds.json, B is reply-fails.json');
  await expect(steps(page).filter({ hasText: 'REPLY' })).toHaveAttribute('data-mark', 'outcome', { timeout: 20_000 });
  await expect(difference(page, 'REPLY')).toHaveText(/completed → failed/);
  // The files are only in this browser: there is no link to copy, only the Markdown.
  await expect(page.getByRole('button', { name: 'Copy the comparison as Markdown' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy link to this comparison' })).toHaveCount(0);
});
