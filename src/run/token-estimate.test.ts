import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { normalizeRun } from './normalize';
import { loadSample } from './test-samples';
import { estimateInputs, estimateTokens } from './token-estimate';
import { tokenUsage } from './token-usage';

describe('token estimates', () => {
  it('estimates every call of a stock 1.7.2 run, which reports none', () => {
    const run = normalizeRun(loadSample('elizaos-1.7.2/run-detail-reply-action.json'));
    const inputs = estimateInputs(run);
    expect(inputs).toHaveLength(6);
    const estimates = estimateTokens(inputs, countTokens);
    const usage = tokenUsage(run, estimates);
    expect(usage.estimated).toBe(true);
    expect(usage.calls).toHaveLength(6);
    for (const call of usage.calls) expect(call.estimated).toBe(true);
    // Embeddings count their input text and no completion tokens.
    const embeddings = usage.calls.filter((call) => call.modelType === 'TEXT_EMBEDDING');
    expect(embeddings.every((call) => call.completion === 0 && call.prompt > 0)).toBe(true);
    // The main prompt is several kB of English: a real BPE gives roughly a token per 4 characters.
    const large = usage.calls.find((call) => call.modelType === 'TEXT_LARGE')!;
    const promptText = run.events.find((event) => event.id === large.eventId)!.data.prompt as string;
    expect(large.prompt).toBe(countTokens(promptText));
    expect(large.prompt).toBeGreaterThan(promptText.length / 6);
    expect(large.prompt).toBeLessThan(promptText.length / 2);
    expect(large.completion).toBeGreaterThan(5);
  });

  it('counts with a real tokenizer', () => {
    expect(estimateTokens([{ eventId: 'e0', prompt: 'Hello world', response: 'Hi!', isEmbedding: false }], countTokens).get('e0')).toEqual({
      prompt: 2,
      completion: 2,
      total: 4,
    });
  });

  it('never estimates a call that reports usage', () => {
    const run = normalizeRun(loadSample('documented/run-documented-example.json'));
    expect(estimateInputs(run)).toEqual([]);
  });
});
