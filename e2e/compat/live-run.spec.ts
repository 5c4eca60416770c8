import { startSlowRun, waitForRunEnd } from '../../compat/scenarios';
import { countEvents, expect, field, runSummary, runUrl, test } from './fixtures';

// The only test that sends a message to elizaOS: the runtime tracks one current run, so no other
// message may reach server A while this run is going on. The other specs only read.

test('follows a run in progress until it ends, without a reload', async ({ page, compat }) => {
  test.setTimeout(60_000);
  const { baseUrl, manifest } = compat.serverA;
  const slow = await startSlowRun(baseUrl, manifest);
  const ended = waitForRunEnd(baseUrl, manifest, slow);
  ended.catch(() => {}); // awaited below; a failure before that must not be unhandled

  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(runUrl(compat.viewers.a, manifest.agentId, slow.runId, slow.roomId));
  const summary = runSummary(page);
  // Status and counts read in one go, as soon as the page shows the run: a poll between two reads
  // could end the run in the middle.
  let whileRunning = { running: false, modelCalls: NaN, events: NaN };
  await expect
    .poll(
      async () => {
        whileRunning = await summary.evaluate((region) => {
          const value = (label: string) =>
            [...region.querySelectorAll('dt')].find((term) => term.textContent?.trim() === label)?.nextElementSibling?.textContent;
          return {
            running: region.querySelector('[aria-label="Status: running"]') !== null,
            modelCalls: Number(value('Model calls')),
            events: Number(value('Events')),
          };
        });
        return whileRunning.running;
      },
      { message: 'the page shows the run as running before it ends' },
    )
    .toBe(true);
  const modelCallsWhileRunning = whileRunning.modelCalls;
  const eventsWhileRunning = whileRunning.events;

  await expect(summary.getByLabel('Status: completed')).toBeVisible({ timeout: 25_000 });
  const counts = countEvents((await ended).events);
  await expect(field(summary, 'Model calls')).toHaveText(String(counts.modelCalls));
  await expect(field(summary, 'Events')).toHaveText(String(counts.events));
  expect(modelCallsWhileRunning, 'model calls shown while running').toBeLessThan(counts.modelCalls);
  expect(eventsWhileRunning, 'events shown while running').toBeLessThan(counts.events);
  expect(loads, 'page loads').toBe(1);
});
