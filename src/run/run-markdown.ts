import { formatDuration, formatNumber, formatOffset } from '../lib/format';
import type { Run } from './model';
import type { RunError } from './run-errors';
import type { RunCounts } from './run-stats';
import type { DerivedStatus } from './status';
import type { TimelineRow } from './timeline-rows';
import type { TokenUsage } from './token-usage';

interface MarkdownInput {
  run: Run;
  status: DerivedStatus;
  counts: RunCounts;
  errors: RunError[];
  rows: TimelineRow[];
  tokens: TokenUsage;
  durationMs: number | null;
  link: string;
}

const PROMPT_CHARS = 300;
const MAX_ROWS = 400;

/**
 * A compact Markdown summary of a run, ready to paste into an issue or a chat with an LLM. It is
 * CommonMark (as GitHub renders it): every payload text is escaped, and a prompt folded under its
 * row is indented into that list item, in a fence longer than any backtick run inside it.
 */
export function runToMarkdown({ run, status, counts, errors, rows, tokens, durationMs, link }: MarkdownInput): string {
  const lines = [
    `## elizaOS run ${escapeText(run.runId)}`,
    '',
    `- Status: **${escapeText(status.label)}**${errorBadge(status, counts)}${status.reason ? ` (${escapeText(status.reason)})` : ''}`,
    `- Agent: ${escapeText(run.agentId ?? 'unknown')}${run.roomId ? `, room ${escapeText(run.roomId)}` : ''}`,
    `- Started: ${run.startedAt !== null ? new Date(run.startedAt).toISOString() : 'unknown'}, duration ${formatDuration(durationMs)}`,
    `- ${[plural(counts.events, 'event'), plural(counts.actions, 'action'), plural(counts.modelCalls, 'model call'), plural(counts.errors, 'error')].join(', ')}`,
    `- Tokens: ${tokens.totals ? `${formatNumber(tokens.totals.total)} (${formatNumber(tokens.totals.prompt)} prompt, ${formatNumber(tokens.totals.completion)} completion)${tokens.estimated ? ', estimated' : ''}` : 'not reported'}`,
    `- Link: <${link.replace(/[<>\s]/g, encodeURIComponent)}>`,
  ];
  if (errors.length) {
    lines.push('', '### Errors', '');
    for (const error of errors) lines.push(`- ${escapeText(oneLine(error.message))} (${escapeText(error.source)})`);
  }
  lines.push('', '### Timeline', '');
  for (const row of rows.slice(0, MAX_ROWS)) {
    const indent = row.depth ? '  ' : '';
    lines.push(`${indent}- \`${formatOffset(row.offsetMs)}\` ${row.event.failed ? '**FAILED** ' : ''}${escapeText(oneLine(row.summary))}`);
    const prompt = row.event.data.prompt;
    if (typeof prompt === 'string' && prompt) lines.push(...foldedPrompt(prompt, `${indent}  `));
  }
  if (rows.length > MAX_ROWS) lines.push(`- … ${plural(rows.length - MAX_ROWS, 'more event')}`);
  return lines.join('\n') + '\n';
}

/** "1 error", "2 errors" (also used by the page, so both say the same). */
export function plural(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** The page's error badge, in words: a run that is not failed but carries errors says so here. */
function errorBadge(status: DerivedStatus, counts: RunCounts): string {
  return counts.errors > 0 && status.tone !== 'failed' ? ` · **${plural(counts.errors, 'error')}**` : '';
}

/**
 * A `<details>` block inside the list item: an HTML block ends at a blank line, and every line,
 * the fenced prompt's included, is indented to the item's content so the list carries on after it.
 */
function foldedPrompt(prompt: string, indent: string): string[] {
  const excerpt = prompt.slice(0, PROMPT_CHARS) + (prompt.length > PROMPT_CHARS ? '…' : '');
  const body = excerpt.replace(/\r\n?/g, '\n');
  const ticks = '`'.repeat(Math.max(3, ...(body.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return [
    '',
    `${indent}<details><summary>prompt (${formatNumber(prompt.length)} chars)</summary>`,
    '',
    `${indent}${ticks}text`,
    ...body.split('\n').map((line) => (line ? indent + line : '')),
    `${indent}${ticks}`,
    '',
    `${indent}</details>`,
    '',
  ];
}

/** Whitespace runs, newlines included, as one space: a list item or a table cell stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Payload text shown as text: no emphasis, links, code spans, HTML or entities out of it. An `_`
 * between letters or digits (TEXT_LARGE) cannot start emphasis, so it stays readable as it is.
 */
export function escapeText(text: string): string {
  return text.replace(/[\\`*[\]<>&~]|_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_/g, '\\$&');
}
