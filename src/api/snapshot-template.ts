import { SNAPSHOT_PLACEHOLDER, SNAPSHOT_TEMPLATE_FILE } from '../run/snapshot-template';

/**
 * The snapshot template (the viewer as one page, see vite.snapshot.config.ts), fetched from the
 * viewer's own files only when someone downloads a snapshot. It sits beside index.html, one folder
 * above the bundle, under whatever base the app is served (the root, or a plugin's prefix).
 */
export async function fetchSnapshotTemplate(): Promise<string> {
  // Not a literal: Vite would take `new URL('literal', import.meta.url)` for an asset of its own to bundle.
  const beside = `../${SNAPSHOT_TEMPLATE_FILE}`;
  const where = import.meta.env.DEV ? `/${SNAPSHOT_TEMPLATE_FILE}` : new URL(beside, import.meta.url);
  let response: Response;
  try {
    response = await fetch(where, { credentials: 'same-origin' });
  } catch {
    throw new Error("the viewer's server could not be reached to get the snapshot's viewer. Check that it is running, then retry.");
  }
  const text = response.ok ? await response.text() : '';
  // A server without the file answers with the app's index.html (a page route), not a 404.
  if (!text.includes(SNAPSHOT_PLACEHOLDER)) {
    throw new Error(`this copy of the viewer was built without ${SNAPSHOT_TEMPLATE_FILE}; rebuild it with "npm run build".`);
  }
  return text;
}
