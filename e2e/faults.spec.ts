import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { expect, test } from './test';
import { PORTS, url } from './servers/ports';

// Every way the elizaOS server or the network can fail, met for real: the viewer runs in proxy
// mode in front of e2e/servers/fault-server.ts, where the run id picks the fault. Each failure has
// its own words, a Retry that really asks again, and no retry loop behind the user's back.

const VIEWER = url(PORTS.viewerToFault);
const FAULT_SERVER = url(PORTS.fault);
/** How long the request count must stay still once the error shows. */
const QUIET_MS = 2500;

const READ_ERROR = 'The server sent something the viewer cannot read';

interface FaultCase {
  fault: string;
  heading: string;
  texts: string[];
  /** Retries TanStack Query makes on its own before the error shows ('unreachable', 'server'). */
  autoRetries: number;
  retry: boolean;
}

const CASES: FaultCase[] = [
  // The viewer's proxy never passes a page on: it says what came instead.
  {
    fault: 'html',
    heading: READ_ERROR,
    texts: ['The elizaOS server answered 200 with text/html instead of JSON; the viewer does not pass it on.'],
    autoRetries: 0,
    retry: true,
  },
  {
    fault: 'truncated',
    heading: READ_ERROR,
    texts: ['The server answered with text that is not valid JSON instead of JSON.', '"status":"comp'],
    autoRetries: 0,
    retry: true,
  },
  {
    fault: 'empty',
    heading: READ_ERROR,
    texts: ['The server answered with an empty body instead of JSON.', '(empty body)'],
    autoRetries: 0,
    retry: true,
  },
  { fault: 'not-a-run', heading: READ_ERROR, texts: ['The response is not a run', '"runs":[]'], autoRetries: 0, retry: true },
  {
    fault: 'server-error',
    heading: 'The server failed',
    texts: ['The server answered 500: Failed to retrieve run details.', 'Error code: RUNS_ERROR'],
    autoRetries: 2,
    retry: true,
  },
  {
    fault: 'server-error-bare',
    heading: READ_ERROR,
    texts: ['The elizaOS server answered 500 with text/plain instead of JSON'],
    autoRetries: 0,
    retry: true,
  },
  {
    fault: 'unauthorized',
    heading: 'An API key is needed',
    texts: ['The elizaOS server refused the request (401: Provide X-API-KEY header).', 'ELIZA_SERVER_AUTH_TOKEN=<your key>'],
    autoRetries: 0,
    retry: true,
  },
  // A missing run does not appear by asking again: no Retry, a way back instead.
  {
    fault: 'not-found',
    heading: 'Not found',
    texts: ['(API endpoint not found)', 'Check the link, or pick a run from the list.'],
    autoRetries: 0,
    retry: false,
  },
  {
    fault: 'rate-limited',
    heading: 'Too many requests',
    texts: ['The elizaOS server is rate limiting requests: Too many requests.', 'The server asks to wait 7 s before retrying.'],
    autoRetries: 0,
    retry: true,
  },
  {
    fault: 'reset',
    heading: 'Server unreachable',
    texts: ['The connection broke while the response was downloading.'],
    autoRetries: 2,
    retry: true,
  },
];

/** An agent id of this test's own, so the fault server's count is this test's alone. */
function agentFor(testInfo: TestInfo): string {
  return `t${testInfo.testId.replace(/[^A-Za-z0-9]/g, '')}${Date.now().toString(36)}`;
}

async function requestsFor(request: APIRequestContext, path: string): Promise<number> {
  const response = await request.get(`${FAULT_SERVER}/requests?path=${encodeURIComponent(path)}`);
  return ((await response.json()) as { count: number }).count;
}

/** The count stays at `expected` for a while: nothing retries behind the user's back. */
async function expectNoMoreRequests(page: Page, count: () => Promise<number>, expected: number) {
  expect(await count()).toBe(expected);
  await page.waitForTimeout(QUIET_MS); // an absence can only be observed over time
  expect(await count()).toBe(expected);
}

for (const { fault, heading, texts, autoRetries, retry } of CASES) {
  test(`explains the "${fault}" fault in its own words and retries only when asked`, async ({ page, request }, testInfo) => {
    const agent = agentFor(testInfo);
    const path = `/api/agents/${agent}/runs/${fault}`;
    const count = () => requestsFor(request, path);

    await page.goto(`${VIEWER}/agents/${agent}/runs/${fault}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: heading })).toBeVisible({ timeout: 10_000 });
    for (const text of texts) await expect(alert).toContainText(text);
    await expect(alert.getByRole('link', { name: 'All agents and runs' })).toBeVisible();
    await expectNoMoreRequests(page, count, 1 + autoRetries);

    const button = alert.getByRole('button', { name: 'Retry' });
    if (!retry) {
      await expect(button).toHaveCount(0);
      return;
    }
    await button.click();
    await expect.poll(count, { timeout: 10_000 }).toBe(2 * (1 + autoRetries));
    await expect(alert.getByRole('heading', { name: heading })).toBeVisible();
    for (const text of texts) await expect(alert).toContainText(text);
    await expectNoMoreRequests(page, count, 2 * (1 + autoRetries));
  });
}

test('gives up on a response that never finishes after 15 s, says so, and can retry', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const agent = agentFor(testInfo);
  const path = `/api/agents/${agent}/runs/stall`;
  const count = () => requestsFor(request, path);

  const started = Date.now();
  await page.goto(`${VIEWER}/agents/${agent}/runs/stall`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading run' })).toBeAttached();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible({ timeout: 25_000 });
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(15_000);
  // One timeout, not three: a server that kept the user waiting 15 s is not silently asked again.
  expect(waited).toBeLessThan(22_000);
  await expect(alert).toContainText('The server stopped answering: nothing arrived for 15 s, so the viewer gave up.');
  await expectNoMoreRequests(page, count, 1);

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(count).toBe(2);
});

test('says an unreachable server (a closed port) cannot be reached and retries only when asked', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname === '/api/agents/a1/runs/r1') requests.push(sent.url());
  });
  await page.goto(`${url(PORTS.viewerToClosed)}/agents/a1/runs/r1`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible({ timeout: 10_000 });
  // The cause, not the internal address (the operator sees that in the viewer's start-up line).
  await expect(alert).toContainText('Could not reach the elizaOS server (ECONNREFUSED)');
  await expect(alert).not.toContainText('127.0.0.1:1');
  await expect(alert).toContainText('Check that the server is running and reachable, then retry.');
  // The first try and TanStack Query's two retries with backoff; then it stops.
  await expectNoMoreRequests(page, async () => requests.length, 3);

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => requests.length, { timeout: 10_000 }).toBe(6);
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible();
  await expectNoMoreRequests(page, async () => requests.length, 6);
});
