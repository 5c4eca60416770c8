import { describe, expect, it } from 'vitest';
import { normalizeRun } from '../src/run/normalize';
import { escapeAttribute, firstPaintHtml } from './first-paint';

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
      new Set(['<div', '<span', '<section', '<h2', '<p', '<dl', '<dt', '<dd', '<h3', '<ul', '<li', '<ol']),
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
