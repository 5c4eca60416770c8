import { formatAbsolute, isoTime } from '../lib/format';
import type { Conversation, ConversationMessage } from '../run/conversation';
import { Card, CardTitle } from './ui/card';

/** What the page knows about the run's conversation. Never an error for the whole page. */
export type ConversationState =
  | { kind: 'loading' }
  | { kind: 'missing'; text: string }
  | { kind: 'failed'; text: string; onRetry?: () => void }
  | { kind: 'found'; conversation: Extract<Conversation, { state: 'found' }>; agentName: string | null };

/** The message that started the run and the agent's replies, near the top of the run page. */
export function ConversationPanel({ state }: { state: ConversationState }) {
  return (
    <Card aria-labelledby="conversation-title">
      <CardTitle id="conversation-title">Conversation</CardTitle>
      {state.kind === 'loading' && (
        <p role="status" className="text-sm text-muted">
          Loading the conversation…
        </p>
      )}
      {state.kind === 'missing' && <p className="text-sm text-muted">{state.text}</p>}
      {state.kind === 'failed' && (
        <p className="text-sm">
          The conversation could not be loaded: {state.text} The rest of the run is shown as usual.{' '}
          {state.onRetry && (
            <button
              type="button"
              onClick={state.onRetry}
              className="text-accent underline focus-visible:outline-2 focus-visible:outline-accent"
            >
              Try again
            </button>
          )}
        </p>
      )}
      {state.kind === 'found' && <Messages conversation={state.conversation} agentName={state.agentName} />}
    </Card>
  );
}

function Messages({ conversation, agentName }: { conversation: Extract<Conversation, { state: 'found' }>; agentName: string | null }) {
  const { trigger, replies, note } = conversation;
  return (
    <div className="space-y-2">
      {note && <p className="text-sm text-muted">{note}</p>}
      {trigger && <Message message={trigger} role="Message that started the run" who={trigger.senderName ?? 'User'} />}
      {replies.length === 0 ? (
        <p className="text-sm text-muted">The agent wrote no reply in this room while the run lasted.</p>
      ) : (
        replies.map((reply) => (
          <Message
            key={reply.id}
            message={reply}
            role={reply.actionResult ? 'Action result' : 'Agent reply'}
            who={reply.actionResult ? `${reply.actionResult.actionName ?? 'Action'} result` : (agentName ?? 'Agent')}
          />
        ))
      )}
    </div>
  );
}

function Message({ message, role, who }: { message: ConversationMessage; role: string; who: string }) {
  const iso = message.createdAt === null ? null : isoTime(message.createdAt);
  return (
    <article
      aria-label={`${role}: ${who}`}
      className={message.fromAgent ? 'ml-6 rounded border border-border bg-subtle p-2' : 'mr-6 rounded border border-border p-2'}
    >
      <header className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
        <span className="font-semibold text-fg">{who}</span>
        <span>{role}</span>
        {message.createdAt !== null && iso && <time dateTime={iso}>{formatAbsolute(message.createdAt)}</time>}
        {message.actionResult?.status && <span>· {message.actionResult.status}</span>}
      </header>
      <p className="whitespace-pre-wrap break-words text-sm">{message.text || <span className="text-muted">(no text)</span>}</p>
      {(message.actions.length > 0 || message.thought) && (
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-2 text-xs">
          {message.actions.length > 0 && (
            <>
              <dt className="text-muted">Actions</dt>
              <dd className="font-mono">{message.actions.join(', ')}</dd>
            </>
          )}
          {message.thought && (
            <>
              <dt className="text-muted">Thought</dt>
              <dd className="whitespace-pre-wrap break-words">{message.thought}</dd>
            </>
          )}
        </dl>
      )}
    </article>
  );
}
