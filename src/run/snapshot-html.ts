import type { RunBundle } from './run-bundle';
import { SNAPSHOT_PLACEHOLDER } from './snapshot-template';

// A snapshot is one .html file: the viewer built as a single page (see vite.snapshot.config.ts)
// with a masked run bundle put in its placeholder. The bundle sits in a JSON script element, so
// it is data, never markup: every `<` is escaped, and the page reads it with JSON.parse.

/** JSON that cannot end its script element or open a comment: `<` becomes \u003c (also U+2028/2029). */
export function embeddableJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The snapshot file's text: the template with the bundle in its placeholder and a title naming the run. */
export function snapshotHtml(template: string, bundle: RunBundle, runId: string): string {
  const at = template.indexOf(SNAPSHOT_PLACEHOLDER);
  if (at < 0 || template.indexOf(SNAPSHOT_PLACEHOLDER, at + 1) >= 0)
    throw new Error('The snapshot template has no single place for the run.');
  const filled = `<script id="run-bundle" type="application/json">${embeddableJson(bundle)}</script>`;
  const title = `Snapshot of run ${runId}${bundle.agent.name ? ` (${bundle.agent.name})` : ''}`;
  const html = template.slice(0, at) + filled + template.slice(at + SNAPSHOT_PLACEHOLDER.length);
  return html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `fakebot-run-1c5cdbc6.html`: the agent and the run, in characters every file system takes. */
export function snapshotFileName(
  agentName: string | null | undefined,
  agentId: string | null,
  runId: string,
  extension: 'html' | 'json' = 'html',
): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  const agent = slug(agentName ?? '') || slug(agentId ?? '') || 'agent';
  return `${agent}-run-${slug(runId) || 'run'}.${extension}`;
}
