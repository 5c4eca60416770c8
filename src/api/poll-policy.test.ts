import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { STALE_AFTER_MS } from '../run/staleness';
import { pollDelay, POLL_MS } from './poll-policy';

const failure = new ApiError('server', 'The server answered 500.', { url: '/api', status: 500 });

describe('pollDelay', () => {
  it('polls a running run every 2 s and stops when it ends', () => {
    expect(pollDelay({ running: true, lastError: null, failures: 0 })).toBe(POLL_MS);
    expect(pollDelay({ running: false, lastError: null, failures: 0 })).toBe(false);
    expect(pollDelay({ running: false, lastError: failure, failures: 3 })).toBe(false);
  });

  it('backs off exponentially on errors, up to a minute', () => {
    expect([1, 2, 3, 4, 5, 10].map((failures) => pollDelay({ running: true, lastError: failure, failures }))).toEqual([
      4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('waits as long as Retry-After asks when rate limited', () => {
    const limited = (retryAfterMs?: number) =>
      new ApiError('rate-limited', 'Too many requests', { url: '/api', status: 429, retryAfterMs });
    expect(pollDelay({ running: true, lastError: limited(7000), failures: 1 })).toBe(7000);
    expect(pollDelay({ running: true, lastError: limited(0), failures: 1 })).toBe(POLL_MS);
    expect(pollDelay({ running: true, lastError: limited(), failures: 1 })).toBe(60_000);
  });
});

describe('pollDelay for a quiet run', () => {
  const minutes = (value: number) => value * 60_000;
  it('slows down as the run stays quiet, then stops once it is stale, unless resumed', () => {
    const delay = (quietMs: number, resumed = false) => pollDelay({ running: true, lastError: null, failures: 0, quietMs, resumed });
    expect([0, minutes(0.5), minutes(1), minutes(9), minutes(10), minutes(64)].map((quiet) => delay(quiet))).toEqual([
      2000, 2000, 10_000, 10_000, 60_000, 60_000,
    ]);
    expect(delay(STALE_AFTER_MS)).toBe(false);
    expect(delay(minutes(72 * 60))).toBe(false);
    expect(delay(minutes(72 * 60), true)).toBe(10_000);
  });
});
