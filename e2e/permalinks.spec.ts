import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server/app-server';
import { AGENT_REAL, expect, RUNS, test } from './test';

// Event permalinks name the event, not its place in the run: a link still opens its event after
// the run gains an earlier one, and the old positional links (`?event=e4`) still open theirs.

const timeline = (page: Page) => page.getByRole('list', { name: 'Event timeline' });
const current = (page: Page) => timeline(page).locator('li[aria-current="true"]');

test('an old positional link (?event=e4) opens that event, and the URL then names it by its stable id', async ({ page }) => {
  await page.goto(`/agents/${AGENT_REAL}/runs/${RUNS.replyAction}?kind=action&event=e4`);
  // Event 4 of the server's array is the REPLY action's start; its stable id comes from its actionId
  // (90c23bd3-9141-483c-a54a-765b38bd7422) and its phase.
  await expect(current(page)).toHaveAttribute('id', 'event-a765b38bd7422_s');
  await expect(current(page)).toContainText('REPLY');
  await expect(current(page).getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
  await expect(current(page)).toBeInViewport();
  await expect(page).toHaveURL(/\?kind=action&event=a765b38bd7422_s$/);
  // Replaced, not pushed: Back leaves the run rather than returning to the old link.
  expect(await page.evaluate(() => history.length)).toBe(2);
});

test.describe('a permalink copied from a run', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  const AGENT = 'agent-growing';
  let runsDir: string;
  let viewer: RunningServer;
  const runFile = () => join(runsDir, AGENT, 'run.json');
  const sample = JSON.parse(readFileSync('e2e/fixtures/samples/elizaos-1.7.2/run-detail-reply-action.json', 'utf8')) as {
    data: { events: { type: string; timestamp: number; data: Record<string, unknown> }[] };
  };

  test.beforeAll(async () => {
    runsDir = mkdtempSync(join(tmpdir(), 'run-viewer-permalinks-'));
    mkdirSync(join(runsDir, AGENT));
    writeFileSync(join(runsDir, AGENT, 'agent.json'), JSON.stringify({ name: 'Growbot' }));
    writeFileSync(runFile(), JSON.stringify(sample));
    viewer = await startServer({ port: 0, runsDir, warn: () => {} });
  });

  test.afterAll(async () => {
    await viewer?.close();
    rmSync(runsDir, { recursive: true, force: true });
  });

  test('still opens the same event after the run gains an earlier event', async ({ page, request }) => {
    const runPage = `${viewer.url}/agents/${AGENT}/runs/${RUNS.replyAction}`;
    await page.goto(runPage);
    const ended = timeline(page).getByRole('listitem').filter({ hasText: 'Run ended' });
    await ended.getByRole('button').first().click();
    await ended.getByRole('button', { name: 'Copy link to this event' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());

    // The server logs a model call it had not sent yet, earlier than everything else in the run.
    const [first, ...rest] = sample.data.events;
    const late = {
      type: 'MODEL_USED',
      timestamp: first.timestamp - 5,
      data: { modelType: 'TEXT_SMALL', provider: 'openai', executionTime: 3 },
    };
    writeFileSync(runFile(), JSON.stringify({ ...sample, data: { ...sample.data, events: [late, first, ...rest] } }));
    await expect
      .poll(async () => {
        const response = await request.get(`${viewer.url}/api/agents/${AGENT}/runs/${RUNS.replyAction}`);
        return ((await response.json()) as typeof sample).data.events.length;
      })
      .toBe(sample.data.events.length + 1);

    await page.goto(link);
    await expect(page.getByText(`${sample.data.events.length + 1} events`, { exact: false }).first()).toBeVisible();
    await expect(current(page)).toContainText('Run ended');
    await expect(current(page).getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    await expect(page).toHaveURL(link);
  });
});
