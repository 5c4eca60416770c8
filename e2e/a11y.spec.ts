import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AGENT_DOCS, AGENT_REAL, expect, RUNS, test } from './test';
import { PORTS, url } from './servers/ports';

// Accessibility: axe finds no serious or critical violation on any page, in light and dark mode,
// with a payload open too; the timeline works from the keyboard with a visible focus; status and
// kinds never rely on colour alone.

interface Screen {
  name: string;
  path: string;
  /** What shows once the page is ready to be checked. */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { name }).first()).toBeVisible({ timeout: 15_000 });
};
const runReady = async (page: Page) => {
  await expect(page.getByRole('region', { name: 'Run summary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Token usage' })).toBeVisible();
};

const SCREENS: Screen[] = [
  { name: 'home', path: '/', ready: heading(/Fakebot/) },
  {
    name: 'runs list',
    path: `/agents/${AGENT_REAL}/runs`,
    ready: async (page) => expect(page.getByRole('link', { name: RUNS.replyAction })).toBeVisible(),
  },
  { name: 'failed run', path: `/agents/${AGENT_REAL}/runs/${RUNS.modelError}`, ready: runReady },
  {
    name: 'documented run with token chart',
    path: `/agents/${AGENT_DOCS}/runs/${RUNS.tokens}`,
    ready: async (page) => {
      await runReady(page);
      await page.getByRole('region', { name: 'Token usage' }).scrollIntoViewIfNeeded();
      await expect(page.getByRole('img', { name: /Chart of tokens/ })).toBeVisible();
    },
  },
  { name: 'action-error run', path: `/agents/${AGENT_REAL}/runs/${RUNS.actionError}`, ready: runReady },
  { name: 'not found', path: `/agents/${AGENT_REAL}/runs/00000000-0000-0000-0000-000000000000`, ready: heading('Not found') },
  { name: 'malformed link', path: `/agents/${AGENT_REAL}/runs/not%20an%20id`, ready: heading('This link is malformed') },
  { name: 'unknown route', path: '/no/such/page', ready: heading('Page not found') },
  { name: '401', path: `${url(PORTS.viewerToFault)}/agents/faulty/runs/unauthorized`, ready: heading('An API key is needed') },
  { name: 'unreachable', path: `${url(PORTS.viewerToClosed)}/agents/a1/runs/r1`, ready: heading('Server unreachable') },
];

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map(
        (node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ').slice(0, 200)}`,
      ),
    }));
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    for (const screen of SCREENS) {
      test(`${screen.name} has no serious or critical axe violations`, async ({ page }) => {
        await page.goto(screen.path);
        await screen.ready(page);
        await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
        const found = await seriousViolations(page);
        console.log(`axe ${scheme} ${screen.name}: ${found.length} serious/critical`);
        expect(found).toEqual([]);
      });
    }

    test('a run with payloads open has no serious or critical axe violations', async ({ page }) => {
      await page.goto(`/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`);
      await runReady(page);
      const timeline = page.getByRole('list', { name: 'Event timeline' });
      for (const text of ['Run started', 'TEXT_LARGE']) {
        await timeline.getByRole('listitem').filter({ hasText: text }).first().getByRole('button', { expanded: false }).first().click();
      }
      await timeline.getByRole('tab', { name: 'JSON' }).click();
      await expect(timeline.getByRole('button', { name: /show more/ }).first()).toBeVisible();
      await page.getByRole('region', { name: 'Token usage' }).getByText('Tokens per model call (table)').click();
      const found = await seriousViolations(page);
      console.log(`axe ${scheme} payload open: ${found.length} serious/critical`);
      expect(found).toEqual([]);
    });
  });
}

test('works from the keyboard, with a visible focus', async ({ page }) => {
  await page.goto(`/agents/${AGENT_REAL}/runs/${RUNS.replyAction}`);
  await runReady(page);
  const focused = page.locator(':focus');
  let onToggle = false;
  for (let presses = 0; presses < 80 && !onToggle; presses++) {
    await page.keyboard.press('Tab');
    onToggle = await focused
      .evaluate((element) => element.matches('ol[aria-label="Event timeline"] button[aria-controls^="payload-"]'))
      .catch(() => false);
  }
  expect(onToggle, 'Tab reaches an event toggle').toBe(true);
  await expect(focused).toHaveAttribute('aria-expanded', 'false');
  const outline = await focused.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await expect(focused).toHaveAttribute('aria-expanded', 'true');
  const payload = page.locator(`#${await focused.getAttribute('aria-controls')}`);
  await expect(payload).toBeVisible();
});

test('announces the status politely and never relies on colour alone', async ({ page }) => {
  await page.goto(`/agents/${AGENT_REAL}/runs/${RUNS.modelError}`);
  const summary = page.getByRole('region', { name: 'Run summary' });
  const live = summary.locator('[aria-live="polite"]');
  await expect(live.getByLabel('Status: failed')).toBeVisible();
  // The badge says it in words, with an icon, not only in red.
  await expect(live.getByLabel('Status: failed')).toHaveText(/failed/);

  const items = page.getByRole('list', { name: 'Event timeline' }).getByRole('listitem');
  await expect(items.first()).toBeVisible();
  for (const item of await items.all()) {
    const kind = (await item.getAttribute('data-kind')) ?? '';
    // Each kind has its icon and its name as text; a failure says "failed".
    await expect(item.locator('[aria-hidden="true"]').first()).not.toHaveText('');
    await expect(item.getByRole('button', { expanded: false }).first()).toContainText(new RegExp(`^${kind}`, 'i'));
  }
  await expect(items.filter({ hasText: 'Run ended' })).toContainText('run · failed');
});
