import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { extname, posix, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { THEME_BOOT_SCRIPT } from '../src/lib/theme-boot';
import { acceptsGzip, isCompressible, startBody } from './gzip-body';
import { isReadMethod, type RequestHead } from './request-guards';

// Serves the built app from dist/. Every path that is not a file is an SPA route and gets
// index.html, except under /assets/, where a missing file is a real 404 (a stale hashed bundle
// must fail loudly, not come back as HTML with status 200). Every file has an ETag, so a browser
// revalidates with a 304; text files are gzipped once per version and kept, not on every request.
// Source maps are built (`hidden`, for error reports) but never served.
// The same code serves the app inside elizaOS (plugin/), under a base path such as
// /api/agents/<id>/plugins/run-viewer: index.html then names its files under that base.

/**
 * The page may fetch only from its own server, plus the elizaOS servers named for direct mode.
 * Only the elizaOS plugin lets its own origin frame the page (`frameAncestors` "'self'").
 */
export function contentSecurityPolicy(connectOrigins: string[] = [], frameAncestors: "'none'" | "'self'" = "'none'"): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${THEME_BOOT_HASH}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** index.html's one inline script, allowed by its hash (see src/lib/theme-boot.ts). */
const THEME_BOOT_HASH = `'sha256-${createHash('sha256').update(THEME_BOOT_SCRIPT).digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `path` is below the app's root; `basePath` is where that root is on this server ('' = the
 * origin's root, else a path like /a/b without a trailing slash).
 */
export type StaticFiles = (
  req: RequestHead,
  res: ServerResponse,
  path: string,
  basePath?: string,
  firstPaint?: string | null,
) => Promise<void>;

const BASE_PATH = /^(\/[A-Za-z0-9._~-]+)*$/;

/**
 * index.html as served under `basePath`: the build names its files from the root (`src="/assets/…"`,
 * so deep links such as /agents/x/runs/y find them); under a base they are prefixed with it.
 * The JavaScript finds its chunks and worker relative to itself (see vite.config.ts).
 */
export function rebaseIndexHtml(html: string, basePath: string): string {
  if (!BASE_PATH.test(basePath)) throw new Error(`Not a base path: ${JSON.stringify(basePath)}`);
  return basePath === '' ? html : html.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${basePath}/`);
}

export function createStaticFiles(distDir: string, csp = CONTENT_SECURITY_POLICY): StaticFiles {
  const root = resolve(distDir);
  const indexPath = resolve(root, 'index.html');
  const gzipped: GzipCache = new Map();
  const styles = new Map<string, string | null>();

  return async (req, res, rawPath, basePath = '', firstPaint = null) => {
    if (!isReadMethod(req)) {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method Not Allowed');
    }
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return sendText(res, 400, 'Bad Request');
    }
    if (path.includes('\0')) return sendText(res, 400, 'Bad Request');
    if (path.endsWith('.map')) return sendText(res, 404, 'Not Found');

    // Normalised as a URL path first, so `..` can never climb above dist/.
    const filePath = resolve(root, `.${posix.normalize(`/${path}`)}`);
    const inside = filePath.startsWith(root + sep);
    // index.html itself goes through the same path as an SPA route, so it is rebased too.
    const file = inside && filePath !== indexPath ? await openFile(filePath) : null;
    if (file) return sendFile(req, res, file, filePath, path.startsWith('/assets/'), csp, gzipped);
    if (path.startsWith('/assets/')) return sendText(res, 404, 'Not Found');

    const index = await openFile(indexPath);
    if (!index) return sendText(res, 404, 'Not Found');
    if (basePath === '' && firstPaint === null) return sendFile(req, res, index, indexPath, false, csp, gzipped);
    const text = await index.readFile('utf8').finally(() => index.close());
    const rebased = rebaseIndexHtml(text, basePath);
    const html = Buffer.from(firstPaint === null ? rebased : withFirstPaint(await inlineStylesheet(rebased, root, styles), firstPaint));
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-cache');
    const body = startBody(req, res, 200, TYPES['.html'], html.length);
    return void (req.method === 'HEAD' ? body.end() : body.end(html));
  };
}

const ROOT = '<div id="root"></div>';
const STYLESHEET = /<link rel="stylesheet"[^>]*? href="\/(assets\/[A-Za-z0-9._-]+\.css)"[^>]*>/;

/**
 * index.html with its style sheet in it, for a page that carries a first paint: the browser paints
 * nothing before its style sheets are in, and a sheet fetched beside the app's scripts came
 * ~150 ms after the page (the picture then waited for the app's script to run). The sheet names no
 * other file (no url()), so it works inline; kept by name, as the build names it by its content.
 */
async function inlineStylesheet(html: string, root: string, styles: Map<string, string | null>): Promise<string> {
  const link = STYLESHEET.exec(html);
  if (!link) return html;
  let css = styles.get(link[1]);
  if (css === undefined) {
    const text = await readFile(resolve(root, link[1]), 'utf8').catch(() => null);
    css = text === null || /<\/style|url\(/i.test(text) ? null : text;
    styles.set(link[1], css);
  }
  return css === null ? html : html.replace(link[0], () => `<style>${css}</style>`);
}

/** index.html with a run's first paint (server/first-paint.ts) right before the app's root. */
function withFirstPaint(html: string, firstPaint: string): string {
  return html.replace(ROOT, () => firstPaint + ROOT);
}

async function openFile(path: string): Promise<FileHandle | null> {
  const handle = await open(path).catch(() => null);
  if (!handle) return null;
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  return null;
}

/** Gzipped bytes by path, for the file version named by its ETag. */
type GzipCache = Map<string, { etag: string; bytes: Buffer }>;

const MAX_GZIP_CACHED_BYTES = 8 * 1024 * 1024;

async function sendFile(
  req: RequestHead,
  res: ServerResponse,
  handle: FileHandle,
  path: string,
  immutable: boolean,
  csp: string,
  gzipped: GzipCache,
) {
  try {
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const { size, mtimeMs } = await handle.stat();
    if (type.startsWith('text/html')) {
      res.setHeader('Content-Security-Policy', csp);
      // index.html names the current hashed bundles, so it must always be revalidated.
      res.setHeader('Cache-Control', 'no-cache');
    } else {
      res.setHeader('Cache-Control', immutable ? IMMUTABLE : 'no-cache');
    }
    const etag = `W/"${size.toString(36)}-${Math.trunc(mtimeMs).toString(36)}"`;
    res.setHeader('ETag', etag);
    if (isCompressible(type)) res.setHeader('Vary', 'Accept-Encoding');
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      return void res.end();
    }
    if (isCompressible(type) && size > 1024 && size <= MAX_GZIP_CACHED_BYTES && acceptsGzip(req)) {
      let cached = gzipped.get(path);
      if (cached?.etag !== etag) {
        cached = { etag, bytes: gzipSync(await handle.readFile()) };
        gzipped.set(path, cached);
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', cached.bytes.length);
      return void res.end(req.method === 'HEAD' ? undefined : cached.bytes);
    }
    const body = startBody(req, res, 200, type, size);
    if (req.method === 'HEAD') return void body.end();
    await pipeline(handle.createReadStream({ autoClose: false }), body);
  } finally {
    await handle.close();
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
