import { describe, expect, it } from 'vitest';
import { idsDigest, logsQueryOptions } from './queries';

describe('idsDigest (the log query key)', () => {
  it('is the same for the same ids in another array, and differs when an id, the order or a boundary does', () => {
    const ids = ['a765b38b-1', 'a765b38b-2', 'a765b38b-3'];
    expect(idsDigest([...ids])).toBe(idsDigest(ids));
    expect(idsDigest(['a765b38b-1', 'a765b38b-2', 'a765b38b-4'])).not.toBe(idsDigest(ids));
    expect(idsDigest([ids[1], ids[0], ids[2]])).not.toBe(idsDigest(ids));
    expect(idsDigest(['ab', 'c'])).not.toBe(idsDigest(['a', 'bc']));
    expect(idsDigest([])).not.toBe(idsDigest(['']));
  });

  it('finds no two alike among 20,000 lists of real-looking ids', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 20_000; index++) seen.add(idsDigest([`action-${index}`, `action-${index + 1}`]));
    expect(seen.size).toBe(20_000);
  });

  it('keeps a big run’s ids out of the key react-query hashes on every render', () => {
    const ids = Array.from({ length: 25_000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const key = JSON.stringify(logsQueryOptions('agent', 'room', 'action', ids).queryKey);
    expect(key.length).toBeLessThan(120);
    expect(key).toContain('"wanted":"25000:');
  });
});
