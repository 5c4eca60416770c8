import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatBytes, formatDuration, formatOffset, formatRelative } from './format';

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
