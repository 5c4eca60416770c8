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
