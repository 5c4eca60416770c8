import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { runPrompts, sectionPieceInputs } from '../src/run/context-breakdown';
import type { Run } from '../src/run/model';
import { normalizeRun } from '../src/run/normalize';
import { estimateInputs, estimateTokens, TOKENIZER_NAME } from '../src/run/token-estimate';

// Counting a run's tokens, by the same estimate function the browser's worker uses: on the event
// loop for an ordinary run (token-estimates.ts), in a worker thread for a big one
// (token-estimate-worker.ts), where parsing alone would stall every other request.

/** What can be counted, and the inputs each is: the same functions the browser calls. */
export const COUNTED = {
  calls: (run: Run) => estimateInputs(run),
  sections: (run: Run) => sectionPieceInputs(runPrompts(run)),
};
export type Counted = keyof typeof COUNTED;

/** Counting yields to the event loop this often, so one big run never stalls the server. */
const SLICE_MS = 8;

export interface TokenEstimatesBody {
  tokenizer: string;
  estimates: [eventId: string, prompt: number, completion: number][];
}

export async function estimateRun(text: string, agentId: string, of: Counted): Promise<TokenEstimatesBody> {
  const inputs = COUNTED[of](normalizeRun(JSON.parse(text), agentId));
  const estimates: TokenEstimatesBody['estimates'] = [];
  let sliceStart = performance.now();
  for (const input of inputs) {
    // One input at a time through the browser worker's own function, yielding now and then.
    for (const [eventId, count] of estimateTokens([input], countTokens)) estimates.push([eventId, count.prompt, count.completion]);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return { tokenizer: TOKENIZER_NAME, estimates };
}
