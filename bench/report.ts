import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults, SizeResult } from './bench-results';

// Rewrites the measured part of BENCHMARKS.md, between the markers; the text around them is kept.

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export function writeBenchmarksMd(path: string, results: BenchResults): string {
  const block = `${START}\n${measuredBlock(results)}\n${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path} has no ${START} ... ${END} block to rewrite`);
  writeFileSync(path, current.slice(0, from) + block + current.slice(to + END.length));
  return path;
}

function measuredBlock(results: BenchResults): string {
  const { machine, sizes, payload, js } = results;
  const lines: string[] = [];
  lines.push(
    `Produced by \`${results.command}\` on ${machine.date.slice(0, 10)} in ${Math.round(results.durationS / 60)} min (${results.durationS} s).`,
  );
  lines.push('');
  lines.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB; ${machine.os}; Node ${machine.node}; Chromium ${machine.chromium} (headless, software rendering). ` +
      `App: commit \`${machine.gitCommit.slice(0, 10)}\`${machine.gitDirty ? ' plus uncommitted changes' : ''}, served from ${results.build.how}. ` +
      `Load average (1 min) before the bench started / at its end: ${machine.loadAverage.start} / ${machine.loadAverage.end}` +
      `${machine.loadAverage.start > machine.cores ? ` (above the ${machine.cores} cores before the bench ran: other work was running or had just run, so timings may be inflated)` : ''}.`,
  );
  lines.push('');
  lines.push('Medians of the repetitions that completed (each in a fresh browser context); `-` = not measured, see the notes.');
  lines.push('');
  lines.push(
    '| events | JSON | first rows (ms) | fetch+parse floor (ms) | blank-page floor (ms) | ratio | scroll p50 / p95 / max (ms) | scrolled | search paint (ms) | longest task while typing (ms) | heap (MB) | reps |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of sizes) {
    const m = size.median;
    const done = size.reps.filter((rep) => rep.firstRowsMs !== null).length;
    lines.push(
      `| ${size.events.toLocaleString('en')} | ${mb(size.bytes)} MB | ${num(m.firstRowsMs)} | ${num(m.floorMs)} | ${num(m.blankFloorMs)} | ${m.ratio === null ? '-' : `${m.ratio.toFixed(2)}x`} | ${num(m.scrollP50)} / ${num(m.scrollP95)} / ${num(m.scrollMax)} | ${m.scrollCovered === null ? '-' : `${Math.round(m.scrollCovered * 100)}%`} | ${num(m.searchPaintMs)} | ${taskText(m.longestTaskWhileTypingMs)} | ${num(m.heapMB)} | ${done}/${size.repsPlanned} |`,
    );
  }
  lines.push('');
  if (payload) {
    const done = payload.reps.filter((rep) => rep.openMs !== null).length;
    lines.push(
      `**${mb(payload.bytes)} MB run, one ~10 MB prompt** (in \`prompt\` and \`params.prompt\`, as 1.7.2 logs it): first rows ${num(payload.median.firstRowsMs)} ms; ` +
        `opening the call's payload (press on its toggle to the JSON tree painted) **${num(payload.median.openMs)} ms** (${done}/${payload.reps.length} reps).`,
    );
    lines.push('');
  }
  if (js) {
    lines.push(
      `**First visit of a run page** (empty cache): page JavaScript **${kb(js.page.gzipBytes)} kB gzip**, ${kb(js.page.bytes)} kB uncompressed; ` +
        `the token-estimate worker, loaded after the first rows, separately: ${kb(js.worker.gzipBytes)} kB gzip, ${kb(js.worker.bytes)} kB.`,
    );
    lines.push('');
    lines.push('| file | loaded by | arrived before the first rows | gzip (kB) | uncompressed (kB) |');
    lines.push('|---|---|---|---:|---:|');
    for (const file of js.files) {
      const before = file.beforeFirstRows === null ? '-' : file.beforeFirstRows ? 'yes' : 'no';
      lines.push(`| \`${file.path}\` | ${file.kind} | ${before} | ${kb(file.gzipBytes)} | ${kb(file.bytes)} |`);
    }
    lines.push('');
  }
  const notes = sizeNotes(sizes);
  if (payload?.stoppedEarly) notes.push(`${payload.key}: ${payload.stoppedEarly}.`);
  for (const rep of payload?.reps ?? [])
    for (const failure of rep.failures) notes.push(`${payload!.key} rep ${rep.rep}: ${failure.stage} ${failure.error}.`);
  for (const failure of js?.failures ?? []) notes.push(`${failure.stage}: ${failure.error}.`);
  if (notes.length) {
    lines.push('Notes from this run:');
    lines.push('');
    for (const note of notes) lines.push(`- ${note}`);
    lines.push('');
  }
  lines.push('### Targets');
  lines.push('');
  lines.push('| target | measured | verdict |');
  lines.push('|---|---|---|');
  for (const target of targets(results)) lines.push(`| ${target.target} | ${target.measured} | ${target.verdict} |`);
  return lines.join('\n');
}

function sizeNotes(sizes: SizeResult[]): string[] {
  const notes: string[] = [];
  for (const size of sizes) {
    const label = `${size.events.toLocaleString('en')} events`;
    if (size.stoppedEarly) notes.push(`${label}: ${size.stoppedEarly}.`);
    for (const rep of size.reps)
      for (const failure of rep.failures) notes.push(`${label}, rep ${rep.rep}: ${failure.stage} ${failure.error}.`);
    if (size.searchNote) notes.push(`${label}: search not measured: ${size.searchNote}.`);
    const scrolls = size.reps.map((rep) => rep.scroll).filter((scroll) => scroll !== null);
    if (scrolls.length && scrolls.some((scroll) => !scroll.reachedEnd)) {
      notes.push(
        `${label}: the scroll reached the time cap before the end of the timeline (a tenth of a screen per frame covers the share in the "scrolled" column); scroller: ${scrolls[0].scroller}.`,
      );
    }
  }
  return notes;
}

interface TargetRow {
  target: string;
  measured: string;
  verdict: string;
}

function targets(results: BenchResults): TargetRow[] {
  const biggest = results.sizes.find((size) => size.events === 100_000) ?? null;
  const rows: TargetRow[] = [];
  const at = biggest ? '100,000 events: ' : '100,000 events (not run): ';
  const why = biggest ? unmeasuredReason(biggest) : 'not run';
  const m = biggest?.median;
  rows.push(upTo(`${at}first rows within 1 s of navigation`, m?.firstRowsMs ?? null, 1000, 'ms', why));
  if (m && m.ratio === null && m.firstRowsMs !== null && m.blankFloorMs !== null) {
    // The run page never allowed the in-page floor; the blank page's is the next best divisor.
    const row = upTo(
      `${at}first rows within 2x the fetch+parse floor`,
      Math.round((m.firstRowsMs / m.blankFloorMs) * 100) / 100,
      2,
      'x',
      why,
    );
    rows.push({ ...row, measured: `${row.measured} (against the blank-page floor: the in-page floor was not measured)` });
  } else {
    rows.push(upTo(`${at}first rows within 2x the fetch+parse floor`, m?.ratio ?? null, 2, 'x', why));
  }
  rows.push(below(`${at}scroll p95 frame under 17 ms`, m?.scrollP95 ?? null, 17, 'ms', why));
  rows.push(upTo(`${at}search result painted within 200 ms`, m?.searchPaintMs ?? null, 200, 'ms', biggest?.searchNote ?? why));
  const typing = upTo(
    `${at}no main-thread task over 50 ms while typing`,
    m?.longestTaskWhileTypingMs ?? null,
    50,
    'ms',
    biggest?.searchNote ?? why,
  );
  rows.push(m?.longestTaskWhileTypingMs === 0 ? { ...typing, measured: 'no task over 50 ms' } : typing);
  rows.push(below(`${at}JS heap under 150 MB`, m?.heapMB ?? null, 150, 'MB', why));
  const payload = results.payload;
  rows.push(upTo('10 MB payload open within 300 ms', payload?.median.openMs ?? null, 300, 'ms', payload?.stoppedEarly ?? 'not measured'));
  rows.push(
    upTo(
      // Issue 14's measure, as bench:first-visit takes it: panels that load after the first rows are not counted.
      'First visit of a run page: at most 150 kB of gzipped JavaScript before the first rows',
      results.js ? results.js.files.filter((file) => file.beforeFirstRows).reduce((sum, file) => sum + file.gzipBytes, 0) / 1024 : null,
      150,
      'kB',
      'not measured',
    ),
  );
  return rows;
}

function unmeasuredReason(size: SizeResult): string {
  const failure = size.reps.flatMap((rep) => rep.failures)[0];
  return failure ? `${failure.stage} ${failure.error}` : 'not measured';
}

function upTo(target: string, value: number | null, limit: number, unit: string, reason: string): TargetRow {
  return verdict(target, value, limit, unit, reason, value !== null && value <= limit);
}

function below(target: string, value: number | null, limit: number, unit: string, reason: string): TargetRow {
  return verdict(target, value, limit, unit, reason, value !== null && value < limit);
}

function verdict(target: string, value: number | null, limit: number, unit: string, reason: string, met: boolean): TargetRow {
  if (value === null) return { target, measured: '-', verdict: `**not measured**: ${reason}` };
  const shown = unit === 'x' ? `${value.toFixed(2)}x` : `${num(value)} ${unit}`;
  if (met) return { target, measured: shown, verdict: 'met' };
  const over = unit === 'x' ? `${(value - limit).toFixed(2)}x` : `${num(value - limit)} ${unit}`;
  return { target, measured: shown, verdict: `**missed** by ${over} (${(value / limit).toFixed(1)}x the target)` };
}

function taskText(value: number | null): string {
  if (value === null) return '-';
  return value === 0 ? 'none > 50' : num(value);
}

function num(value: number | null): string {
  if (value === null) return '-';
  return value >= 100 ? Math.round(value).toLocaleString('en') : String(Math.round(value * 10) / 10);
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
