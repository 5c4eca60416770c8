import { jsonText } from '../lib/json-text';
import type { Run, TokenCount } from './model';

// Stock elizaOS 1.7 records no token counts. For model calls that report none, the viewer
// estimates them from the prompt and response text with a real BPE tokenizer (in a worker,
// loaded only when needed). Estimates are always marked as such; reported usage always wins.

export interface EstimateInput {
  eventId: string;
  prompt: string;
  response: string;
  isEmbedding: boolean;
}

/** The text of every model call that reports no usage. */
export function estimateInputs(run: Run): EstimateInput[] {
  const inputs: EstimateInput[] = [];
  for (const event of run.events) {
    if (!event.model || event.model.usage) continue;
    const params = event.data.params && typeof event.data.params === 'object' ? (event.data.params as Record<string, unknown>) : {};
    const prompt = firstText(event.data.prompt, params.prompt, params.text, params.messages, params.input);
    const response = event.model.isEmbedding ? '' : firstText(event.data.response);
    inputs.push({ eventId: event.id, prompt, response, isEmbedding: event.model.isEmbedding });
  }
  return inputs;
}

function firstText(...values: unknown[]): string {
  for (const value of values) {
    if (typeof value === 'string' && value !== '' && value !== '[array]') return value;
    if (value && typeof value === 'object') return jsonText(value);
  }
  return '';
}

/** Token counts for each input; embeddings produce no completion tokens. */
export function estimateTokens(inputs: EstimateInput[], countTokens: (text: string) => number): Map<string, TokenCount> {
  const estimates = new Map<string, TokenCount>();
  for (const input of inputs) {
    const prompt = input.prompt ? countTokens(input.prompt) : 0;
    const completion = input.isEmbedding || !input.response ? 0 : countTokens(input.response);
    estimates.set(input.eventId, { prompt, completion, total: prompt + completion });
  }
  return estimates;
}

export const TOKENIZER_NAME = 'cl100k_base';
