import type { RunEvent } from '../run/model';
import { actionPromptKey } from '../run/context-breakdown';
import { actionPrompts } from '../run/model-call-view';
import { JsonTree } from './json-tree';
import { PromptView } from './prompt-view';

/** A finished action: its recovered outcome first, then the prompts it sent, then the raw event. */
export function ActionDetails({ event }: { event: RunEvent }) {
  const prompts = actionPrompts(event.data);
  return (
    <div className="space-y-3">
      <p role="note" aria-label="Outcome" className="text-sm">
        <span className="font-semibold">Outcome: </span>
        <span className={event.failed ? 'text-[var(--status-failed)]' : undefined}>
          {event.failed ? `failed${event.error ? `: ${event.error}` : ''}` : event.needsOutcomeCheck ? 'reported successful' : 'succeeded'}
        </span>
        {event.outcomeNote && <span className="text-muted"> ({event.outcomeNote})</span>}
      </p>
      {prompts.map((prompt, index) => (
        <section key={index} aria-label={`Prompt ${index + 1} of ${event.name ?? 'the action'}`}>
          <h3 className="mb-1 text-xs font-semibold uppercase text-muted">
            Prompt {index + 1}
            {prompt.modelType && ` · ${prompt.modelType}`}
          </h3>
          <PromptView prompt={prompt.prompt} promptKey={actionPromptKey(event.id, index)} label={`prompt ${index + 1}`} />
        </section>
      ))}
      <JsonTree value={event.data} label={`${event.type} data`} />
    </div>
  );
}
