import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeRun } from '../src/run/normalize';
import { startServer, type RunningServer } from './app-server';
import { escapeAttribute, firstPaintHtml } from './first-paint-html';
import { fakeDist, rawRequest, tempDir, writeFile } from './test-support';

// The run's first paint is written from untrusted run files into the page: every text must stay an
// attribute value, whatever it holds.

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'&`;

function run(extra: Record<string, unknown> = {}) {
  return normalizeRun(
    {
      summary: { runId: 'run-1', status: 'completed', startedAt: 1000, endedAt: 1300, ...extra },
      events: [
        { type: 'RUN_STARTED', timestamp: 1000, data: { source: HOSTILE } },
        { type: 'MODEL_USED', timestamp: 1100, data: { modelType: HOSTILE, provider: HOSTILE } },
        { type: 'RUN_ENDED', timestamp: 1300, data: { status: 'failed', error: HOSTILE } },
      ],
    },
    'agent-1',
  );
}

describe('firstPaintHtml', () => {
  it('writes untrusted text only as escaped attribute values', () => {
    const html = firstPaintHtml(run());
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeAttribute(HOSTILE));
    // Every tag it writes is one of its own, with no text between tags.
    expect(html.replace(/<[^>]*>/g, '')).toBe('');
    expect(new Set(html.match(/<([a-z0-9]+)/g))).toEqual(
      new Set(['<div', '<span', '<section', '<h2', '<p', '<dl', '<dt', '<dd', '<h3', '<ul', '<li', '<ol', '<noscript']),
    );
  });

  it('tells the status the run page tells: a run elizaOS calls completed whose end says failed is failed', () => {
    const html = firstPaintHtml(run());
    expect(html).toMatch(/data-t="✕ failed"/);
    expect(html).toContain('data-t="1 error"');
  });

  it('draws at most the first 40 rows of a long run', () => {
    const events = Array.from({ length: 500 }, (_, index) => ({
      type: 'MODEL_USED',
      timestamp: 1000 + index,
      data: { modelType: `T${index}` },
    }));
    const html = firstPaintHtml(normalizeRun({ summary: { runId: 'long', status: 'completed', startedAt: 1000 }, events }, 'agent-1'));
    expect(html.match(/<li class="pb-1">/g)).toHaveLength(40);
    expect(html).toContain('data-t="Showing 500 of 500 events"');
  });
});

describe('escapeAttribute', () => {
  it('escapes what could end an attribute or start markup', () => {
    expect(escapeAttribute(`a&b<c>d"e'f`)).toBe('a&#38;b&#60;c&#62;d&#34;e&#39;f');
  });
});

describe('the embedded server writes the first paint into a run page', () => {
  const runs = tempDir('runs');
  const dist = tempDir('dist');
  let server: RunningServer;
  const page = (runId: string, query = '') => rawRequest(server.url, `/agents/agent-a/runs/${runId}${query}`);

  beforeAll(async () => {
    fakeDist(dist.path);
    writeFile(
      dist.path,
      'index.html',
      '<!doctype html><html><head><link rel="stylesheet" crossorigin href="/assets/index-abc123.css"></head><body><div id="root"></div></body></html>',
    );
    writeFile(join(dist.path, 'assets'), 'index-abc123.css', '.first-paint{position:fixed}');
    // `$'` and `$&` mean something to String.replace: the picture must go in as written.
    writeFile(join(runs.path, 'agent-a'), 'dollars.json', {
      summary: { runId: 'dollars', status: 'completed', startedAt: 1000, endedAt: 1300 },
      events: [{ type: 'RUN_STARTED', timestamp: 1000, data: { source: "$' $& $`" } }],
    });
    writeFile(join(runs.path, 'agent-a'), 'small.json', {
      summary: { runId: 'small', status: 'completed', startedAt: 1000, endedAt: 1300 },
      events: [
        { type: 'RUN_STARTED', timestamp: 1000, data: {} },
        { type: 'RUN_ENDED', timestamp: 1300, data: { status: 'completed' } },
      ],
    });
    // Over 1 MB: drawn when the index reads the file, not when the page asks.
    const events = Array.from({ length: 6000 }, (_, index) => ({
      type: 'MODEL_USED',
      timestamp: 1000 + index,
      data: { prompt: 'p'.repeat(200) },
    }));
    writeFile(join(runs.path, 'agent-a'), 'big.json', { summary: { runId: 'big', status: 'completed', startedAt: 1000 }, events });
    server = await startServer({ port: 0, runsDir: runs.path, distDir: dist.path, warn: () => {} });
    // The folder is read on its first request.
    expect((await rawRequest(server.url, '/api/agents/agent-a/runs?limit=1')).status).toBe(200);
  });

  afterAll(async () => {
    await server.close();
    runs.remove();
    dist.remove();
  });

  it('before the app root, for a small run and a big one', async () => {
    for (const [runId, count] of [
      ['small', '2'],
      ['big', '6,000'],
    ]) {
      // A page waits at most 100 ms for its picture, which a busy machine can miss the first time.
      await expect.poll(async () => (await page(runId)).text).toContain(`data-t="Showing ${count} of ${count} events"`);
      const { text, headers } = await page(runId);
      expect(headers['content-type']).toMatch(/^text\/html/);
      expect(text.indexOf('id="first-paint"')).toBeLessThan(text.indexOf('<div id="root"></div>'));
      // Its style sheet comes with it: the browser paints nothing before its style sheets are in.
      expect(text).toContain('<style>.first-paint{position:fixed}</style>');
      expect(text).not.toContain('rel="stylesheet"');
    }
  });

  it('as written, whatever the run holds', async () => {
    await expect.poll(async () => (await page('dollars')).text).toContain('first-paint');
    const { text } = await page('dollars');
    expect(text).toContain('data-t="Run started · $&#39; $&#38; $`"');
    expect(text.split('<div id="root"></div>')).toHaveLength(2);
    expect(text.split('</html>')).toHaveLength(2);
  });

  it('not for a link to an event or a filter, nor for a run it does not have', async () => {
    expect((await page('small', '?event=e1')).text).not.toContain('first-paint');
    expect((await page('small', '?kind=model')).text).not.toContain('first-paint');
    expect((await page('missing')).text).not.toContain('first-paint');
    expect((await page('missing')).text).toContain('rel="stylesheet"');
    await expect.poll(async () => (await page('small', '?roomId=8c804bdb-3231-0770-931b-7f1f637e3353')).text).toContain('first-paint');
  });
});
