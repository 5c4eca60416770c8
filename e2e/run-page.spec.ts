import { AGENT_DOCS, AGENT_REAL, expect, RUNS, test } from './test';

const runUrl = (agentId: string, runId: string) => `/agents/${agentId}/runs/${runId}`;

test('lists the agents and their runs as links that open the run page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /Fakebot/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Docs Agent/ })).toBeVisible();
  await expect(page.getByRole('link', { name: RUNS.actionError })).toHaveAttribute(
    'href',
    /\?roomId=fe5abf25-bcf4-0857-b9e8-2b81dffb03ba$/,
  );
  await page.getByRole('link', { name: 'All runs of Fakebot' }).click();
  await expect(page).toHaveURL(/\/agents\/agent-real\/runs$/);
  await page.getByRole('link', { name: RUNS.replyAction }).click();
  await expect(page).toHaveURL(
    /\/agents\/agent-real\/runs\/1c5cdbc6-775b-4964-80ec-04edf1fe72a6\?roomId=8c804bdb-3231-0770-931b-7f1f637e3353$/,
  );
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
});

test('shows the summary of a real 1.7.2 run, counted from its events', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.replyAction));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: completed')).toBeVisible();
  const field = (label: string) =>
    summary
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('+ dd');
  await expect(field('Run id')).toContainText(RUNS.replyAction);
  await expect(field('Agent id')).toContainText(AGENT_REAL);
  await expect(field('Room id')).toContainText('8c804bdb-3231-0770-931b-7f1f637e3353');
  await expect(field('Duration')).toHaveText('171 ms');
  await expect(field('Events')).toHaveText('11');
  await expect(field('Actions')).toHaveText('1');
  // The server's own summary says 7 model calls: it counts calls inside actions twice.
  await expect(field('Model calls')).toHaveText('6');
  await expect(field('Errors')).toHaveText('0');
  // Stock 1.7.2 reports no tokens: the summary shows an estimate, marked as one.
  await expect(field('Tokens')).toHaveText(/^[\d,]+ total \([\d,]+ prompt, [\d,]+ completion\)estimated$/);
  await expect(field('Started').locator('time')).toHaveAttribute('datetime', '2026-11-28T20:51:19.654Z');
  await expect(field('Started')).toContainText('Nov 28, 2026, 08:51:19.654 PM UTC');
});

test('shows a real run whose model threw as failed, with the error', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.modelError));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: failed')).toBeVisible();
  await expect(summary).toContainText('The server says "completed", but the run ended with an error.');
  await expect(summary.getByRole('group', { name: '1 error' })).toContainText('fake TEXT_LARGE failure (zzfailmodelzz)');
  const ended = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'Run ended' });
  await expect(ended).toContainText('run · failed');
  await expect(ended).toContainText('error: fake TEXT_LARGE failure (zzfailmodelzz)');
});

test('lists every event in time order and nests model calls under their action', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.replyAction));
  const items = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem');
  await expect(items).toHaveCount(11);
  await expect(items.nth(0)).toContainText('Run started · messageHandler');
  await expect(items.nth(0)).toContainText('+0 ms');
  await expect(items.nth(4)).toContainText('REPLY started');
  await expect(items.nth(4)).toContainText('46 ms');
  for (const index of [5, 6, 7, 8]) await expect(items.nth(index)).toHaveAttribute('data-depth', '1');
  await expect(items.nth(4)).toHaveAttribute('data-depth', '0');
  await expect(items.nth(6)).toContainText('TEXT_LARGE · fake-model');
  await expect(items.nth(10)).toContainText('Run ended · completed · 171 ms');
  await expect(items.nth(10).locator('time')).toHaveAttribute('title', /Nov 28, 2026/);
});

test('expands an event to show its payload as a JSON tree, with long prompts folded', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.replyAction));
  const item = page.getByRole('listitem').filter({ hasText: /TEXT_LARGE · fake-model · .*0\.017 ms/ });
  const toggle = item.getByRole('button', { expanded: false }).first();
  await toggle.click();
  await expect(item.getByRole('button', { name: /TEXT_LARGE/, expanded: true })).toBeVisible();
  await item.getByRole('tab', { name: 'JSON' }).click();
  await expect(item).toContainText('modelType:');
  await expect(item).toContainText('"TEXT_LARGE"');
  await expect(item.getByRole('button', { name: 'Copy MODEL_USED data as JSON' })).toBeVisible();
  const more = item.getByRole('button', { name: /show more \(5,/ }).first();
  await expect(more).toBeVisible();
  await more.click();
  await expect(item).toContainText('# Available Actions');
  await expect(item.getByRole('button', { name: 'show less' })).toBeVisible();
  // Small objects open by default; any object can be folded.
  await expect(item).toContainText('"90c23bd3-9141-483c-a54a-765b38bd7422"');
  await item.getByRole('button', { name: /actionContext/ }).click();
  await expect(item).toContainText('actionContext: { 2 keys }');
  await expect(item).not.toContainText('"90c23bd3-9141-483c-a54a-765b38bd7422"');
});

test('renders the documented shape with its reported tokens', async ({ page }) => {
  await page.goto(runUrl(AGENT_DOCS, RUNS.documented));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary).toContainText('documented API format');
  await expect(summary.getByLabel('Status: completed')).toBeVisible();
  await expect(summary).toContainText('1.3 s');
  await expect(summary).toContainText('200 total');
  const items = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem');
  await expect(items).toHaveText([/REPLY started/, /text:large · openai · 150 → 50 tokens/, /REPLY completed/]);
});

test('draws a token bar per model call, with totals and a table', async ({ page }) => {
  await page.goto(runUrl(AGENT_DOCS, RUNS.tokens));
  const tokens = page.getByRole('region', { name: 'Token usage' });
  // The chart's code loads when its panel comes near the screen.
  await tokens.scrollIntoViewIfNeeded();
  await expect(tokens.locator('.recharts-bar-rectangle')).toHaveCount(6);
  await expect(tokens.locator('.recharts-line')).toHaveCount(1);
  const byType = tokens.getByRole('table', { name: 'By model type' });
  await expect(byType.getByRole('row', { name: /TEXT_LARGE/ })).toContainText('2,100');
  await expect(tokens).toContainText('Reported cost: $0.0012');
  await tokens.getByText('Tokens per model call (table)').click();
  const calls = tokens.getByRole('table', { name: 'Tokens per model call' });
  await expect(calls.getByRole('row')).toHaveCount(4);
  await expect(calls.getByRole('row').nth(3)).toContainText('2,770');
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('2,770 total');
});

test('shows unknown event types with their fields', async ({ page }) => {
  await page.goto(runUrl(AGENT_DOCS, RUNS.tokens));
  const item = page.getByRole('listitem').filter({ hasText: 'TOOL_CALLED' });
  await expect(item).toContainText('unknown');
  await expect(item).toContainText('TOOL_CALLED · tool, args, latencyMs');
  await item.getByRole('button').first().click();
  await expect(item).toContainText('"Lisbon"');
});

test('estimates the tokens of a run that reports none, and says so everywhere', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.simpleReply));
  const tokens = page.getByRole('region', { name: 'Token usage' });
  await expect(tokens).toContainText('Estimated: the server reported no token counts');
  await tokens.scrollIntoViewIfNeeded();
  // Two calls, two bars each, except the embedding's completion bar: embeddings complete no tokens.
  await expect(tokens.locator('.recharts-bar-rectangle')).toHaveCount(3);
  await expect(tokens.locator('.recharts-legend-item')).toHaveText(
    ['Prompt tokens (estimated)', 'Completion tokens (estimated)', 'Cumulative total (estimated)'],
    { useInnerText: true },
  );
  await tokens.getByText('Tokens per model call (table)').click();
  await expect(tokens.getByRole('table', { name: 'Tokens per model call' }).getByRole('row').nth(1)).toContainText('(estimated)');
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(
    summary
      .getByRole('term')
      .filter({ hasText: /^Tokens$/ })
      .locator('+ dd'),
  ).toContainText(/^[\d,]+ total \([\d,]+ prompt, [\d,]+ completion\)estimated$/);
  const call = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'TEXT_LARGE' });
  await expect(call).toContainText(/TEXT_LARGE · fake-model · ~[\d,]+ → [\d,]+ tokens \(estimated\)/);
});

test('shows a run in progress as running', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.inProgress));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: running')).toBeVisible();
  await expect(summary).toContainText('still running');
});

test("shows an action that failed inside as failed, with the outcome from the agent's action log", async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.actionError));
  const completed = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'REPLY failed' });
  await expect(completed).toContainText('action · failed');
  await expect(completed).toContainText('REPLY failed: fake TEXT_LARGE failure inside REPLY (zzfailactionzz)');
  await expect(completed).toContainText("outcome from the agent's action log");
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByRole('group', { name: '1 error' })).toContainText('fake TEXT_LARGE failure inside REPLY (zzfailactionzz)');
});

test('says an action outcome is unverified when the action log does not have it', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.replyAction));
  const completed = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'REPLY ended' });
  await expect(completed).toContainText("outcome unverified: the action is not in the agent's action log");
  await expect(completed).toContainText('action');
  await expect(completed).not.toContainText('failed');
});

test('shows a failed embedding with the error text from the embedding log', async ({ page }) => {
  await page.goto(runUrl(AGENT_REAL, RUNS.embeddingError));
  const embedding = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'Embedding failed' });
  await expect(embedding).toContainText('embedding · failed');
  await expect(embedding).toContainText('fake TEXT_EMBEDDING failure (zzfailembedzz)');
  await expect(page.getByRole('region', { name: 'Run summary' }).getByRole('group', { name: '1 error' })).toContainText(
    'fake TEXT_EMBEDDING failure',
  );
});

// The in-progress fixture's newest event; the page's clock is set relative to it (no real waiting).
const IN_PROGRESS_LAST_EVENT = 1795899087766;

test('keeps polling a run in progress whose last event is recent', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === `/api/agents/${AGENT_REAL}/runs/${RUNS.inProgress}`) fetched.push(request.url());
  });
  // Ten seconds after its last event: live, polled every 2 s.
  await page.clock.install({ time: IN_PROGRESS_LAST_EVENT + 10_000 });
  await page.goto(runUrl(AGENT_REAL, RUNS.inProgress));
  const summary = page.getByRole('region', { name: 'Run summary' });
  // A faked clock makes the first render slower on a busy machine.
  await expect(summary.getByLabel('Status: running')).toBeVisible({ timeout: 15_000 });
  await expect(summary).not.toContainText('stale');
  const before = fetched.length;
  await page.clock.runFor(4_100);
  await expect.poll(() => fetched.length).toBeGreaterThan(before);
});

test('marks a run quiet for longer than the elizaOS run timeout as stale, stops polling it, and resumes on request', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === `/api/agents/${AGENT_REAL}/runs/${RUNS.inProgress}`) fetched.push(request.url());
  });
  // 72 hours after its last event, as a new user found it.
  await page.clock.install({ time: IN_PROGRESS_LAST_EVENT + 72 * 3_600_000 });
  await page.goto(runUrl(AGENT_REAL, RUNS.inProgress));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: running')).toBeVisible({ timeout: 15_000 });
  await expect(summary).toContainText('stale: no events for 72 h 0 min');
  const notice = page.getByRole('status').filter({ hasText: /^Stale: no events for 72 h/ });
  await expect(notice).toContainText('Stale: no events for 72 h 0 min.');
  await expect(notice).toContainText('The viewer stopped checking for new events.');
  const loaded = fetched.length;
  // Ten minutes of page time (a jump: due timers fire once): not even a slow poll.
  await page.clock.fastForward(10 * 60_000);
  expect(fetched.length).toBe(loaded);
  await notice.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => fetched.length).toBe(loaded + 1);
  await expect(notice).toContainText('Checking again every 10 s.');
  // The poll timer restarts when the resumed fetch lands, which may be after a single jump: keep
  // moving page time on, 10 s at a time, until the next poll goes out.
  await expect
    .poll(async () => {
      await page.clock.runFor(10_100);
      return fetched.length;
    })
    .toBeGreaterThanOrEqual(loaded + 2);
});

test('marks an action that never finished before the run ended as did not finish, and counts it', async ({ page }) => {
  await page.goto(runUrl(AGENT_DOCS, RUNS.timeoutSearch));
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: timeout')).toBeVisible();
  await expect(
    summary
      .getByRole('term')
      .filter({ hasText: /^Errors$/ })
      .locator('+ dd'),
  ).toHaveText('1');
  await expect(summary.getByRole('group', { name: '1 error' })).toContainText(
    /did not finish: started, never completed \(open [\d.]+ s, until the run ended\)/,
  );
  const search = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: 'SEARCH_WEB did not finish' });
  await expect(search).toContainText('action · did not finish');
  await expect(search).toContainText(/open [\d.]+ s, until the run ended/);
});
