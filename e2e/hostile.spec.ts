import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/app-server';
import { expect, test } from './test';

// Hostile payloads: markup, script URLs, entities, bidi and zero-width characters, a 5 MB line,
// 10,000 levels of nesting and 100,000 keys, in every place a run carries text. The page must
// show them as text, never run them, and stay responsive. The run is generated at test time into
// a temporary RUNS_DIR served by a viewer of this spec's own.

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
const ENTITY = '&lt;b&gt;not bold&lt;/b&gt;';
const BIDI = '\u202Eexe.txt';
const ZERO_WIDTH = 'zero\u200Bwidth\u200C\u200Djoin\uFEFF';
const DEPTH = 10_000;
const WIDTH = 100_000;
const LINE_BYTES = 5 * 1024 * 1024;

const AGENT = 'agent-hostile';
const RUN = '--_hostile_--';
const ROOM = '_-_';
const HOSTILE_PAYLOADS = [
  '<script>',
  '<img onerror>',
  'javascript: URL',
  'HTML entities',
  'U+202E',
  'zero-width',
  '5 MB line',
  `${DEPTH} levels`,
  `${WIDTH} keys`,
];

function hostileRun(): string {
  const t = 1_795_900_000_000;
  const wide: Record<string, number> = {};
  for (let i = 0; i < WIDTH; i++) wide[`k${i}`] = i;
  const run = {
    runId: RUN,
    agentId: AGENT,
    roomId: ROOM,
    status: 'completed',
    startTime: t,
    endTime: t + 900,
    events: [
      { type: 'RUN_STARTED', timestamp: t, data: { source: SCRIPT, messageId: IMG } },
      { type: 'ACTION_STARTED', timestamp: t + 10, data: { actionId: 'act-1', actionName: IMG } },
      {
        type: 'MODEL_USED',
        timestamp: t + 20,
        data: {
          modelType: SCRIPT,
          provider: JS_URL,
          executionTime: 5,
          actionContext: { actionId: 'act-1' },
          tokens: { prompt: 1, completion: 1 },
        },
      },
      { type: 'ACTION_COMPLETED', timestamp: t + 30, data: { actionId: 'act-1', actionName: IMG, success: false, error: SCRIPT } },
      {
        type: IMG,
        timestamp: t + 40,
        data: { href: JS_URL, link: JS_URL, entity: ENTITY, bidi: BIDI, zeroWidth: ZERO_WIDTH, html: SCRIPT },
      },
      { type: 'LONG_LINE', timestamp: t + 50, data: { line: 'x'.repeat(LINE_BYTES) } },
      { type: 'DEEP_EVENT', timestamp: t + 60, data: { deep: '__DEEP__' } },
      { type: 'WIDE_EVENT', timestamp: t + 70, data: { wide } },
      { type: `${SCRIPT}_ERROR`, timestamp: t + 80, data: { message: IMG } },
      { type: 'RUN_ENDED', timestamp: t + 900, data: { status: 'completed', error: `${IMG} ${BIDI} ${ENTITY}` } },
    ],
    errors: [SCRIPT, IMG, JS_URL],
  };
  // JSON.stringify recurses, so the deep value is spliced in as text.
  const deep = `${'{"level":'.repeat(DEPTH)}"bottom"${'}'.repeat(DEPTH)}`;
  return JSON.stringify(run).replace('"__DEEP__"', deep);
}

let runsDir: string;
let viewer: RunningServer;
const warnings: string[] = [];

test.beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'run-viewer-hostile-'));
  mkdirSync(join(runsDir, AGENT));
  writeFileSync(join(runsDir, AGENT, 'agent.json'), JSON.stringify({ name: `${IMG} ${BIDI}${ZERO_WIDTH}` }));
  writeFileSync(join(runsDir, AGENT, 'hostile.json'), hostileRun());
  viewer = await startServer({ port: 0, runsDir, warn: (line) => warnings.push(line) });
});

test.afterAll(async () => {
  await viewer?.close();
  rmSync(runsDir, { recursive: true, force: true });
});

test.beforeEach(({ page }) => {
  // Any dialog means a payload ran as script.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

const dialogs: string[] = [];
test.afterEach(() => {
  expect(dialogs, 'dialogs opened by payloads').toEqual([]);
  expect(warnings, 'warnings of the viewer server').toEqual([]);
});

async function expectNothingRendersAsHtml(page: Page) {
  await expect(page.locator('img[src=x], [onerror]')).toHaveCount(0);
  await expect(page.locator('body script, iframe, object, embed')).toHaveCount(0);
  await expect(page.locator('[href^="javascript:" i]')).toHaveCount(0);
}

function eventItem(page: Page, text: string | RegExp) {
  return page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem').filter({ hasText: text });
}

function toggleOf(page: Page, text: string | RegExp) {
  return eventItem(page, text).locator('button[aria-expanded]').first();
}

test(`lists the hostile agent and its run as text (${HOSTILE_PAYLOADS.length} kinds of payload)`, async ({ page }) => {
  await page.goto(`${viewer.url}/`);
  await expect(page.getByRole('heading', { name: IMG })).toBeVisible();
  await expect(page.getByRole('link', { name: RUN })).toBeVisible();
  await expectNothingRendersAsHtml(page);
  await page.getByRole('link', { name: RUN }).click();
  await expect(page).toHaveURL(`${viewer.url}/agents/${AGENT}/runs/${RUN}?roomId=${ROOM}`);
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
});

test('shows markup, script URLs, entities and invisible characters as text', async ({ page }) => {
  await page.goto(`${viewer.url}/agents/${AGENT}/runs/${RUN}?roomId=${ROOM}`);
  const summary = page.getByRole('region', { name: 'Run summary' });
  await expect(summary.getByLabel('Status: failed')).toBeVisible();
  // Errors from the documented `errors` array, the failed action and RUN_ENDED, all as text.
  const errors = summary.getByRole('group', { name: /errors/ });
  await expect(errors).toContainText(SCRIPT);
  await expect(errors).toContainText(IMG);
  await expect(errors).toContainText(JS_URL);
  await expect(errors).toContainText(ENTITY);

  await expect(eventItem(page, `${IMG} failed: ${SCRIPT}`)).toBeVisible();
  await expect(eventItem(page, `Run started · ${SCRIPT}`)).toBeVisible();

  await toggleOf(page, 'Run started').click();
  await expect(page.getByText(`"${SCRIPT}"`, { exact: true })).toBeVisible();
  await toggleOf(page, `${IMG} · href`).click();
  const unknown = eventItem(page, `${IMG} · href`);
  await expect(unknown).toContainText(`"${JS_URL}"`);
  await expect(unknown).toContainText(`"${ENTITY}"`);
  await expect(unknown).toContainText(`"${BIDI}"`);
  await expect(unknown).toContainText(`"${ZERO_WIDTH}"`);
  await expectNothingRendersAsHtml(page);
});

test('stays responsive with a 5 MB line, 10,000 levels of nesting and 100,000 keys open', async ({ page }) => {
  test.setTimeout(60_000); // about 10 s alone, over 20 s beside the other specs on two cores
  await page.goto(`${viewer.url}/agents/${AGENT}/runs/${RUN}?roomId=${ROOM}`);
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible({ timeout: 20_000 }); // a 5 MB run to fetch and parse

  // The 5 MB line is folded, and opens whole in the bounded text viewer, its find box working.
  await toggleOf(page, 'LONG_LINE').click();
  const long = eventItem(page, 'LONG_LINE');
  const more = long.getByRole('button', { name: `show more (${LINE_BYTES.toLocaleString('en')} characters)` });
  await expect(more).toBeVisible();
  await more.click();
  const viewerDialog = page.getByRole('dialog', { name: /The "line" text/ });
  await expect(viewerDialog).toBeVisible({ timeout: 15_000 });
  await viewerDialog.getByRole('textbox', { name: 'Find in the text' }).fill('y');
  await expect(viewerDialog.getByRole('status')).toHaveText('no match', { timeout: 15_000 });
  await viewerDialog.getByRole('button', { name: 'Close' }).click();
  await expect(viewerDialog).toBeHidden();

  // 100,000 keys open a page at a time.
  await toggleOf(page, 'WIDE_EVENT').click();
  const wide = eventItem(page, 'WIDE_EVENT');
  await wide.getByRole('button', { name: /wide: \{ 100,000 keys \}/ }).click();
  await expect(wide).toContainText('k99:');
  await expect(wide).not.toContainText('k100:');
  await wide.getByRole('button', { name: /^Show 100 more of 99,?900 remaining$/ }).click();
  await expect(wide).toContainText('k199:');

  // 10,000 levels open one level at a time.
  await toggleOf(page, 'DEEP_EVENT').click();
  const deep = eventItem(page, 'DEEP_EVENT');
  for (let opened = 0; opened < 5; opened++) {
    const closed = deep.getByRole('button', { name: /level: \{ 1 key \}/ }).first();
    await closed.click();
    // The first level opens by default (small objects near the top do).
    await expect(deep.getByRole('button', { name: 'level: {', exact: true, expanded: true })).toHaveCount(opened + 2);
  }

  // Another event's toggle still answers at once.
  const other = toggleOf(page, 'Run ended');
  await other.click();
  await expect(other).toHaveAttribute('aria-expanded', 'true');
  await expect(eventItem(page, 'Run ended')).toContainText(`"${IMG} ${BIDI} ${ENTITY}"`);
  await expectNothingRendersAsHtml(page);
});
