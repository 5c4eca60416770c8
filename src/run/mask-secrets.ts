// Masks secrets in a run before it leaves the browser (share links, snapshots). Prompts and
// settings often hold API keys; a shared run must not.
//
// The patterns are those of gitleaks' default config (github.com/gitleaks/gitleaks,
// config/gitleaks.toml, read at b58d3f1) for the providers elizaOS agents use, in JS syntax.
// Two are loosened, because in a prompt a missed key costs more than a masked look-alike:
// gitleaks wants OpenAI's `T3BlbkFJ` marker and Anthropic's exact length, we take any long
// `sk-…` token with a digit in it. Its generic and entropy rules are left out: they flag UUIDs
// and hashes, which fill every run. A mask keeps a short prefix and the length, so the reader
// still understands the prompt: `sk-proj-…(48 chars)`.

export interface MaskRule {
  id: string;
  /** What was found, in words, for the share dialog. */
  label: string;
  pattern: RegExp;
  /** The masked text for a match, or null to leave it (a look-alike). */
  mask: (match: RegExpMatchArray) => string | null;
}

export interface MaskFinding {
  rule: string;
  label: string;
  /** The masked text, which is all the dialog shows of the secret. */
  masked: string;
}

export const MASK_MARK = '…';

/** `prefix…(N chars)`: N is the length of the text masked, prefix included. */
export function maskedForm(prefix: string, length: number): string {
  return `${prefix}${MASK_MARK}(${length} chars)`;
}

const hasDigit = (text: string) => /\d/.test(text);
const hasLetter = (text: string) => /[A-Za-z]/.test(text);
/** Gitleaks ends most keys at a quote, space, semicolon or an escaped newline; we also accept , ) ] } < >. */
const END = String.raw`(?=[\x60'"\s;,)\]}<>]|\\[nrt]|$)`;

function keepPrefix(prefix: (secret: string) => string, needs: (secret: string) => boolean = () => true) {
  return (match: RegExpMatchArray) => (needs(match[0]) ? maskedForm(prefix(match[0]), match[0].length) : null);
}

export const DEFAULT_RULES: MaskRule[] = [
  {
    id: 'private-key',
    label: 'Private key block',
    pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
    mask: keepPrefix((secret) => secret.slice(0, secret.indexOf('-----', 5) + 5)),
  },
  {
    id: 'anthropic-api-key',
    label: 'Anthropic API key',
    pattern: new RegExp(String.raw`\bsk-ant-[A-Za-z0-9_-]{20,}` + END, 'g'),
    mask: keepPrefix(() => 'sk-ant-', hasDigit),
  },
  {
    id: 'openai-api-key',
    label: 'OpenAI API key',
    pattern: new RegExp(String.raw`\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}` + END, 'g'),
    mask: keepPrefix(
      (secret) => /^sk-(?:proj-|svcacct-|admin-)?/.exec(secret)![0],
      (secret) => hasDigit(secret) && hasLetter(secret.slice(3)),
    ),
  },
  {
    id: 'gcp-api-key',
    label: 'Google API key',
    pattern: new RegExp(String.raw`\bAIza[\w-]{35}` + END, 'g'),
    mask: keepPrefix(() => 'AIza'),
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[0-9A-Za-z]{36,}|github_pat_\w{22,})\b/g,
    mask: keepPrefix((secret) => (secret.startsWith('github_pat_') ? 'github_pat_' : secret.slice(0, 4))),
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    pattern: /\b(?:xox[abposer]|xapp)-[0-9A-Za-z-]{10,}/g,
    mask: keepPrefix((secret) => secret.slice(0, secret.indexOf('-') + 1), hasDigit),
  },
  {
    id: 'aws-access-key',
    label: 'AWS access key id',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    mask: keepPrefix((secret) => secret.slice(0, 4)),
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    pattern: new RegExp(String.raw`\bey[A-Za-z0-9_-]{17,}\.ey[A-Za-z0-9_/\\-]{17,}\.(?:[A-Za-z0-9_/\\-]{10,}={0,2})?` + END, 'g'),
    mask: keepPrefix(() => 'eyJ'),
  },
  {
    id: 'bearer-token',
    label: 'Bearer token',
    pattern: /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{16,})/g,
    mask: (match) => (hasDigit(match[2]) ? match[1] + maskedForm('', match[2].length) : null),
  },
  {
    id: 'secret-assignment',
    label: 'Secret setting (…_API_KEY=, …_SECRET=, …_TOKEN=)',
    pattern:
      /\b([A-Za-z0-9_]*(?:_API_KEY|_SECRET|_SECRET_KEY|_TOKEN|_PASSWORD|_ACCESS_KEY))(["']?[ \t]*[=:][ \t]*["']?)([^\s"'`,;…]{6,})/gi,
    mask: (match) => match[1] + match[2] + maskedForm('', match[3].length),
  },
];

/** Object keys whose string value is a secret whatever it looks like (`apiKey`, `X-API-KEY`, `DISCORD_TOKEN`). */
const SECRET_KEY = /(?:api[_-]?key|secret|secret[_-]?key|token|password|passwd|authorization)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASKED_SPAN = /…\(\d+ chars\)/g;

export interface MaskOptions {
  rules?: MaskRule[];
  /** Extra words to mask wherever they appear (case-insensitive): an email, a name. */
  words?: string[];
}

/** The words worth masking: trimmed, two characters or more, without the mask mark, longest first. */
export function maskWords(words: string[]): string[] {
  const unique = new Set(words.map((word) => word.trim()).filter((word) => word.length >= 2 && !word.includes(MASK_MARK)));
  return [...unique].sort((a, b) => b.length - a.length);
}

/** Replaces each match of `pattern` by `replace(match)`; a match already followed by the mask mark is left. */
function replaceMatches(text: string, pattern: RegExp, replace: (match: RegExpMatchArray) => string | null): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (text[end] === MASK_MARK) continue;
    const replacement = replace(match);
    if (replacement === null) continue;
    result += text.slice(last, start) + replacement;
    last = end;
  }
  return last === 0 && result === '' ? text : result + text.slice(last);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks the secrets in one text. Returns the text and what was found, in order. A mask can open
 * a word boundary that reveals another secret ("me@x.comghp_…"), so passes repeat until nothing
 * changes: the result is a fixed point, and masking it again finds nothing.
 */
export function maskText(text: string, options: MaskOptions = {}): { text: string; findings: MaskFinding[] } {
  const findings: MaskFinding[] = [];
  const words = maskWords(options.words ?? []);
  let out = text;
  for (let pass = 0; pass < 8; pass++) {
    const before = out;
    out = maskPass(out, options.rules ?? DEFAULT_RULES, words, findings);
    if (out === before) break;
  }
  return { text: out, findings };
}

function maskPass(text: string, rules: MaskRule[], words: string[], findings: MaskFinding[]): string {
  let out = text;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    const found = rule.pattern.test(out);
    rule.pattern.lastIndex = 0;
    if (!found) continue;
    out = replaceMatches(out, rule.pattern, (match) => {
      const masked = rule.mask(match);
      if (masked !== null) findings.push({ rule: rule.id, label: rule.label, masked });
      return masked;
    });
  }
  return words.length > 0 ? maskWordsIn(out, words, findings) : out;
}

function maskWordsIn(text: string, words: string[], findings: MaskFinding[]): string {
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'gi');
  // Never mask inside a mask already made: "…(48 chars)" stays readable, and masking stays idempotent.
  const spans = [...text.matchAll(MASKED_SPAN)].map((match) => [match.index ?? 0, (match.index ?? 0) + match[0].length]);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (spans.some(([from, to]) => start < to && end > from)) continue;
    const masked = maskedForm('', match[0].length);
    findings.push({ rule: 'your-words', label: 'A word you asked to mask', masked });
    result += text.slice(last, start) + masked;
    last = end;
  }
  return result + text.slice(last);
}

export type JsonPath = (string | number)[];

export interface JsonFinding extends MaskFinding {
  path: JsonPath;
}

/**
 * Masks every string inside a JSON value and returns a new value of exactly the same shape:
 * keys, numbers, booleans, nulls, array lengths, ids and UUIDs are never changed.
 */
export function maskJson(value: unknown, options: MaskOptions = {}, path: JsonPath = []): { value: unknown; findings: JsonFinding[] } {
  const findings: JsonFinding[] = [];
  const walk = (node: unknown, at: JsonPath, key: string | null): unknown => {
    if (typeof node === 'string') return maskString(node, at, key, options, findings);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...at, index], key));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(node)) out[name] = walk(child, [...at, name], name);
      return out;
    }
    return node;
  };
  return { value: walk(value, path, null), findings };
}

/** Ids masking never touches: the value of an id field (`id`, `…Id`, `…_id`), or any UUID. */
export function isIdText(key: string | null, text: string): boolean {
  // Ids are never masked, so masking keeps the run's structure. Plain string tests, no regex for
  // the key: event ids ask this of every string field of a run.
  if (key !== null && (key === 'id' || key.endsWith('Id') || key.endsWith('_id') || key.endsWith('ID'))) return true;
  return text.length === 36 && text.charCodeAt(8) === 45 && UUID.test(text);
}

function maskString(text: string, path: JsonPath, key: string | null, options: MaskOptions, findings: JsonFinding[]): string {
  if (isIdText(key, text)) return text;
  if (key !== null && SECRET_KEY.test(key) && text.length >= 6 && !text.includes(MASK_MARK)) {
    const masked = maskedForm('', text.length);
    findings.push({ rule: 'secret-field', label: `Value of a field named ${key}`, masked, path });
    return masked;
  }
  const result = maskText(text, options);
  for (const finding of result.findings) findings.push({ ...finding, path });
  return result.text;
}

/** The ids of the rules a masking applied, for the bundle's `masked.rules`. */
export function appliedRules(options: MaskOptions = {}): string[] {
  const ids = [...(options.rules ?? DEFAULT_RULES).map((rule) => rule.id), 'secret-field'];
  if (maskWords(options.words ?? []).length > 0) ids.push('your-words');
  return ids;
}
