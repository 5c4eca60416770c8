import { formatAbsolute, formatDuration, formatEventTime, formatNumber } from '../src/lib/format';
import type { Run } from '../src/run/model';
import { collectErrors, type RunError } from '../src/run/run-errors';
import { countRun, runDuration } from '../src/run/run-stats';
import { deriveStatus } from '../src/run/status';
import { KIND_STYLE, TONE_COLOR, TONE_ICON } from '../src/run/style-tokens';
import { countKinds } from '../src/run/timeline-filter';
import { buildTimelineRows, type TimelineRow } from '../src/run/timeline-rows';

// The first paint of a run page, written by the server into index.html so the run shows before
// the app's JavaScript has even been parsed: the summary and the first rows, laid out as the app
// lays them out, over the page until the app shows the same (src/app/first-paint.ts takes it away).
//
// It is a picture, not the app: hidden from assistive tech and inert (the app underneath is what
// gets the focus and the keys), and every text is an attribute drawn by CSS (`data-t`, index.css),
// so no text in it can be found, selected or clicked in place of the app's own. Untrusted text is
// only ever an escaped attribute value.

/** Rows drawn: more than the tallest screen shows below the summary. */
const ROWS = 40;
/**
 * Files up to this size are read for their picture when a page asks (a few ms); bigger ones are
 * drawn when the index reads them, so a page never waits for a big parse.
 */
export const FIRST_PAINT_READ_BYTES = 1024 * 1024;

export function firstPaintHtml(run: Run): string {
  const status = deriveStatus(run);
  const counts = countRun(run);
  const rows = buildTimelineRows(run);
  const kindCounts = countKinds(rows);
  const badge = (color: string, text: string) =>
    `<span class="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold" style="color:${color};border-color:${color}"${t(text)}></span>`;
  const field = (label: string, value: string, className = '') =>
    `<div class="min-w-0"><dt class="text-xs uppercase tracking-wide text-muted"${t(label)}></dt><dd class="break-words ${className}"${t(value)}></dd></div>`;
  const time = (timestamp: number | null) => (timestamp === null ? 'not reported' : formatAbsolute(timestamp, 'UTC'));
  const durationMs = runDuration(run, Date.now());
  const summary = [
    `<section class="rounded-lg border border-border bg-card p-4 shadow-sm">`,
    `<div class="mb-3 flex min-h-9 flex-wrap items-center gap-3"><h2 class="text-base font-semibold"${t('Run summary')}></h2>`,
    badge(TONE_COLOR[status.tone], `${TONE_ICON[status.tone]} ${status.label}`),
    counts.errors > 0 && status.tone !== 'failed'
      ? badge('var(--status-failed)', `! ${counts.errors === 1 ? '1 error' : `${counts.errors} errors`}`)
      : '',
    `<span class="text-xs text-muted"${t(run.shape === 'elizaos' ? 'elizaOS 1.7 response' : 'documented API format')}></span></div>`,
    status.reason ? `<p class="mb-3 text-sm text-[var(--status-failed)]"${t(status.reason)}></p>` : '',
    `<dl class="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">`,
    field('Run id', run.runId, 'font-mono text-xs leading-[22px]'),
    field('Agent id', run.agentId || 'not reported', 'font-mono text-xs leading-[22px]'),
    field('Room id', run.roomId ?? 'not reported', 'font-mono text-xs leading-[22px]'),
    field('Started', time(run.startedAt)),
    field('Ended', status.tone === 'running' ? 'still running' : time(run.endedAt)),
    field('Duration', formatDuration(durationMs)),
    field('Events', formatNumber(counts.events)),
    field('Actions', formatNumber(counts.actions)),
    field('Model calls', formatNumber(counts.modelCalls)),
    field('Evaluators', formatNumber(counts.evaluators)),
    field('Errors', formatNumber(counts.errors), counts.errors ? 'font-semibold text-[var(--status-failed)]' : ''),
    field('Tokens', '…'),
    `</dl>`,
    errorList(collectErrors(run)),
    `</section>`,
  ];
  const conversation = run.roomId
    ? `<section class="rounded-lg border border-border bg-card p-4 shadow-sm" data-with-script><h2 class="mb-3 text-base font-semibold"${t('Conversation')}></h2><p class="text-sm text-muted"${t('Loading the conversation…')}></p></section>`
    : '';
  const chips = (Object.keys(KIND_STYLE) as (keyof typeof KIND_STYLE)[])
    .filter((kind) => kindCounts[kind] > 0)
    .map(
      (kind) =>
        `<span class="rounded border border-border px-2 py-1 text-xs"${t(`${KIND_STYLE[kind].icon} ${kind} ${formatNumber(kindCounts[kind])}`)}></span>`,
    )
    .join('');
  const timeline = [
    `<section class="rounded-lg border border-border bg-card p-4 shadow-sm"><h2 class="mb-3 text-base font-semibold"${t('Timeline')}></h2>`,
    `<div class="mb-2 h-[30px] rounded border border-border" data-with-script></div>`,
    `<div class="mb-3 flex flex-wrap items-center gap-2">${chips}<span class="ml-auto text-xs text-muted"${t(`Showing ${formatNumber(rows.length)} of ${formatNumber(rows.length)} events`)}></span></div>`,
    rows.length === 0
      ? `<p class="text-sm text-muted"${t('No events to show.')}></p>`
      : `<ol>${rows.slice(0, ROWS).map(rowHtml).join('')}</ol>`,
    `</section>`,
  ];
  return [
    `<div id="first-paint" class="first-paint" aria-hidden="true" inert>`,
    `<div class="border-b border-border bg-card"><div class="mx-auto max-w-6xl px-4 py-3"><span class="font-semibold leading-[26px]"${t('elizaOS Run Viewer')}></span></div></div>`,
    `<div class="mx-auto max-w-6xl space-y-4 px-4 py-6"><div class="h-[22px] text-sm text-[var(--status-failed)]">`,
    `<noscript><span${t('JavaScript is off: this is a picture of the run. Turn JavaScript on to open events, search and filter.')}></span></noscript></div>`,
    ...summary,
    conversation,
    ...timeline,
    `</div></div>`,
  ].join('');
}

/** The summary's errors as RunSummary lists them (as many as a screen holds: the app lists them all). */
function errorList(errors: RunError[]): string {
  if (errors.length === 0) return '';
  const items = errors
    .slice(0, ROWS)
    .map(
      (error) =>
        `<li><span class="whitespace-pre-wrap break-words font-mono text-xs"${t(error.message)}></span><span class="text-xs text-muted"${t(` — ${error.source}`)}></span></li>`,
    );
  return [
    `<div class="mt-4 rounded border border-[var(--status-failed)] p-3">`,
    `<h3 class="mb-2 text-sm font-semibold text-[var(--status-failed)]"${t(errors.length === 1 ? '1 error' : `${errors.length} errors`)}></h3>`,
    `<ul class="space-y-1 text-sm">${items.join('')}</ul></div>`,
  ].join('');
}

/** A row as TimelineItem draws it, collapsed, with the time from the run start. */
function rowHtml(row: TimelineRow): string {
  const { event } = row;
  const kind = KIND_STYLE[event.failed ? 'error' : event.kind];
  const label = event.didNotFinish
    ? `${KIND_STYLE[event.kind].label} · did not finish`
    : event.failed
      ? `${KIND_STYLE[event.kind].label} · failed`
      : kind.label;
  const time = event.timestamp === null ? 'no time' : formatEventTime(event.timestamp, row.offsetMs, 'relative');
  return [
    `<li class="pb-1"><div class="relative rounded-md border bg-card ${event.failed ? 'border-[var(--status-failed)]' : 'border-border'}${row.depth === 1 ? ' ml-8' : ''}">`,
    `<div class="flex items-start gap-2 p-2">`,
    `<span class="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border-2 bg-card text-xs font-bold" style="color:${kind.color};border-color:${kind.color}"${t(kind.icon)}></span>`,
    `<span class="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">`,
    `<span class="text-xs font-semibold uppercase" style="color:${kind.color}"${t(label)}></span>`,
    `<span class="min-w-0 break-words text-sm${event.failed ? ' text-[var(--status-failed)]' : ''}"${t(row.summary)}></span>`,
    event.outcomeNote ? `<span class="text-xs text-muted"${t(`(${event.outcomeNote})`)}></span>` : '',
    `</span><span class="hidden w-40 shrink-0 sm:block"></span>`,
    `<span class="min-h-8 w-24 shrink-0 text-right font-mono text-xs text-muted"><span class="block"${t(time)}></span>`,
    row.durationMs !== null ? `<span class="block"${t(formatDuration(row.durationMs))}></span>` : '',
    `</span></div></div></li>`,
  ].join('');
}

/** A text as the `data-t` attribute CSS draws. */
function t(text: string): string {
  return ` data-t="${escapeAttribute(text)}"`;
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
