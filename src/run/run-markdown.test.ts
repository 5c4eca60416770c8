import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { collectErrors } from './run-errors';
import { runToMarkdown } from './run-markdown';
import { countRun, runDuration } from './run-stats';
import { deriveStatus } from './status';
import { loadSample } from './test-samples';
import { buildTimelineRows } from './timeline-rows';
import { tokenUsage } from './token-usage';

describe('runToMarkdown', () => {
  it('summarises status, errors and the timeline with prompts folded', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-model-error.json'), 'agent-1');
    const markdown = runToMarkdown({
      run,
      status: deriveStatus(run),
      counts: countRun(run),
      errors: collectErrors(run),
      rows: buildTimelineRows(run),
      tokens: tokenUsage(run),
      durationMs: runDuration(run),
      link: 'http://127.0.0.1:4173/agents/agent-1/runs/x',
    });
    expect(markdown).toContain('## elizaOS run ee6e5b97-d6e0-40a1-a0ba-059a87517009');
    expect(markdown).toContain('- Status: **failed** (The server says "completed", but the run ended with an error.)');
    expect(markdown).toContain('- 5 events, 0 actions, 2 model calls, 1 errors');
    expect(markdown).toContain('### Errors\n\n- fake TEXT_LARGE failure (zzfailmodelzz) (RUN_ENDED event)');
    expect(markdown).toContain('- `+41 ms` **FAILED** Run ended · completed · 41 ms · error: fake TEXT_LARGE failure (zzfailmodelzz)');
    expect(markdown).toMatch(/<details><summary>prompt \([\d,]+ chars\)<\/summary>/);
    // Prompts are folded: the summary stays compact.
    expect(markdown.length).toBeLessThan(3000);
  });
});
