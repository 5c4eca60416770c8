import { useMemo } from 'react';
import { Problem } from '../components/error-state';
import { OpenFileButton } from '../components/open-file-button';
import { useOpenedFile, type OpenedFile } from '../components/opened-file';
import { Card } from '../components/ui/card';
import { parseRunFile } from '../run/run-file';
import { RunReport } from './run-report';

/** A run opened from a file: no server needed, both API shapes, nothing leaves the browser. */
export function FilePage() {
  const file = useOpenedFile();
  if (!file) {
    return (
      <Card aria-labelledby="file-title" className="space-y-2">
        <h2 id="file-title" className="text-lg font-semibold">
          Open a run file
        </h2>
        <p className="text-sm">
          Drop a run JSON file anywhere on this page, or pick one. Both the elizaOS 1.7 response and the documented format work. The file
          stays in your browser: nothing is uploaded.
        </p>
        <OpenFileButton />
      </Card>
    );
  }
  return <FileRun file={file} />;
}

function FileRun({ file }: { file: OpenedFile }) {
  const parsed = useMemo(() => parseRunFile(file.text), [file]);
  if ('error' in parsed) {
    return (
      <Problem title="This file is not a run the viewer can read">
        <p>
          <code>{file.name}</code>: {parsed.error}
        </p>
        <p>
          Pick a JSON file saved from the runs API (GET /api/agents/:agentId/runs/:runId) or exported with “Download JSON”, or a run bundle
          saved by this viewer.
        </p>
        <OpenFileButton />
      </Problem>
    );
  }
  return <RunReport source={{ kind: 'file', name: file.name, text: file.text, context: parsed.opened.context }} run={parsed.opened.run} />;
}
