import { queryOptions, usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { packSkeleton, stepSkeleton, type AlignedPairs, type PackedSkeleton, type RunStep } from '../run/align-runs';
import { alignedItems, type AlignedItem } from '../run/compare-runs';

/**
 * The two runs' steps aligned, computed in a worker (10,000-step runs take a while); null until
 * ready. The key holds every step key, hashed, so a run still in progress realigns as it grows.
 */
export function useAlignment(stepsA: RunStep[], stepsB: RunStep[]): { items: AlignedItem[] | null; error: Error | null } {
  const skeletonA = useMemo(() => packSkeleton(stepSkeleton(stepsA)), [stepsA]);
  const skeletonB = useMemo(() => packSkeleton(stepSkeleton(stepsB)), [stepsB]);
  const keyA = useMemo(() => fingerprint(skeletonA), [skeletonA]);
  const keyB = useMemo(() => fingerprint(skeletonB), [skeletonB]);
  // The fingerprints stand for the skeletons (and the steps they come from): same structure, same alignment.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const options = queryOptions({
    queryKey: ['alignment', keyA, keyB],
    // The steps travel with their pairs, so a previous alignment still shown is a consistent one.
    queryFn: async () => ({ keyA, keyB, stepsA, stepsB, pairs: await alignInWorker(skeletonA, skeletonB) }),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  // Started during this render, not after it commits: the worker aligns while the page renders the
  // rest of the comparison (the runs' facts, both cards).
  usePrefetchQuery(options);
  const query = useQuery({
    ...options,
    // Keep the last alignment on screen while a growing run realigns.
    placeholderData: (previous) => previous,
  });
  const data = query.data;
  // Same structure: the pairs fit today's steps (whose outcomes may have changed since, e.g. once
  // the action log confirmed them). Else the previous alignment shows until the new one is ready.
  const current = data !== undefined && data.keyA === keyA && data.keyB === keyB;
  const items = useMemo(() => {
    if (!data) return null;
    return current ? alignedItems(stepsA, stepsB, data.pairs) : alignedItems(data.stepsA, data.stepsB, data.pairs);
  }, [data, current, stepsA, stepsB]);
  return { items, error: query.error };
}

/** FNV-1a over the keys and parents: cheap, and any change of structure changes it. Each distinct key is hashed once. */
function fingerprint(skeleton: PackedSkeleton): string {
  const keyHashes = skeleton.names.map((key) => {
    let keyHash = 2166136261;
    for (let char = 0; char < key.length; char++) keyHash = Math.imul(keyHash ^ key.charCodeAt(char), 16777619);
    return keyHash;
  });
  let hash = 2166136261;
  for (let step = 0; step < skeleton.codes.length; step++) {
    hash = Math.imul(hash ^ keyHashes[skeleton.codes[step]], 16777619);
    hash = Math.imul(hash ^ (skeleton.parents[step] + 1), 16777619);
  }
  return `${skeleton.codes.length}:${(hash >>> 0).toString(36)}`;
}

const startWorker = () => new Worker(new URL('../run/align-runs.worker.ts', import.meta.url), { type: 'module' });
/** Started with this module (the comparison's code), so its script loads while the runs are still being read. */
let readyWorker: Worker | null = typeof Worker === 'undefined' ? null : startWorker();

function alignInWorker(a: PackedSkeleton, b: PackedSkeleton): Promise<AlignedPairs> {
  return new Promise((resolve, reject) => {
    const worker = readyWorker ?? startWorker();
    readyWorker = null;
    worker.onmessage = (message: MessageEvent<Int32Array>) => {
      worker.terminate();
      const flat = message.data;
      const pairs: AlignedPairs = [];
      for (let index = 0; index < flat.length; index += 2) pairs.push([flat[index], flat[index + 1]]);
      resolve(pairs);
    };
    worker.onerror = (error) => {
      worker.terminate();
      reject(new Error(`The alignment failed: ${error.message}`));
    };
    worker.postMessage({ a, b });
  });
}
