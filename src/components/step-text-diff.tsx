import { promptText, responseText } from '../run/align-runs';
import type { RunEvent } from '../run/model';
import { PromptDiffView } from './prompt-diff-view';
import { TextDiffView } from './text-diff-view';

/** The prompt and the response of two aligned model calls, diffed. */
export function StepTextDiff({ a, b }: { a: RunEvent; b: RunEvent }) {
  return (
    <div className="grid gap-3 border-t border-border p-2">
      <PromptDiffView before={promptText(a)} after={promptText(b)} />
      <TextDiffView label="Response diff" before={responseText(a)} after={responseText(b)} />
    </div>
  );
}
