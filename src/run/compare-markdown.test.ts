import { describe, expect, it } from 'vitest';
import { comparisonToMarkdown } from './compare-markdown';
import type { RunFacts } from './compare-runs';

const facts = (overrides: Partial<RunFacts> = {}): RunFacts => ({
  status: 'completed',
  durationMs: 840,
  tokens: { prompt: 1_500, completion: 370, total: 1_870 },
  tokensEstimated: false,
  modelCalls: 2,
  actions: 1,
  events: 7,
  errors: [],
  ...overrides,
});

describe('comparisonToMarkdown', () => {
  it('puts both runs in a table, then the differences as the page says them, then the link', () => {
    const markdown = comparisonToMarkdown(
      { runId: 'c0ffee01', facts: facts() },
      { runId: 'c0ffee02', facts: facts({ durationMs: 950, errors: ['no text'], tokensEstimated: true }) },
      [
        { label: 'Duration', text: '+110 ms (+13%)', direction: 'up' },
        { label: 'REPLY', text: 'completed → failed', direction: 'changed' },
      ],
      { added: 1, removed: 2, outcome: 1, text: 1 },
      'http://127.0.0.1:4173/agents/a/compare?a=c0ffee01&b=c0ffee02',
    );
    expect(markdown).toBe(
      [
        '## elizaOS runs compared: A c0ffee01 → B c0ffee02',
        '',
        '| | Run A | Run B |',
        '|---|---|---|',
        '| Run | c0ffee01 | c0ffee02 |',
        '| Status | completed | completed, **1 error** |',
        '| Duration | 840 ms | 950 ms |',
        '| Steps | 7 events, 1 action, 2 model calls | 7 events, 1 action, 2 model calls |',
        '| Tokens | 1,870 | 1,870 (estimated) |',
        '',
        '### Differences, A → B',
        '',
        '- Duration: +110 ms (+13%)',
        '- REPLY: completed → failed',
        '- Steps: 1 added, 2 removed, 1 with a different outcome, 1 with a changed prompt or response',
        '',
        'Link: <http://127.0.0.1:4173/agents/a/compare?a=c0ffee01&b=c0ffee02>',
        '',
      ].join('\n'),
    );
  });

  it("keeps a run's own text as text: no HTML, emphasis or broken table out of it; no link for files", () => {
    const markdown = comparisonToMarkdown(
      { runId: 'a|b', facts: facts({ status: 'done | *ok*' }) },
      { runId: '<img src=x>', facts: facts() },
      [{ label: 'Errors', text: '0 → 1; new in B: <script>alert(1)</script>\nsecond line', direction: 'up' }],
      null,
      null,
    );
    expect(markdown).toContain('| Run | a\\|b | \\<img src=x\\> |');
    expect(markdown).toContain('| Status | done \\| \\*ok\\* | completed |');
    expect(markdown).toContain('- Errors: 0 → 1; new in B: \\<script\\>alert(1)\\</script\\> second line\n');
    expect(markdown).toContain('- Steps: still aligning');
    expect(markdown).not.toContain('Link:');
    // Every `<` of the runs' text is escaped: none starts a tag.
    expect(markdown).not.toMatch(/(?<!\\)<(img|script)/);
  });
});
