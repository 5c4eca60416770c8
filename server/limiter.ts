// At most `max` tasks at a time; the rest wait their turn. Opening every run file of a big folder
// at once runs out of file descriptors (EMFILE) where the limit is low.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async (task) => {
    if (active >= max) await new Promise<void>((start) => waiting.push(start));
    active += 1;
    try {
      return await task();
    } finally {
      next();
    }
  };
}

/**
 * Runs `task` for every item, at most `max` at a time. Unlike mapping every item through a limiter,
 * it does not create a waiting promise per item up front: a folder of 10,000 files costs 10,000
 * queued closures and a long first turn of the event loop that way.
 */
export async function eachAtMost<T>(max: number, items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(max, items.length) }, runner));
}
