import { appliedRules, maskJson, type JsonFinding, type MaskOptions } from './mask-secrets';
import type { RunBundle } from './run-bundle';

/** Where in a bundle a secret was found, in words the share dialog can show. */
export interface BundleFinding extends JsonFinding {
  section: 'run' | 'action log' | 'embedding log' | 'conversation' | 'agent';
}

const SECTIONS = [
  ['response', 'run'],
  ['actionLog', 'action log'],
  ['embeddingLog', 'embedding log'],
  ['memories', 'conversation'],
] as const;

/**
 * The bundle with every secret in the run and its context masked, and the list of what was
 * masked. Ids, times and counts are unchanged. Masking a masked bundle adds to its `masked` note.
 */
export function maskRunBundle(
  bundle: RunBundle,
  options: MaskOptions = {},
  now = new Date(),
): { bundle: RunBundle; findings: BundleFinding[] } {
  const findings: BundleFinding[] = [];
  const masked: RunBundle = { ...bundle };
  for (const [field, section] of SECTIONS) {
    if (bundle[field] === undefined) continue;
    const result = maskJson(bundle[field], options);
    masked[field] = result.value;
    for (const finding of result.findings) findings.push({ ...finding, section });
  }
  if (bundle.agent.name) {
    const result = maskJson({ name: bundle.agent.name }, options);
    masked.agent = { ...bundle.agent, name: (result.value as { name: string }).name };
    for (const finding of result.findings) findings.push({ ...finding, section: 'agent' });
  }
  const previous = bundle.masked;
  masked.masked = {
    at: now.toISOString(),
    rules: [...new Set([...(previous?.rules ?? []), ...appliedRules(options)])],
    count: (previous?.count ?? 0) + findings.length,
  };
  return { bundle: masked, findings };
}

/**
 * Where a finding is, in words: `event 3 (MODEL_USED), data.prompt` in the run, or the path in a
 * log or the conversation. `bundle` is the bundle the finding was made in.
 */
export function describeFinding(bundle: RunBundle, finding: BundleFinding): string {
  const root =
    finding.section === 'agent' ? bundle.agent : bundle[SECTIONS.find(([, section]) => section === finding.section)?.[0] ?? 'response'];
  let node: unknown = root;
  let label: string = finding.section;
  let rest: (string | number)[] = [];
  for (const [index, step] of finding.path.entries()) {
    const parent = node;
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
    if (typeof step === 'number' && finding.path[index - 1] === 'events' && Array.isArray(parent)) {
      const type = (node as { type?: unknown } | undefined)?.type;
      label = `event ${step + 1}${typeof type === 'string' ? ` (${type})` : ''}`;
      rest = [];
    } else if (typeof step === 'number' && finding.section !== 'run' && rest.length === 0) {
      label = `${finding.section}, row ${step + 1}`;
    } else {
      rest.push(step);
    }
  }
  const path = rest.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
  return path ? `${label}, ${path}` : label;
}
