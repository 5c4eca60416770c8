import { stepsDiffer, stepsDifferenceText, type Difference, type MarkCounts } from '../run/compare-runs';

const ARROW = { up: '▲', down: '▼', changed: '≠', same: '=' };

/** What differs between the two runs, first: each figure with its delta and direction. */
export function DifferencesList({ differences, marks }: { differences: Difference[]; marks: MarkCounts | null }) {
  const differ = marks !== null && stepsDiffer(marks);
  return (
    <section aria-labelledby="differences-title" className="rounded-md border border-border p-3">
      <h3 id="differences-title" className="mb-2 text-sm font-semibold">
        Differences, A → B
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {differences.map((difference, index) => (
          <div key={`${difference.label}-${index}`} className="contents" data-direction={difference.direction}>
            <dt className="text-xs text-muted">{difference.label}</dt>
            <dd className={difference.direction === 'same' ? 'text-muted' : 'font-semibold'}>
              <span aria-hidden="true" className="mr-1 inline-block w-3 text-xs">
                {ARROW[difference.direction]}
              </span>
              {difference.text}
            </dd>
          </div>
        ))}
        <dt className="text-xs text-muted">Steps</dt>
        <dd className={differ ? 'font-semibold' : 'text-muted'}>
          <span aria-hidden="true" className="mr-1 inline-block w-3 text-xs">
            {marks ? ARROW[differ ? 'changed' : 'same'] : ''}
          </span>
          {marks ? stepsDifferenceText(marks) : 'aligning…'}
        </dd>
      </dl>
    </section>
  );
}
