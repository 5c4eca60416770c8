import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './app-server';
import { BudgetCache } from './budget-cache';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

// Run files as sent: the gzip of a big file is made once, by the first browser that asks, and kept
// while the file does not change.

describe('BudgetCache', () => {
  it('keeps values within its byte budget, least recently used out first', () => {
    const cache = new BudgetCache<string>(10);
    cache.set('a', 'v1', 'A', 4);
    cache.set('b', 'v1', 'B', 4);
    expect(cache.get('a', 'v1')).toBe('A');
    cache.set('c', 'v1', 'C', 4);
    expect(cache.get('b', 'v1')).toBeNull();
    expect(cache.get('a', 'v1')).toBe('A');
    expect(cache.get('c', 'v1')).toBe('C');
  });

  it('answers only for the version it holds, and never keeps what is over budget', () => {
    const cache = new BudgetCache<string>(10);
    cache.set('a', 'v1', 'A', 4);
    expect(cache.get('a', 'v2')).toBeNull();
    cache.set('a', 'v2', 'A2', 11);
    expect(cache.get('a', 'v1')).toBeNull();
    expect(cache.get('a', 'v2')).toBeNull();
  });

  it('counts bytes added later, and evicts for them', () => {
    const cache = new BudgetCache<string>(10);
    cache.set('a', 'v1', 'A', 4);
    cache.set('b', 'v1', 'B', 4);
    cache.grow('b', 'B', 3);
    expect(cache.get('a', 'v1')).toBeNull();
    cache.grow('b', 'not B', 100);
    expect(cache.get('b', 'v1')).toBe('B');
  });
});

describe('embedded API: the gzip of a big run file', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  let server: RunningServer;
  const path = join(runs.path, 'agent-a', 'big.json');
  const gzip = { 'accept-encoding': 'gzip' };
  const get = (headers: Record<string, string> = gzip) => rawRequest(server.url, '/api/agents/agent-a/runs/run-big', { headers });

  function bigRun(fill: string): string {
    const events = Array.from({ length: 4000 }, (_, i) => ({
      type: 'MODEL_USED',
      timestamp: 1000 + i,
      data: { prompt: `${fill} ${i} `.repeat(40) },
    }));
    return JSON.stringify({ summary: { runId: 'run-big', status: 'completed', startedAt: 1000, endedAt: 4000 }, events });
  }

  beforeAll(async () => {
    fakeDist(dist.path);
    writeFile(join(runs.path, 'agent-a'), 'big.json', bigRun('first'));
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: () => {} });
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  it('is made while the first browser request streams the file, then sent whole with its length', async () => {
    const expected = bigRun('first');
    expect(expected.length).toBeGreaterThan(1024 * 1024);
    const first = await get();
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['content-length']).toBeUndefined();
    expect(first.headers['x-uncompressed-length']).toBe(String(expected.length));
    expect(first.text).toBe(expected);

    const second = await get();
    expect(second.headers['content-encoding']).toBe('gzip');
    expect(Number(second.headers['content-length'])).toBeGreaterThan(0);
    expect(Number(second.headers['content-length'])).toBeLessThan(expected.length / 4);
    expect(second.headers['x-uncompressed-length']).toBe(String(expected.length));
    expect(second.text).toBe(expected);

    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(expected.length));
    expect(plain.text).toBe(expected);
  });

  it('is never sent for a file that changed', { timeout: 30_000 }, async () => {
    await get();
    const changed = bigRun('second');
    writeFileSync(path, changed);
    // The index notices the change (watch, or its rescan); until then the old file may be sent.
    await expect.poll(async () => (await get()).text, { timeout: 20_000 }).toBe(changed);
    expect((await get()).text).toBe(changed);
  });
});
