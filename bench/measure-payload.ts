import type { Page } from '@playwright/test';
import type { PayloadResult, PayloadSample } from './bench-results';
import { closeContext, loadRunPage, newPage, settle, STAGE_TIMEOUT_MS, stageRunner, type BenchSession } from './bench-session';
import type { GeneratedRun } from './generate-runs';
import { armPointerdown, SELECTORS, waitForShown, waitQuiet } from './in-page';
import { fmt, median, round } from './stats';

// A run with one huge payload: first rows, then opening that payload.

/** The huge payload: first rows, then clicking the event's toggle until its JSON tree is painted. */
export async function measurePayload(session: BenchSession, run: GeneratedRun): Promise<PayloadResult> {
  const { browser: getBrowser, relaunch, baseUrl, options, log } = session;
  const reps: PayloadSample[] = [];
  let stoppedEarly: string | null = null;
  for (let rep = 1; rep <= options.reps; rep++) {
    const sample: PayloadSample = { rep, firstRowsMs: null, openMs: null, failures: [] };
    reps.push(sample);
    const { context, page, workers } = await newPage(getBrowser());
    const stage = stageRunner(sample.failures);
    const load = await stage('payload: first rows', STAGE_TIMEOUT_MS, () => loadRunPage(page, baseUrl + run.path), { required: true });
    sample.firstRowsMs = load?.firstRowsMs ?? null;
    await stage('payload: settle', STAGE_TIMEOUT_MS, () => settle(page, workers));
    sample.openMs = await stage('payload: open', STAGE_TIMEOUT_MS, () => openHugePayload(page));
    log(
      `${run.key} rep ${rep}: first rows ${fmt(sample.firstRowsMs)} ms, open ${fmt(sample.openMs)} ms${sample.failures.map((failure) => `, ${failure.stage} failed: ${failure.error}`).join('')}`,
    );
    const timedOut = sample.failures.find((failure) => failure.timedOut);
    await closeContext(context, relaunch);
    if (timedOut) {
      if (rep < options.reps) stoppedEarly = `stopped after repetition ${rep}: ${timedOut.stage} ${timedOut.error}`;
      break;
    }
  }
  return {
    key: run.key,
    bytes: run.bytes,
    reps,
    stoppedEarly,
    median: { firstRowsMs: round(median(reps.map((rep) => rep.firstRowsMs))), openMs: round(median(reps.map((rep) => rep.openMs))) },
  };
}

async function openHugePayload(page: Page): Promise<number> {
  // The run has one TEXT_LARGE call: the one with the huge prompt. Its toggle names the model type.
  const toggle = page
    .locator(SELECTORS.timeline)
    .getByRole('button', { name: /TEXT_LARGE/, expanded: false })
    .first();
  await toggle.scrollIntoViewIfNeeded();
  const payloadId = await toggle.getAttribute('aria-controls');
  if (!payloadId) throw new Error('the TEXT_LARGE toggle has no aria-controls');
  await page.evaluate(waitQuiet, { quietMs: 300, capMs: 10_000 });
  await page.evaluate(armPointerdown);
  await toggle.click();
  const shownAt = await page.evaluate(waitForShown, { id: payloadId, capMs: STAGE_TIMEOUT_MS - 5_000 });
  if (shownAt === null) throw new Error(`#${payloadId} did not show within ${(STAGE_TIMEOUT_MS - 5_000) / 1000} s`);
  const pressedAt = await page.evaluate(() => window.__bench.watch?.firstInputAt ?? null);
  if (pressedAt === null) throw new Error('no pointerdown was seen');
  return round(shownAt - pressedAt)!;
}
