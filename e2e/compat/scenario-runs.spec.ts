import { api, getRunDetail, type RunDetail } from '../../compat/eliza-api';
import type { Scenario } from '../../compat/scenarios';
import { formatDuration } from '../../src/lib/format';
import type { CompatEnv } from './compat-env';
import { countEvents, expect, expectedTimeline, field, readTimeline, runSummary, runUrl, test, timelineItems } from './fixtures';
import { startLogsFailingServer } from './logs-failing-server';

// Every scenario run was made by the global setup on a real elizaOS 1.7.2 server (A, no auth);
// the page must agree with what that server returns for it, counted from its events.

const MODEL_ERROR = 'fake TEXT_LARGE failure (zzfailmodelzz)';
const ACTION_ERROR = 'fake TEXT_LARGE failure inside REPLY (zzfailactionzz)';

// The error count and status each scenario must show. The server says `completed` for all of
// them; only a run that ended with an error is failed as a whole.
const EXPECTED: Record<Scenario, { status: RegExp; errors: RegExp }> = {
  simple: { status: /^Status: completed$/, errors: /^0$/ },
  'reply-action': { status: /^Status: completed$/, errors: /^0$/ },
  'model-error': { status: /^Status: failed$/, errors: /^1$/ },
  // The run itself completed (the agent answered); its failed action is shown failed, and counted.
  'action-error': { status: /^Status: completed$/, errors: /^1$/ },
  'embedding-error': { status: /^Status: completed$/, errors: /^1$/ },
  'group-evaluator': { status: /^Status: completed$/, errors: /^0$/ },
};

async function serverRun(compat: CompatEnv, scenario: Scenario) {
  const { baseUrl, manifest } = compat.serverA;
  const run = manifest.runs[scenario];
  const detail = await getRunDetail(baseUrl, manifest.agentId, run.runId, run.roomId);
  return { run, detail, agentId: manifest.agentId, url: runUrl(compat.viewers.a, manifest.agentId, run.runId, run.roomId) };
}

/** The REPLY action of a run; its ACTION_COMPLETED carries the outcome the action log tells. */
function replyAction(detail: RunDetail) {
  const completed = detail.events.find((event) => event.type === 'ACTION_COMPLETED' && event.data.actionName === 'REPLY');
  if (!completed) throw new Error(`the run has no REPLY ACTION_COMPLETED: ${detail.events.map((event) => event.type).join(', ')}`);
  return String(completed.data.actionId);
}

function failedActions(scenario: Scenario, detail: RunDetail): Set<string> {
  return new Set(scenario === 'action-error' ? [replyAction(detail)] : []);
}

/** Position of an event type on the page, per the nesting the page must show. */
function rowIndex(detail: RunDetail, type: string, failedActionIds?: Set<string>): number {
  const index = expectedTimeline(detail.events, failedActionIds).findIndex((row) => row.type === type);
  if (index < 0) throw new Error(`no ${type} event in the run`);
  return index;
}

for (const scenario of Object.keys(EXPECTED) as Scenario[]) {
  test(`shows the ${scenario} run as the real server recorded it`, async ({ page, compat }) => {
    const { run, detail, agentId, url } = await serverRun(compat, scenario);
    // The real runs list has no duration for finished runs; the page must still show one.
    const list = (await api(compat.serverA.baseUrl, `/api/agents/${agentId}/runs?roomId=${run.roomId}&from=1&limit=100`)) as {
      data: { runs: { runId: string; durationMs: number | null }[] };
    };
    expect(list.data.runs.find((listed) => listed.runId === run.runId)?.durationMs, 'durationMs in the real runs list').toBeNull();

    await page.goto(url);
    const summary = runSummary(page);
    await expect(summary.getByLabel(EXPECTED[scenario].status)).toBeVisible();
    const counts = countEvents(detail.events);
    await expect(field(summary, 'Events')).toHaveText(String(counts.events));
    await expect(field(summary, 'Actions')).toHaveText(String(counts.actions));
    await expect(field(summary, 'Model calls')).toHaveText(String(counts.modelCalls));
    await expect(field(summary, 'Evaluators')).toHaveText(String(counts.evaluators));
    await expect(field(summary, 'Errors')).toHaveText(EXPECTED[scenario].errors);
    const { startedAt, endedAt, durationMs } = detail.summary;
    await expect(field(summary, 'Duration')).toHaveText(/^(\d+ ms|\d+(\.\d)? s)$/);
    await expect(field(summary, 'Duration')).toHaveText(
      formatDuration(typeof durationMs === 'number' ? durationMs : Number(endedAt) - Number(startedAt)),
    );

    const items = timelineItems(page);
    await expect(items).toHaveCount(detail.events.length);
    const expected = expectedTimeline(detail.events, failedActions(scenario, detail)).map(({ label, depth }) => ({ label, depth }));
    expect(await readTimeline(items), 'kind label and nesting depth of each timeline item').toEqual(expected);
  });
}

test('the runs list tells each run what its run page tells, from the real server’s logs, opening no run', async ({ page, compat }) => {
  const { agentId, runs } = compat.serverA.manifest;
  const details: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith(`/api/agents/${agentId}/runs/`)) details.push(request.url());
  });
  await page.goto(`${compat.viewers.a}/agents/${agentId}/runs?limit=100`);
  const rows = page.getByRole('table', { name: 'Runs, newest first' }).getByRole('row');
  for (const scenario of Object.keys(EXPECTED) as Scenario[]) {
    const row = rows.filter({ hasText: runs[scenario].runId });
    await expect(row.getByLabel(EXPECTED[scenario].status), `${scenario}: status`).toBeVisible();
    await expect(row.getByRole('cell').last(), `${scenario}: errors`).toHaveText(EXPECTED[scenario].errors);
  }
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(rows.filter({ hasText: runs['model-error'].runId })).toHaveCount(1);
  await expect(rows.filter({ hasText: runs['action-error'].runId })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'has errors' });
  await expect(rows.filter({ hasText: runs['action-error'].runId })).toHaveCount(1);
  await expect(rows.filter({ hasText: runs.simple.runId })).toHaveCount(0);
  expect(details, 'run detail requests made by the runs list').toEqual([]);
});

test('shows a run whose model threw as failed, with the error, though the server says completed', async ({ page, compat }) => {
  const { url } = await serverRun(compat, 'model-error');
  await page.goto(url);
  const summary = runSummary(page);
  await expect(summary.getByLabel('Status: failed')).toBeVisible();
  await expect(summary.getByRole('group', { name: /\d+ errors?/ })).toContainText(MODEL_ERROR);
  const ended = timelineItems(page).filter({ hasText: 'Run ended' });
  await expect(ended).toContainText('run · failed');
  await expect(ended).toContainText(MODEL_ERROR);
});

test('shows a failed action with the error from the action log, though ACTION_COMPLETED says success', async ({ page, compat }) => {
  const { detail, url } = await serverRun(compat, 'action-error');
  expect(detail.events.find((event) => event.type === 'ACTION_COMPLETED')?.data.success, 'what the real server claims').toBe(true);
  await page.goto(url);
  const completed = timelineItems(page).nth(rowIndex(detail, 'ACTION_COMPLETED'));
  await expect(completed).toContainText('action · failed');
  await expect(completed).toContainText(`REPLY failed: ${ACTION_ERROR}`);
  await expect(completed).toContainText("from the agent's action log");
  await expect(runSummary(page).getByRole('group', { name: /\d+ errors?/ })).toContainText(ACTION_ERROR);
});

test('shows a REPLY that worked as completed, as the action log confirms', async ({ page, compat }) => {
  const { detail, url } = await serverRun(compat, 'reply-action');
  await page.goto(url);
  const completed = timelineItems(page).nth(rowIndex(detail, 'ACTION_COMPLETED'));
  await expect(completed).toContainText('REPLY completed');
  await expect(completed).toContainText("from the agent's action log");
  await expect(completed).not.toContainText('failed');
  await expect(completed).not.toContainText('outcome unverified');
});

const LOGS_FAULTS = [
  { name: 'fails (500)', status: 500, body: { success: false, error: { code: 'LOGS_ERROR', message: 'Failed to retrieve logs' } } },
  {
    name: 'is missing (404, numeric code)',
    status: 404,
    body: { success: false, error: { message: 'API endpoint not found', code: 404 } },
  },
];

for (const fault of LOGS_FAULTS) {
  test(`says an action's outcome is unverified when the logs endpoint ${fault.name}`, async ({ page, compat }) => {
    const { run, detail, agentId } = await serverRun(compat, 'action-error');
    // A real HTTP server in front of elizaOS A that answers the logs endpoint with the fault.
    const broken = await startLogsFailingServer(compat.serverA.baseUrl, compat.distDir, fault);
    try {
      await page.goto(runUrl(broken.viewerUrl, agentId, run.runId, run.roomId));
      await expect(runSummary(page)).toBeVisible();
      const completed = timelineItems(page).nth(rowIndex(detail, 'ACTION_COMPLETED'));
      await expect(completed).toContainText('outcome unverified');
      await expect(completed).not.toContainText('REPLY completed');
      expect(broken.logsRequests(), 'requests to the failing logs endpoint').toBeGreaterThan(0);
    } finally {
      await broken.close();
    }
  });
}

test('shows a failed embedding as failed and counts it as an error', async ({ page, compat }) => {
  const { detail, url } = await serverRun(compat, 'embedding-error');
  await page.goto(url);
  await expect(timelineItems(page).nth(rowIndex(detail, 'EMBEDDING_EVENT'))).toContainText('embedding · failed');
  await expect(field(runSummary(page), 'Errors')).toHaveText(/^[1-9]\d*$/);
});

test('estimates the tokens of a run whose server reports none, and says so', async ({ page, compat }) => {
  const { detail, url } = await serverRun(compat, 'simple');
  const reported = detail.events.some((event) => event.type === 'MODEL_USED' && (event.data.usage || event.data.inputTokens));
  expect(reported, 'stock elizaOS 1.7.2 reports token usage').toBe(false);
  await page.goto(url);
  const tokens = page.getByRole('region', { name: 'Token usage' });
  // The chart loads when its panel nears the screen; the conversation and context breakdown now sit above it.
  await tokens.scrollIntoViewIfNeeded();
  await expect(tokens.locator('.recharts-surface').first()).toBeVisible();
  await expect(tokens).toContainText('estimated');
  await expect(field(runSummary(page), 'Tokens')).toContainText('estimated');
});
