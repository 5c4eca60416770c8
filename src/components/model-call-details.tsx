import type { RunEvent, TokenCount } from '../run/model';
import { chatMessages, modelParameters, promptText, responseContent, type ChatMessage } from '../run/model-call-view';
import { JsonTree } from './json-tree';
import { ModelResponseView } from './model-response-view';
import { PromptView } from './prompt-view';
import { Tabs } from './ui/tabs';

/** A model call as a conversation with the model: Prompt, Response, Parameters, JSON. */
export function ModelCallDetails({ event, estimate }: { event: RunEvent; estimate: TokenCount | undefined }) {
  const usage = event.model?.usage ?? null;
  const tokens = usage ? { count: usage, estimated: false } : estimate ? { count: estimate, estimated: true } : null;
  return (
    <Tabs
      label={`${event.name ?? 'Model call'} details`}
      tabs={[
        { label: 'Prompt', panel: () => <PromptTab event={event} /> },
        { label: 'Response', panel: () => <ModelResponseView content={responseContent(event)} /> },
        { label: 'Parameters', panel: () => <ParametersTab rows={modelParameters(event, tokens)} /> },
        { label: 'JSON', panel: () => <JsonTree value={event.data} label={`${event.type} data`} /> },
      ]}
    />
  );
}

function PromptTab({ event }: { event: RunEvent }) {
  const messages = chatMessages(event.data);
  const prompt = promptText(event.data);
  if (messages) return <Messages messages={messages} />;
  if (prompt) return <PromptView prompt={prompt} promptKey={event.id} />;
  const input = responseContent(event);
  if (input.kind === 'embedding' && input.input)
    return <p className="whitespace-pre-wrap break-words text-sm">Embedding input: {input.input}</p>;
  return <p className="text-sm text-muted">This call recorded no prompt.</p>;
}

function Messages({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol aria-label="Messages" className="space-y-2">
      {messages.map((message, index) => (
        <li key={index} className="rounded border border-border p-2">
          <p className="mb-1 text-xs font-semibold uppercase text-muted">{message.role}</p>
          <p className="whitespace-pre-wrap break-words text-sm">{message.content}</p>
        </li>
      ))}
    </ol>
  );
}

function ParametersTab({ rows }: { rows: { label: string; value: string }[] }) {
  return (
    <dl aria-label="Parameters" className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-muted">{row.label}</dt>
          <dd className="min-w-0 break-words font-mono text-xs">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
