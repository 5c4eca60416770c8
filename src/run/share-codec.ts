import { readRunBundle, type OpenedRun, type RunBundle } from './run-bundle';
import { InvalidRunError } from './normalize';

// A share link carries the whole (masked) run in its fragment, which browsers never send to a
// server: `#share=v1.<base64url of the deflated bundle JSON>`. Decoding treats the fragment as
// exactly as hostile as a server response: bounded in size and time, then the same reader and
// normaliser.

export const SHARE_FRAGMENT_PREFIX = 'share=v1.';
/** Past this a link is too long to paste in a chat; the dialog offers the snapshot instead. */
export const MAX_LINK_CHARS = 100_000;
/** A fragment that inflates past this is refused (a decompression bomb, or no run anyone shares). */
export const MAX_DECODED_BYTES = 50 * 1024 * 1024;
/** Longer fragments are refused before any work: 20 MB of base64 is far past any link that works. */
const MAX_FRAGMENT_CHARS = 20 * 1024 * 1024;
const MAX_DECODE_MS = 5_000;

/** A share link that cannot be read: damaged, truncated, too big, or not a run. The message says which. */
export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

export function isShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(SHARE_FRAGMENT_PREFIX);
}

/** `share=v1.…` for a bundle (mask it first). */
export async function encodeShareFragment(bundle: RunBundle): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(bundle));
  const compressed = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer();
  return SHARE_FRAGMENT_PREFIX + toBase64Url(new Uint8Array(compressed));
}

/** The run a fragment (with or without `#`) carries, or a ShareLinkError saying why not. */
export async function decodeShareFragment(
  hash: string,
  limits = { maxBytes: MAX_DECODED_BYTES, maxMs: MAX_DECODE_MS },
): Promise<OpenedRun> {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(SHARE_FRAGMENT_PREFIX)) {
    const version = /^share=([^.]*)\./.exec(fragment)?.[1];
    throw new ShareLinkError(
      version ? `This link was made by another version of the viewer (${version}); this one reads v1.` : 'This is not a share link.',
    );
  }
  const data = fragment.slice(SHARE_FRAGMENT_PREFIX.length);
  if (data.length > MAX_FRAGMENT_CHARS) throw new ShareLinkError('The link is far too long to be a shared run, so it was not opened.');
  const bytes = fromBase64Url(data);
  const json = await inflateJson(bytes, limits);
  try {
    return readRunBundle(json);
  } catch (error) {
    if (error instanceof InvalidRunError)
      throw new ShareLinkError(`The link holds data, but not a run the viewer can read: ${error.message}`);
    throw error;
  }
}

async function inflateJson(bytes: Uint8Array<ArrayBuffer>, limits: { maxBytes: number; maxMs: number }): Promise<unknown> {
  const damaged = 'The link is damaged or cut short: its run could not be unpacked. Ask for the link again, and copy all of it.';
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const started = Date.now();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        throw new ShareLinkError(damaged);
      }
      if (result.done) break;
      total += result.value.byteLength;
      if (total > limits.maxBytes) {
        throw new ShareLinkError(
          `The link unpacks to more than ${Math.round(limits.maxBytes / 1024 / 1024)} MB, so it was refused: no shared run is that big.`,
        );
      }
      if (Date.now() - started > limits.maxMs) throw new ShareLinkError('Unpacking the link took too long, so it was stopped.');
      chunks.push(result.value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    throw new ShareLinkError(damaged);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ShareLinkError('The link unpacks, but not to JSON: it was not made by this viewer, or it was altered.');
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new ShareLinkError('The link is damaged: it has characters a share link never has. Copy all of it again.');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    throw new ShareLinkError('The link is damaged or cut short. Copy all of it again.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
