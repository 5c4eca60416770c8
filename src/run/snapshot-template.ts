// The snapshot template is built once per `vite build` (see vite.snapshot.config.ts): the viewer
// as one page, its JS and CSS gzipped and base64-encoded inside it (a third of their plain size,
// so a snapshot is about the run plus the app's gzipped code), with a placeholder for the run.
// A small loader unpacks them with DecompressionStream and adds them as an inline <style> and
// <script type="module">. The page's own CSP names the loader, the app and the CSS by their
// SHA-256 hashes and allows nothing else: no request of any kind, no eval, no other script.
// Web-standard APIs only, so the same code runs in Node (at build time) and in tests.

/** The run's place in the template (snapshot-html.ts fills it): a JSON script element, `null` until filled. */
export const SNAPSHOT_PLACEHOLDER = '<script id="run-bundle" type="application/json">null</script>';

/** Where the build writes the template, beside index.html. The share dialog fetches it from there. */
export const SNAPSHOT_TEMPLATE_FILE = 'snapshot-template.html';

/** The element holding the packed app: JS in its text, CSS in `data-css`, both gzip + base64. */
const APP_ID = 'snapshot-app';

// Plain ES2020 that every current browser runs from file://. Kept tiny: its hash is in the CSP.
const LOADER = /* @__PURE__ */ loader(
  'This snapshot file is damaged: the viewer inside it could not be unpacked. Ask whoever sent it for a new snapshot, or open it in a current browser.',
);

function loader(damaged: string): string {
  return `(async () => {
  const root = document.getElementById('root');
  try {
    const packed = document.getElementById('${APP_ID}');
    const unpack = async (base64) => {
      const binary = atob(base64.trim());
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    };
    const [css, js] = await Promise.all([unpack(packed.dataset.css), unpack(packed.textContent)]);
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    const script = document.createElement('script');
    script.type = 'module';
    script.textContent = js;
    document.body.append(script);
  } catch {
    root.textContent = ${JSON.stringify(damaged)};
  }
})();`;
}

/** The template's text for the built app code and CSS. */
export async function snapshotTemplate({ js, css }: { js: string; css: string }): Promise<string> {
  const [packedJs, packedCss, loaderHash, jsHash, cssHash] = await Promise.all([
    gzipBase64(js),
    gzipBase64(css),
    sha256(LOADER),
    sha256(js),
    sha256(css),
  ]);
  const csp = snapshotCsp({ scripts: [loaderHash, jsHash], styles: [cssHash] });
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <meta name="referrer" content="no-referrer" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="icon" href="data:," />
    <title>elizaOS Run Viewer snapshot</title>
  </head>
  <body>
    <div id="root"><noscript>This snapshot of an elizaOS run needs JavaScript to show the run.</noscript></div>
    ${SNAPSHOT_PLACEHOLDER}
    <script id="${APP_ID}" type="text/plain" data-css="${packedCss}">${packedJs}</script>
    <script>${LOADER}</script>
  </body>
</html>
`;
}

/**
 * Nothing may be fetched, framed, posted or evaluated: scripts and styles only by hash. `img-src
 * data:` is the favicon (`data:,`, so the browser asks for no /favicon.ico). React sets inline
 * styles through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
 */
export function snapshotCsp({ scripts, styles }: { scripts: string[]; styles: string[] }): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map((hash) => `'sha256-${hash}'`).join(' ')}`,
    `style-src ${styles.map((hash) => `'sha256-${hash}'`).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Base64 SHA-256 of the text's UTF-8 bytes, as a CSP hash source wants it. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToBase64(new Uint8Array(digest));
}

async function gzipBase64(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('gzip'));
  return bytesToBase64(new Uint8Array(await new Response(stream).arrayBuffer()));
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}
