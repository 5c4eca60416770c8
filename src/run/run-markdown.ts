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

/** A compact Markdown summary of a run, ready to paste into an issue or a chat with an LLM. */
export function runToMarkdown({ run, status, counts, errors, rows, tokens, durationMs, link }: MarkdownInput): string {
  const lines = [
    `## elizaOS run ${run.runId}`,
    '',
    `- Status: **${status.label}**${status.reason ? ` (${status.reason})` : ''}`,
    `- Agent: ${run.agentId ?? 'unknown'}${run.roomId ? `, room ${run.roomId}` : ''}`,
    `- Started: ${run.startedAt !== null ? new Date(run.startedAt).toISOString() : 'unknown'}, duration ${formatDuration(durationMs)}`,
    `- ${counts.events} events, ${counts.actions} actions, ${counts.modelCalls} model calls, ${counts.errors} errors`,
    `- Tokens: ${tokens.totals ? `${formatNumber(tokens.totals.total)} (${formatNumber(tokens.totals.prompt)} prompt, ${formatNumber(tokens.totals.completion)} completion)${tokens.estimated ? ', estimated' : ''}` : 'not reported'}`,
    `- Link: ${link}`,
  ];
  if (errors.length) {
    lines.push('', '### Errors', '');
    for (const error of errors) lines.push(`- ${oneLine(error.message)} (${error.source})`);
  }
  lines.push('', '### Timeline', '');
  for (const row of rows.slice(0, MAX_ROWS)) {
    const indent = row.depth ? '  ' : '';
    lines.push(`${indent}- \`${formatOffset(row.offsetMs)}\` ${row.event.failed ? '**FAILED** ' : ''}${oneLine(row.summary)}`);
    const prompt = row.event.data.prompt;
    if (typeof prompt === 'string' && prompt) lines.push(`${indent}  <details><summary>prompt (${formatNumber(prompt.length)} chars)</summary>\n\n${indent}  ${fence(prompt.slice(0, PROMPT_CHARS) + (prompt.length > PROMPT_CHARS ? '…' : ''))}\n\n${indent}  </details>`);
  }
  if (rows.length > MAX_ROWS) lines.push(`- … ${formatNumber(rows.length - MAX_ROWS)} more events`);
  return lines.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fence(text: string): string {
  const ticks = '`'.repeat(Math.max(3, (text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length + 1), 0)));
  return `${ticks}\n${text}\n${ticks}`;
}
