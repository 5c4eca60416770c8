import { describeFinding, type BundleFinding } from '../run/mask-bundle';
import type { RunBundle } from '../run/run-bundle';

const SHOWN = 50;

/** Each secret that will be masked, as the reader will see it, and where it is. */
export function MaskedList({ findings, bundle }: { findings: BundleFinding[]; bundle: RunBundle }) {
  if (findings.length === 0)
    return <p className="text-muted">The default rules found no secret in this run. Add words below to mask them too.</p>;
  return (
    <>
      <ul aria-label="Secrets to mask" tabIndex={0} className="max-h-56 space-y-1 overflow-y-auto rounded border border-border p-2">
        {findings.slice(0, SHOWN).map((finding, index) => (
          <li key={index} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{finding.label}</span>
            <code className="break-all">{finding.masked}</code>
            <span className="text-muted">in {describeFinding(bundle, finding)}</span>
          </li>
        ))}
      </ul>
      {findings.length > SHOWN && <p className="text-muted">…and {findings.length - SHOWN} more, all masked.</p>}
    </>
  );
}
