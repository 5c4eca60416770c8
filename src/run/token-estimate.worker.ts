import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { estimateTokens, type EstimateInput } from './token-estimate';

// Counts tokens off the main thread; the tokenizer's ranks (about 1 MB) load only here.
self.onmessage = (message: MessageEvent<EstimateInput[]>) => {
  const estimates = estimateTokens(message.data, (text) => countTokens(text));
  self.postMessage([...estimates]);
};
