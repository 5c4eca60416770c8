import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { applyActionLog } from './log-outcomes';
import type { Run } from './model';
import { normalizeRun } from './normalize';
import { collectErrors } from './run-errors';
import { runToMarkdown } from './run-markdown';
import { countRun, runDuration } from './run-stats';
import { deriveStatus } from './status';
import { loadSample, sampleFiles } from './test-samples';
import { buildTimelineRows } from './timeline-rows';
import { tokenUsage } from './token-usage';

const LINK = 'http://127.0.0.1:4173/agents/agent-1/runs/x';

function markdownOf(run: Run): string {
  return runToMarkdown({
    run,
    status: deriveStatus(run),
    counts: countRun(run),
    errors: collectErrors(run),
    rows: buildTimelineRows(run),
    tokens: tokenUsage(run),
    durationMs: runDuration(run),
    link: LINK,
  });
}

// CommonMark, as GitHub renders it (HTML blocks allowed: the prompts fold in <details>).
const commonmark = new MarkdownIt('commonmark');
type Token = ReturnType<typeof commonmark.parse>[number];

/** The block structure a reader sees: headings, list items per depth, code blocks, HTML blocks. */
function structure(markdown: string) {
  const tokens = commonmark.parse(markdown, {});
  let listDepth = 0;
  const items: { depth: number; text: string }[] = [];
  const fences: Token[] = [];
  const html: string[] = [];
  const headings: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'bullet_list_open') listDepth++;
    if (token.type === 'bullet_list_close') listDepth--;
    if (token.type === 'heading_open') headings.push(`${token.tag} ${tokens[i + 1].content}`);
    if (token.type === 'list_item_open') {
      const inline = tokens.slice(i).find((next) => next.type === 'inline');
      items.push({ depth: listDepth, text: inline?.content ?? '' });
    }
    if (token.type === 'fence' || token.type === 'code_block') fences.push(token);
    if (token.type === 'html_block') html.push(token.content.trim());
  }
  return { items, fences, html, headings, tokens };
}

// Every captured sample and every bundled run (the crafted Atlas runs have failures, timeouts, a 1 MB prompt).
const BUNDLED = join(import.meta.dirname, '../../server/sample-runs');
const bundled = readdirSync(BUNDLED, { recursive: true, encoding: 'utf8' }).filter(
  (file) => /^[^/]+\/[^/]+\.json$/.test(file) && !file.endsWith('agent.json'),
);
const runs = [
  ...sampleFiles()
    .filter((file) => !file.includes('runs-list') && !file.includes('memories'))
    .map((file) => ({ file, run: normalizeRun(loadSample(file), 'agent-1') })),
  ...bundled.map((file) => ({ file, run: normalizeRun(JSON.parse(readFileSync(join(BUNDLED, file), 'utf8')), 'agent-1') })),
];

describe('runToMarkdown', () => {
  it('summarises status, errors and the timeline with prompts folded', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'), 'agent-1');
    const markdown = markdownOf(run);
    expect(markdown).toContain('## elizaOS run ee6e5b97-d6e0-40a1-a0ba-059a87517009');
    expect(markdown).toContain('- Status: **failed** (The server says "completed", but the run ended with an error.)');
    expect(markdown).toContain('- 5 events, 0 actions, 2 model calls, 1 error');
    expect(markdown).toContain('### Errors\n\n- fake TEXT_LARGE failure (zzfailmodelzz) (RUN_ENDED event)');
    expect(markdown).toMatch(/<details><summary>prompt \([\d,]+ chars\)<\/summary>/);
    // Prompts are folded: the summary stays compact.
    expect(markdown.length).toBeLessThan(4000);
  });

  it.each(runs)('renders as CommonMark with every row a list item and every prompt closed: $file', ({ run }) => {
    const markdown = markdownOf(run);
    const { items, fences, html, headings } = structure(markdown);
    const rows = buildTimelineRows(run);
    expect(headings[0]).toBe(`h2 elizaOS run ${run.runId}`);
    expect(headings.slice(1)).toEqual(collectErrors(run).length ? ['h3 Errors', 'h3 Timeline'] : ['h3 Timeline']);
    // Six summary lines, one per error, then one list item per timeline row, at its depth.
    const timeline = items.slice(6 + collectErrors(run).length);
    expect(timeline.map((item) => item.depth)).toEqual(rows.map((row) => row.depth + 1));
    for (const [index, row] of rows.entries()) {
      expect(timeline[index].text.includes('**FAILED**'), `row ${index} says FAILED`).toBe(row.event.failed);
    }
    // Every prompt is one closed code block inside <details>, and nothing else became code.
    const prompts = rows.filter((row) => typeof row.event.data.prompt === 'string' && row.event.data.prompt !== '');
    expect(fences).toHaveLength(prompts.length);
    for (const [index, fence] of fences.entries()) {
      expect(fence.type).toBe('fence');
      const prompt = String(prompts[index].event.data.prompt).replace(/\r\n?/g, '\n');
      expect(fence.content.replace(/…\n$/, '\n')).toBe(`${prompt.slice(0, 300)}\n`);
    }
    expect(html.filter((block) => block.startsWith('<details>'))).toHaveLength(prompts.length);
    expect(html.filter((block) => block === '</details>')).toHaveLength(prompts.length);
  });

  it('keeps a prompt with headings, fences and HTML inside its fold', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'), 'agent-1');
    const hostile = '# Task\n\n```js\nx\n```\n\n</details>\n<script>alert(1)</script>\n````\nend';
    const model = run.events.find((event) => event.kind === 'model' && typeof event.data.prompt === 'string');
    if (!model) throw new Error('the sample has a model call with a prompt');
    const edited: Run = {
      ...run,
      events: run.events.map((event) => (event === model ? { ...event, data: { ...event.data, prompt: hostile } } : event)),
    };
    const { fences, headings, html } = structure(markdownOf(edited));
    expect(headings).toEqual(['h2 elizaOS run ee6e5b97-d6e0-40a1-a0ba-059a87517009', 'h3 Errors', 'h3 Timeline']);
    expect(fences.some((fence) => fence.content === `${hostile}\n`)).toBe(true);
    expect(html.some((block) => block.includes('<script>'))).toBe(false);
  });

  it('escapes payload text so it cannot become a link, HTML or emphasis', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'), 'agent-1');
    const edited: Run = { ...run, runId: '<img src=x onerror=alert(1)> [a](http://x) *b* _c_ snake_case' };
    const html = commonmark.render(markdownOf(edited));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<a href="http://x"');
    expect(html).not.toContain('<em>');
    expect(html).toContain('_c_ snake_case');
  });

  it('says an action failed in the status line, with correct plurals', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'), 'agent-1');
    const action = run.events.find((event) => event.needsOutcomeCheck);
    if (!action?.actionId) throw new Error('the sample has an action to check');
    const rows = [
      {
        type: 'action',
        body: {
          actionId: action.actionId,
          action: 'REPLY',
          state: { data: { actionResults: [{ success: false, data: { actionName: 'REPLY', error: 'boom' } }] } },
        },
      },
    ];
    const checked = applyActionLog(run, { state: 'done', rows });
    const markdown = markdownOf(checked);
    expect(markdown).toContain('- Status: **completed** · **1 error**\n');
    expect(markdown).toMatch(/- \d+ events, 1 action, \d+ model calls, 1 error\n/);
  });
});
