import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Run, TokenCount } from '../run/model';
import { estimateInputs, type EstimateInput } from '../run/token-estimate';

const NONE: ReadonlyMap<string, TokenCount> = new Map();

/** Estimated tokens for the model calls that report none, counted in a worker; empty until ready. */
export function useTokenEstimates(run: Run): { estimates: ReadonlyMap<string, TokenCount>; estimating: boolean } {
  const inputs = useMemo(() => estimateInputs(run), [run]);
  const query = useQuery({
    queryKey: ['token-estimates', run.runId, inputs.length, inputs.at(-1)?.eventId],
    queryFn: () => countInWorker(inputs),
    enabled: inputs.length > 0,
    staleTime: Infinity,
    retry: false,
  });
  return { estimates: query.data ?? NONE, estimating: query.isPending && inputs.length > 0 };
}

function countInWorker(inputs: EstimateInput[]): Promise<Map<string, TokenCount>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../run/token-estimate.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<[string, TokenCount][]>) => {
      worker.terminate();
      resolve(new Map(message.data));
    };
    worker.onerror = (error) => {
      worker.terminate();
      reject(new Error(`Token estimation failed: ${error.message}`));
    };
    worker.postMessage(inputs);
  });
}
