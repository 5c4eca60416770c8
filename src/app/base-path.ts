/**
 * Where the app was served, without a trailing slash: '' at an origin's root, or a path such as
 * /run-viewer or /api/agents/<id>/plugins/run-viewer inside elizaOS. The router works below it.
 * The built bundle lives in <base>/assets/, so the base is the folder above the bundle.
 */
export function basePathOf(bundleUrl: string): string {
  return new URL('..', bundleUrl).pathname.replace(/\/$/, '');
}

// In development Vite serves the sources themselves, from the root.
export const BASE_PATH = import.meta.env.DEV ? '' : basePathOf(import.meta.url);
