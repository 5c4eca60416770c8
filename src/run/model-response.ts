// A model's answer as plugin-bootstrap reads it: elizaOS asks for
// `<response><thought/><actions/><providers/><text/></response>` (the main handler), the
// shouldRespond form `<response><name/><reasoning/><action/></response>`, and others such as the
// reflection evaluator's `<thought/><facts/><relationships/>`. Anything else stays text. Never throws.

export interface ResponseField {
  /** The tag name, as the model wrote it. */
  name: string;
  label: string;
  value: string;
}

export type ParsedResponse =
  { kind: 'fields'; fields: ResponseField[]; note: string | null } | { kind: 'text'; text: string; note: string | null };

const LABELS: Record<string, string> = {
  thought: 'Thought',
  actions: 'Actions',
  action: 'Action',
  providers: 'Providers',
  text: 'Text',
  reasoning: 'Reasoning',
  name: 'Name',
  facts: 'Facts',
  relationships: 'Relationships',
  simple: 'Simple',
};

/** Fields whose value is a comma-separated list of names. */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['actions', 'providers', 'action']);

export function parseModelResponse(text: string): ParsedResponse {
  try {
    return parse(text);
  } catch (error) {
    // A bug here must not break the page: the text is still there to read.
    return {
      kind: 'text',
      text,
      note: `The response could not be read as fields (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}

function parse(text: string): ParsedResponse {
  const open = text.search(/<response\s*>/);
  if (open === -1) return { kind: 'text', text, note: null };
  const openEnd = text.indexOf('>', open) + 1;
  const close = text.lastIndexOf('</response>');
  if (close < openEnd) {
    return {
      kind: 'text',
      text,
      note: 'The response starts an elizaOS XML answer but never closes it (no </response>), so it is shown as text.',
    };
  }
  const fields = readFields(text.slice(openEnd, close));
  if (fields.length === 0) {
    return { kind: 'text', text, note: 'The <response> block holds no fields the viewer could read, so it is shown as text.' };
  }
  const outside = (text.slice(0, open) + text.slice(close + '</response>'.length)).replace(/```(xml)?/g, '').trim();
  const note = outside ? 'The model also wrote text outside the <response> block; see the raw response.' : null;
  return { kind: 'fields', fields, note };
}

const FIELD = /<([A-Za-z_][\w-]{0,63})\s*>([\s\S]*?)<\/\1\s*>|<([A-Za-z_][\w-]{0,63})\s*\/>/g;

function readFields(body: string): ResponseField[] {
  const fields: ResponseField[] = [];
  for (const match of body.matchAll(FIELD)) {
    const name = match[1] ?? match[3];
    fields.push({ name, label: labelOf(name), value: decodeEntities((match[2] ?? '').trim()) });
  }
  return fields;
}

function labelOf(name: string): string {
  const known = LABELS[name.toLowerCase()];
  if (known && Object.hasOwn(LABELS, name.toLowerCase())) return known;
  const spaced = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity]);
}

/** A list field's names: `REPLY, FACTS` becomes ["REPLY", "FACTS"]. */
export function listValues(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
