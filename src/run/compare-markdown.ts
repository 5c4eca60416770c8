import { formatDuration, formatNumber } from '../lib/format';
import { stepsDifferenceText, type Difference, type MarkCounts, type RunFacts } from './compare-runs';
import { escapeText, oneLine, plural } from './run-markdown';

export interface MarkdownSide {
  runId: string;
  facts: RunFacts;
}

/**
 * A comparison as Markdown, to paste into an issue or a chat: both runs in a table, then what
 * differs, A → B, as the page says it. CommonMark as GitHub renders it; every run's text is escaped
 * (a table cell's `|` too). `link` is the comparison's own link; none for opened files.
 */
export function comparisonToMarkdown(
  a: MarkdownSide,
  b: MarkdownSide,
  differences: Difference[],
  marks: MarkCounts | null,
  link: string | null,
): string {
  const row = (label: string, cell: (side: MarkdownSide) => string) => `| ${label} | ${cell(a)} | ${cell(b)} |`;
  const lines = [
    `## elizaOS runs compared: A ${escapeText(a.runId)} → B ${escapeText(b.runId)}`,
    '',
    '| | Run A | Run B |',
    '|---|---|---|',
    row('Run', (side) => escapeCell(side.runId)),
    row(
      'Status',
      ({ facts }) => `${escapeCell(facts.status)}${facts.errors.length ? `, **${plural(facts.errors.length, 'error')}**` : ''}`,
    ),
    row('Duration', ({ facts }) => formatDuration(facts.durationMs)),
    row(
      'Steps',
      ({ facts }) => `${plural(facts.events, 'event')}, ${plural(facts.actions, 'action')}, ${plural(facts.modelCalls, 'model call')}`,
    ),
    row('Tokens', ({ facts }) =>
      facts.tokens ? `${formatNumber(facts.tokens.total)}${facts.tokensEstimated ? ' (estimated)' : ''}` : 'not reported',
    ),
    '',
    '### Differences, A → B',
    '',
    ...differences.map((difference) => `- ${escapeText(difference.label)}: ${escapeText(oneLine(difference.text))}`),
    `- Steps: ${marks ? stepsDifferenceText(marks) : 'still aligning'}`,
  ];
  if (link) lines.push('', `Link: <${link.replace(/[<>\s]/g, encodeURIComponent)}>`);
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return escapeText(oneLine(text)).replace(/\|/g, '\\|');
}
