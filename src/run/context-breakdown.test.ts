import { describe, expect, it } from 'vitest';
import { contextBreakdown, promptBreakdowns, runPrompts, sectionPieceInputs } from './context-breakdown';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';
import { estimateTokens } from './token-estimate';

const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action-with-room.json'), 'agent');
// A stand-in tokenizer: one token per 4 characters.
const count = (text: string) => Math.ceil(text.length / 4);

describe('contextBreakdown on a real elizaOS 1.7.2 run', () => {
  const prompts = runPrompts(run);
  const breakdowns = promptBreakdowns(prompts, estimateTokens(sectionPieceInputs(prompts), count));
  const breakdown = contextBreakdown(prompts, breakdowns);

  it('reads the prompts of the three text calls and the REPLY action’s prompt', () => {
    expect(prompts.map((prompt) => [prompt.isModelCall, prompt.prompt.slice(0, 20)])).toEqual([
      [true, '<task>Decide on beha'],
      [true, '<task>Generate dialo'],
      [true, '# Task: Generate dia'],
      [false, '# Task: Generate dia'],
    ]);
  });

  it('names the biggest consumers first, summed over the model calls', () => {
    expect(breakdown.calls).toBe(3);
    expect(breakdown.estimated).toBe(true);
    expect(breakdown.rows[0].path).toBe('<providers>');
    expect(breakdown.rows[0].calls).toBe(2);
    const actions = breakdown.rows.find((row) => row.path === '<providers> › Available Actions');
    expect(actions?.calls).toBe(2);
    expect(actions?.topCalls).toHaveLength(2);
    const topLevelShare = breakdown.rows.filter((row) => row.depth === 0).reduce((sum, row) => sum + row.share, 0);
    expect(topLevelShare).toBeGreaterThan(0.95);
    expect(topLevelShare).toBeLessThanOrEqual(1.0001);
  });

  it('counts a section as the sum of its pieces, close to counting it whole', () => {
    const main = breakdowns.get(prompts[1].key);
    const providers = main?.sections[1];
    const tokens = providers ? main?.tokens.bySection.get(providers.id) : undefined;
    expect(tokens).toBeGreaterThan(count(prompts[1].prompt.slice(providers?.start, providers?.end)) - 20);
  });
});
