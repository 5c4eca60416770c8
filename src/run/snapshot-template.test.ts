import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildRunBundle } from './run-bundle';
import { snapshotHtml } from './snapshot-html';
import { sha256, SNAPSHOT_PLACEHOLDER, snapshotTemplate } from './snapshot-template';

const JS = 'document.body.dataset.app = "</script><!-- é";\n';
const CSS = 'body { color: red; content: "</style>"; }';

/** The text of each inline script element, in order (the template is ours, so a regular expression reads it). */
const scripts = (html: string) =>
  [...html.matchAll(/<script([^>]*)>(.*?)<\/script>/gs)].map(([, attributes, text]) => ({ attributes, text }));

describe('snapshot template', () => {
  it('packs the app so that it unpacks to exactly the built JS and CSS', async () => {
    const html = await snapshotTemplate({ js: JS, css: CSS });
    const app = scripts(html).find(({ attributes }) => attributes.includes('id="snapshot-app"'))!;
    expect(app.attributes).toContain('type="text/plain"');
    const css = /data-css="([A-Za-z0-9+/=]+)"/.exec(app.attributes)![1];
    expect(gunzipSync(Buffer.from(app.text, 'base64')).toString('utf8')).toBe(JS);
    expect(gunzipSync(Buffer.from(css, 'base64')).toString('utf8')).toBe(CSS);
    // Packed as base64, the app's own `</script>` cannot end its element.
    expect(scripts(html)).toHaveLength(3);
  });

  it('allows by hash only the loader, the app and its CSS, and nothing to be fetched', async () => {
    const html = await snapshotTemplate({ js: JS, css: CSS });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    const loader = scripts(html).at(-1)!;
    expect(loader.attributes).toBe('');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${await sha256(loader.text)}' 'sha256-${await sha256(JS)}'`,
      `style-src 'sha256-${await sha256(CSS)}'`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    // The CSP comes before any script, so it governs all of them.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(html).not.toMatch(/\s(?:src|href)="(?!data:)/);
  });

  it('has one place for the run, which a hostile run cannot break out of', async () => {
    const template = await snapshotTemplate({ js: JS, css: CSS });
    expect(template.split(SNAPSHOT_PLACEHOLDER)).toHaveLength(2);
    const response = {
      runId: 'r1',
      events: [{ type: 'X', data: { text: '</script><script>alert(1)</script><!-- <script>' } }],
    };
    const bundle = buildRunBundle({ response, agent: { id: 'a', name: '</title><script>alert(2)</script>' }, source: { kind: 'file' } });
    const html = snapshotHtml(template, bundle, 'r1');
    const [data, app, loader] = scripts(html);
    expect(data.attributes).toBe(' id="run-bundle" type="application/json"');
    expect(JSON.parse(data.text)).toEqual(bundle);
    expect(app.attributes).toContain('id="snapshot-app"');
    expect(loader.text).toBe(scripts(template).at(-1)!.text);
    expect(html).toContain('<title>Snapshot of run r1 (&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;)</title>');
  });
});
