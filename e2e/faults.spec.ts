import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { expect, test } from './test';
import { PORTS, url } from './servers/ports';

// Every way the elizaOS server or the network can fail, met for real: the viewer runs in proxy
// mode in front of e2e/servers/fault-server.ts, where the run id picks the fault. Each failure has
// its own words, a Retry that really asks again, and no retry loop behind the user's back.

const VIEWER = url(PORTS.viewerToFault);
const FAULT_SERVER = url(PORTS.fault);
/**
 * How much page time must pass with the request count still, once the error shows: longer than
 * any retry delay the viewer has (TanStack Query's backoff, a Retry-After, the slowest poll).
 */
const QUIET_PAGE_MS = 3 * 60_000;

declare global {
  interface Window {
    /** The API paths the page has fetched and the page time of each, recorded when fetch is called (see beforeEach). */
    apiFetches?: { path: string; at: number }[];
  }
}

// Page time is the test's to move, so an absence of retries is proven by jumping minutes ahead
// instead of by waiting; and fetch calls are counted in the page, in order with that jump.
test.beforeEach(async ({ page }) => {
  await page.clock.install();
  await page.addInitScript(() => {
    const fetchFromPage = window.fetch.bind(window);
    window.apiFetches = [];
    window.fetch = (input, init) => {
      const target = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (target.pathname.startsWith('/api/')) window.apiFetches?.push({ path: target.pathname, at: Date.now() });
      return fetchFromPage(input, init);
    };
  });
});

function pageFetches(page: Page, path: string): Promise<number> {
  return page.evaluate((wanted) => (window.apiFetches ?? []).filter((fetched) => fetched.path === wanted).length, path);
}

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

/**
 * The count stays at `expected` while minutes of page time pass: nothing retries behind the
 * user's back. Any retry timer fires during the jump and calls fetch before the page is asked.
 */
async function expectNoMoreRequests(page: Page, count: () => Promise<number>, expected: number, path: string) {
  expect(await count()).toBe(expected);
  expect(await pageFetches(page, path), 'fetch calls by the page').toBe(expected);
  await page.clock.runFor(QUIET_PAGE_MS);
  expect(await pageFetches(page, path), 'fetch calls by the page after the jump').toBe(expected);
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
    await expectNoMoreRequests(page, count, 1 + autoRetries, path);

    const button = alert.getByRole('button', { name: 'Retry' });
    if (!retry) {
      await expect(button).toHaveCount(0);
      return;
    }
    await button.click();
    await expect.poll(count, { timeout: 10_000 }).toBe(2 * (1 + autoRetries));
    await expect(alert.getByRole('heading', { name: heading })).toBeVisible();
    for (const text of texts) await expect(alert).toContainText(text);
    await expectNoMoreRequests(page, count, 2 * (1 + autoRetries), path);
  });
}

test('gives up on a response that never finishes after 15 s, says so, and can retry', async ({ page, request }, testInfo) => {
  const agent = agentFor(testInfo);
  const path = `/api/agents/${agent}/runs/stall`;
  const count = () => requestsFor(request, path);

  await page.goto(`${VIEWER}/agents/${agent}/runs/stall`);
  const loading = page.getByRole('status').filter({ hasText: 'Loading run' });
  await expect(loading).toBeAttached();
  await expect.poll(count).toBe(1);
  const alert = page.getByRole('alert');
  // Page time, not real time: 2 s short of 15 s quiet it still waits; past it, it gives up.
  const sinceFetch = await page.evaluate(() => Date.now() - (window.apiFetches?.at(-1)?.at ?? Date.now()));
  await page.clock.runFor(15_000 - sinceFetch - 2_000);
  await expect(loading).toBeAttached();
  await expect(alert).toHaveCount(0);
  await page.clock.runFor(3_000);
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible();
  await expect(alert).toContainText('The server stopped answering: nothing arrived for 15 s, so the viewer gave up.');
  // One timeout, not three: a server that kept the user waiting 15 s is not silently asked again.
  await expectNoMoreRequests(page, count, 1, path);

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
  await expectNoMoreRequests(page, async () => requests.length, 3, '/api/agents/a1/runs/r1');

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => requests.length, { timeout: 10_000 }).toBe(6);
  await expect(alert.getByRole('heading', { name: 'Server unreachable' })).toBeVisible();
  await expectNoMoreRequests(page, async () => requests.length, 6, '/api/agents/a1/runs/r1');
});
