import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatBytes, formatDuration, formatNumber, formatOffset, formatRelative } from './format';

describe('format', () => {
  it.each([
    [0.0147, '0.015 ms'],
    [4.56, '4.6 ms'],
    [120, '120 ms'],
    [1200, '1.2 s'],
    [61_000, '1 min 1 s'],
    [3_720_000, '1 h 2 min'],
    [null, '—'],
  ])('formats a duration of %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formats offsets from the run start', () => {
    expect(formatOffset(120)).toBe('+120 ms');
    expect(formatOffset(1234)).toBe('+1.2 s');
    expect(formatOffset(-5)).toBe('−5 ms');
  });

  it('formats relative times', () => {
    expect(formatRelative(0, 180_000)).toBe('3 minutes ago');
    expect(formatRelative(0, 500)).toBe('now');
    expect(formatRelative(7_200_000, 0)).toBe('in 2 hours');
  });

  it('formats absolute times with the time zone and milliseconds', () => {
    expect(formatAbsolute(Date.UTC(2026, 10, 28, 9, 5, 3, 45), 'UTC')).toMatch(/Nov 28, 2026.*09:05:03\.045.*UTC/);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MB');
  });
});

describe('formatNumber', () => {
  const intl = new Intl.NumberFormat('en');

  it('groups thousands as Intl does, for whole numbers of every size and sign', () => {
    for (const value of [0, -0, 7, -7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, -1_234_567, Number.MAX_SAFE_INTEGER])
      expect(formatNumber(value)).toBe(intl.format(value));
    fc.assert(fc.property(fc.maxSafeInteger(), (value) => formatNumber(value) === intl.format(value)));
  });

  it('leaves fractions, huge numbers and non-finite values to Intl', () => {
    for (const value of [0.5, 1234.5678, -0.001, 1e21, 2 ** 60, Infinity, -Infinity, NaN])
      expect(formatNumber(value)).toBe(intl.format(value));
  });
});
