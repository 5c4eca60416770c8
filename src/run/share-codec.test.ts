import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskRunBundle } from './mask-bundle';
import { normalizeRun } from './normalize';
import { buildRunBundle } from './run-bundle';
import { decodeShareFragment, encodeShareFragment, fromBase64Url, SHARE_FRAGMENT_PREFIX, ShareLinkError, toBase64Url } from './share-codec';
import { loadSample, sampleFiles } from './test-samples';

const RUN_SAMPLES = sampleFiles().filter((file) => file.includes('run-'));
const bundleOf = (file: string) =>
  buildRunBundle({ response: loadSample(file), agent: { id: 'agent-1', name: 'Fakebot' }, source: { kind: 'viewer' } });

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  );
}

describe('share link round trip', () => {
  it.each(RUN_SAMPLES)('%s comes back as the same run and bundle', async (file) => {
    const bundle = maskRunBundle(bundleOf(file)).bundle;
    const fragment = await encodeShareFragment(bundle);
    expect(fragment.startsWith(SHARE_FRAGMENT_PREFIX)).toBe(true);
    expect(fragment).toMatch(/^share=v1\.[A-Za-z0-9_-]+$/);
    const opened = await decodeShareFragment(`#${fragment}`);
    expect(opened.bundle).toEqual(bundle);
    expect(opened.run).toEqual(normalizeRun(loadSample(file), 'agent-1'));
  });

  it('round-trips any bytes through base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('round-trips any text inside a run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
        const response = { runId: 'r1', status: 'completed', events: [{ type: 'NOTE', timestamp: 1, data: { text } }] };
        const bundle = buildRunBundle({ response, agent: { id: null }, source: { kind: 'file' } });
        expect((await decodeShareFragment(await encodeShareFragment(bundle))).response).toEqual(response);
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile fragments', () => {
  const expectRefused = async (hash: string, message: RegExp) => {
    const error = await decodeShareFragment(hash).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShareLinkError);
    expect((error as Error).message).toMatch(message);
  };

  it('says a truncated or altered link is damaged', async () => {
    const fragment = await encodeShareFragment(bundleOf(RUN_SAMPLES[0]));
    await expectRefused(fragment.slice(0, fragment.length - 40), /damaged or cut short/);
    await expectRefused(fragment.slice(0, 30) + 'A' + fragment.slice(31), /damaged|not a run|not to JSON/);
    await expectRefused(`${fragment}<script>`, /characters a share link never has/);
    await expectRefused('share=v9.abc', /another version of the viewer \(v9\)/);
    await expectRefused('nothing', /not a share link/);
  });

  it('refuses a decompression bomb past the limit, quickly', { timeout: 60_000 }, async () => {
    const bomb = await deflate(new Uint8Array(60 * 1024 * 1024));
    const started = Date.now();
    await expectRefused(SHARE_FRAGMENT_PREFIX + toBase64Url(bomb), /more than 50 MB/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses JSON that is not a run, and a run bundle whose run is not one', async () => {
    const encode = async (value: unknown) =>
      SHARE_FRAGMENT_PREFIX + toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
    await expectRefused(await encode({ hello: '<script>alert(1)</script>' }), /not a run the viewer can read/);
    await expectRefused(await encode({ viewer: 'elizaos-run-viewer', version: 1 }), /not a run the viewer can read/);
    await expectRefused(SHARE_FRAGMENT_PREFIX + toBase64Url(await deflate(new TextEncoder().encode('{"a":'))), /not to JSON/);
    await expectRefused(SHARE_FRAGMENT_PREFIX + toBase64Url(await deflate(new Uint8Array([0xff, 0xfe, 0xfd]))), /damaged/);
  });

  it('only ever throws ShareLinkError, whatever the fragment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (noise) => {
        const error = await decodeShareFragment(SHARE_FRAGMENT_PREFIX + noise).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ShareLinkError);
      }),
      { numRuns: 300 },
    );
  });
});
