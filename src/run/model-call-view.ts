import { jsonText } from '../lib/json-text';
import { asRecord } from './event-facts';
import type { RunEvent, TokenCount } from './model';

// What a model call's details show, read from the raw event: the prompt as text (or the messages
// of an OpenAI-style call), the response, the embedding input, and the parameters worth naming.

export interface ChatMessage {
  role: string;
  content: string;
}

/** The prompt text of a model call: `prompt`, else `params.prompt`; null when there is none. */
export function promptText(data: Record<string, unknown>): string | null {
  const params = asRecord(data.params);
  for (const value of [data.prompt, params?.prompt]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** `params.messages` as role-labelled text; null when the call has no message array. */
export function chatMessages(data: Record<string, unknown>): ChatMessage[] | null {
  const messages = asRecord(data.params)?.messages ?? data.messages;
  if (!Array.isArray(messages) || messages.length === 0) return null;
  return messages.map((message) => {
    const record = asRecord(message);
    const role = typeof record?.role === 'string' ? record.role : 'message';
    return { role, content: contentText(record ? record.content : message) };
  });
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof asRecord(part)?.text === 'string' ? (asRecord(part)?.text as string) : jsonText(part))).join('\n');
  }
  return content === undefined || content === null ? '' : jsonText(content);
}

export type ResponseContent =
  | { kind: 'text'; text: string }
  | { kind: 'embedding'; input: string | null; vectorLength: number | null }
  | { kind: 'value'; value: unknown }
  | { kind: 'none' };

export function responseContent(event: RunEvent): ResponseContent {
  const { data } = event;
  if (event.model?.isEmbedding) {
    const params = asRecord(data.params);
    const input =
      [params?.text, params?.input, data.prompt].find((value): value is string => typeof value === 'string' && value !== '') ?? null;
    const response = asRecord(data.response)?.embedding ?? data.response;
    return { kind: 'embedding', input, vectorLength: Array.isArray(response) ? response.length : null };
  }
  const response = data.response;
  if (typeof response === 'string') return { kind: 'text', text: response };
  const text = asRecord(response)?.text;
  if (typeof text === 'string') return { kind: 'text', text };
  if (response === undefined || response === null) return { kind: 'none' };
  return { kind: 'value', value: response };
}

export interface Parameter {
  label: string;
  value: string;
}

/** The parameters a developer checks first, in a fixed order; absent ones are left out. */
export function modelParameters(event: RunEvent, tokens: { count: TokenCount; estimated: boolean } | null): Parameter[] {
  const { data, model } = event;
  const params = asRecord(data.params) ?? {};
  const rows: Parameter[] = [];
  const add = (label: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    rows.push({ label, value: typeof value === 'string' ? value : jsonText(value) });
  };
  add('Model type', model?.modelType);
  add('Provider', model?.provider);
  add(
    'Model name',
    params.model ?? params.modelName ?? (typeof data.model === 'string' && data.model !== model?.modelType ? data.model : undefined),
  );
  add('Temperature', params.temperature);
  add('Max tokens', params.maxTokens ?? params.max_tokens ?? params.maxOutputTokens);
  add('Stop sequences', params.stopSequences ?? params.stop);
  add('Stream', params.stream);
  add(
    'Execution time',
    model?.executionTimeMs === null || model?.executionTimeMs === undefined ? undefined : `${formatMs(model.executionTimeMs)}`,
  );
  if (tokens) {
    const mark = tokens.estimated ? ' (estimated)' : ' (reported)';
    add(
      'Token usage',
      `${tokens.estimated ? '~' : ''}${tokens.count.prompt} prompt + ${tokens.count.completion} completion = ${tokens.count.total}${mark}`,
    );
  }
  add('Cost', model?.cost);
  return rows;
}

function formatMs(ms: number): string {
  return ms < 1 ? `${ms.toFixed(3)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export interface ActionPrompt {
  prompt: string;
  modelType: string | null;
  timestamp: number | null;
}

/** ACTION_COMPLETED `prompts[]`: the prompts the action sent, in order. */
export function actionPrompts(data: Record<string, unknown>): ActionPrompt[] {
  if (!Array.isArray(data.prompts)) return [];
  const prompts: ActionPrompt[] = [];
  for (const entry of data.prompts) {
    const record = asRecord(entry);
    const prompt = typeof entry === 'string' ? entry : typeof record?.prompt === 'string' ? record.prompt : null;
    if (prompt === null) continue;
    prompts.push({
      prompt,
      modelType: typeof record?.modelType === 'string' ? record.modelType : null,
      timestamp: typeof record?.timestamp === 'number' ? record.timestamp : null,
    });
  }
  return prompts;
}
