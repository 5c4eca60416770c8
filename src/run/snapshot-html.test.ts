import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRunBundle } from './run-bundle';
import { embeddableJson, snapshotFileName, snapshotHtml } from './snapshot-html';
import { SNAPSHOT_PLACEHOLDER } from './snapshot-template';

const TEMPLATE = `<!doctype html><html><head><title>x</title></head><body>${SNAPSHOT_PLACEHOLDER}<script>app()</script></body></html>`;

describe('snapshot html', () => {
  it('puts the bundle in the placeholder as data that cannot close its element', () => {
    const response = {
      runId: 'r1',
      status: 'completed',
      events: [{ type: 'X', data: { text: '</script><script>alert(1)</script><!--' } }],
    };
    const bundle = buildRunBundle({ response, agent: { id: 'a', name: 'Bot <b>' }, source: { kind: 'file' } });
    const html = snapshotHtml(TEMPLATE, bundle, 'r1');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(html).toContain('<title>Snapshot of run r1 (Bot &lt;b&gt;)</title>');
    const json = /<script id="run-bundle" type="application\/json">(.*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(json)).toEqual(bundle);
  });

  it('escapes any text so that JSON.parse gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const json = embeddableJson({ text });
        expect(json).not.toMatch(/[<\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual({ text });
      }),
    );
  });

  it('refuses a template without its placeholder', () => {
    expect(() =>
      snapshotHtml('<html></html>', buildRunBundle({ response: {}, agent: { id: null }, source: { kind: 'file' } }), 'r'),
    ).toThrow(/no single place/);
  });

  it('names the file after the agent and the run', () => {
    expect(snapshotFileName('Fakebot', 'b0aec2f9', '1c5cdbc6-775b')).toBe('fakebot-run-1c5cdbc6-775b.html');
    expect(snapshotFileName(null, null, '../../etc')).toBe('agent-run-etc.html');
  });
});
