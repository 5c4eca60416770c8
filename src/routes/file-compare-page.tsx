import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { OpenFileButton } from '../components/open-file-button';
import { useOpenedFilePair, type OpenedFile } from '../components/opened-file';
import { Problem } from '../components/error-state';
import { Card } from '../components/ui/card';
import { parseRunFile } from '../run/run-file';
import { ComparisonFrame, CompareView } from './compare-view';

/** Two run files opened together (dropped or picked), compared; nothing leaves the browser. */
export function FileComparePage() {
  const pair = useOpenedFilePair();
  if (!pair) {
    return (
      <Card aria-labelledby="file-compare-title" className="space-y-2">
        <h2 id="file-compare-title" className="text-lg font-semibold">
          Compare two run files
        </h2>
        <p className="text-sm">
          Drop two run JSON files anywhere on this page, or pick two at once. They stay in your browser: nothing is uploaded.
        </p>
        <OpenFileButton />
      </Card>
    );
  }
  return <FilePair pair={pair} />;
}

function FilePair({ pair }: { pair: [OpenedFile, OpenedFile] }) {
  const [params, setParams] = useSearchParams();
  const parsed = useMemo(() => pair.map((file) => parseRunFile(file.text)), [pair]);
  const [first, second] = parsed;
  if (first.opened && second.opened) {
    // The older run is A, as when picking two runs from a list.
    const inputs = [
      {
        source: { kind: 'file' as const, name: pair[0].name, text: pair[0].text, context: first.opened.context },
        run: first.opened.run,
        href: null,
      },
      {
        source: { kind: 'file' as const, name: pair[1].name, text: pair[1].text, context: second.opened.context },
        run: second.opened.run,
        href: null,
      },
    ].sort((x, y) => (x.run.startedAt ?? 0) - (y.run.startedAt ?? 0));
    const setStep = (step: string | null) => setParams(step === null ? {} : { step }, { replace: true });
    return (
      <ComparisonFrame>
        <p className="text-sm text-muted">
          A is <code>{inputs[0].source.name}</code>, B is <code>{inputs[1].source.name}</code>; both stay in this browser.
        </p>
        <CompareView a={inputs[0]} b={inputs[1]} step={params.get('step')} onStep={setStep} />
      </ComparisonFrame>
    );
  }
  return (
    <ComparisonFrame>
      <div className="grid gap-3 md:grid-cols-2">
        {parsed.map((result, index) => (
          <div key={index}>
            <h3 className="mb-2 text-sm font-semibold">{pair[index].name}</h3>
            {!result.opened ? (
              <Problem title="This file is not a run the viewer can read">
                <p>
                  <code>{pair[index].name}</code>: {result.error}
                </p>
                <OpenFileButton />
              </Problem>
            ) : (
              <p className="text-sm">This file is a run ({result.opened.run.runId}); the other one cannot be read.</p>
            )}
          </div>
        ))}
      </div>
    </ComparisonFrame>
  );
}
