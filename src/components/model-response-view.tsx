import { useMemo, useState } from 'react';
import { formatNumber } from '../lib/format';
import type { ResponseContent } from '../run/model-call-view';
import { LIST_FIELDS, listValues, parseModelResponse, type ResponseField } from '../run/model-response';
import { JsonTree } from './json-tree';
import { CopyButton } from './ui/copy-button';
import { LongTextButton } from './long-text-button';
import { INLINE_TEXT_CHARS, TextCutNote } from './text-cut-note';

/** The model's answer: elizaOS XML as labelled fields (raw text one toggle away), else the text. */
export function ModelResponseView({ content }: { content: ResponseContent }) {
  if (content.kind === 'embedding') {
    return (
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Input</dt>
        <dd className="whitespace-pre-wrap break-words">{content.input ?? 'not recorded'}</dd>
        <dt className="text-muted">Vector</dt>
        <dd>
          {content.vectorLength !== null
            ? `${formatNumber(content.vectorLength)} numbers`
            : 'length not recorded (elizaOS logs an embedding’s vector as "[array]")'}
        </dd>
      </dl>
    );
  }
  if (content.kind === 'none') return <p className="text-sm text-muted">This call recorded no response.</p>;
  if (content.kind === 'value') return <JsonTree value={content.value} label="response" />;
  return <TextResponse text={content.text} />;
}

function TextResponse({ text }: { text: string }) {
  const parsed = useMemo(() => parseModelResponse(text), [text]);
  const [raw, setRaw] = useState(false);
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-end gap-2">
        {parsed.kind === 'fields' && (
          <button
            type="button"
            aria-pressed={raw}
            onClick={() => setRaw(!raw)}
            className="rounded border border-border px-1.5 py-0.5 text-xs text-muted hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent"
          >
            Raw response
          </button>
        )}
        <LongTextButton text={text} title="response" className="text-xs">
          Open in a viewer with find
        </LongTextButton>
        <CopyButton text={text} label="Copy the response" idleText="Copy response" />
      </div>
      {parsed.note && <p className="text-xs text-[var(--status-timeout)]">{parsed.note}</p>}
      {parsed.kind === 'fields' && !raw ? <ResponseFields fields={parsed.fields} /> : <RawText text={text} />}
    </div>
  );
}

function ResponseFields({ fields }: { fields: ResponseField[] }) {
  return (
    <dl aria-label="Response fields" className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      {fields.map((field, index) => (
        <div key={`${field.name}-${index}`} className="contents">
          <dt className="font-semibold text-muted">{field.label}</dt>
          <dd className="min-w-0 whitespace-pre-wrap break-words">
            {field.value === '' ? (
              <span className="text-muted">(empty)</span>
            ) : LIST_FIELDS.has(field.name.toLowerCase()) ? (
              <span className="flex flex-wrap gap-1">
                {listValues(field.value).map((item, at) => (
                  <code key={`${item}-${at}`} className="rounded bg-subtle px-1 text-xs">
                    {item}
                  </code>
                ))}
              </span>
            ) : (
              field.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RawText({ text }: { text: string }) {
  const shown = Math.min(text.length, INLINE_TEXT_CHARS);
  return (
    <>
      <pre
        tabIndex={0}
        aria-label="The response as text"
        className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded border border-border bg-subtle p-2 font-mono text-xs"
      >
        {text.slice(0, shown)}
      </pre>
      <TextCutNote text={text} shown={shown} title="response" />
    </>
  );
}
