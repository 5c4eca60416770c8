import { isIdText } from './mask-secrets';
import type { EventKind, RunEvent } from './model';

// Event ids that name an event, not a position, so a permalink (`?event=`) still opens the same
// event after the run gains an earlier one or the server sends its events in another order.
//
// An event's own id is used where the server sends one that names exactly one event in the run:
// a log row id on the event, the action id with its phase (ACTION_STARTED / ACTION_COMPLETED share
// one action id), the message id of RUN_STARTED. Anything else, or an own id that several events
// of the run carry, gets a hash of its type, time and a bounded sample of its data. Events that
// still come out the same get `-2`, `-3`... in time order.
//
// The sample is what masking never changes (numbers, booleans, nulls, keys, sizes, ids): a share
// link or snapshot carries the masked run, and its ids must be the live run's, or its saved token
// counts and any `?event=` would name nothing.
//
// Forms: `a765b38bd7422_s` / `_e` (an action's start / end, by its id), `r…_s` (RUN_STARTED, by
// its message id), `l…` (a log id), `m3k9…` (a hash: a kind letter and 11 base-32 digits), then
// `-2`, `-3` for repeats. URL-safe (`[a-z0-9_-]`), at most 15 characters before a repeat's number,
// and never `e<digits>`: that is the old positional form, which `resolveEventId` still accepts.

/** What an id is made from: the event's facts (a RunEvent has them all). */
export type IdSource = Pick<RunEvent, 'type' | 'timestamp' | 'data' | 'kind' | 'phase' | 'position'>;

const KIND_LETTER: Record<EventKind, string> = {
  run: 'r',
  action: 'a',
  model: 'm',
  evaluator: 'v',
  embedding: 'b',
  error: 'x',
  unknown: 'u',
};

/**
 * Ids for events given in time order (duplicates are numbered in that order). `logIds` holds the
 * log row id sent on each event, by its position in the server's array, when any event had one.
 */
export function eventIds(sources: readonly IdSource[], logIds: readonly unknown[] | null = null): string[] {
  // Each event's own id, read once: its log row id (`ownKinds` LOG), else its action or message id.
  // How many events carry each is counted by the server's id itself (no string is built).
  const owns = new Array<string | null>(sources.length);
  const ownKinds = new Uint8Array(sources.length);
  const actionPhases = new Map<string, number>();
  const runStarts = new Map<string, number>();
  const logs = new Map<string, number>();
  for (let index = 0; index < sources.length; index++) {
    const source = sources[index];
    const logId = logIds === null ? null : ownText(logIds[source.position]);
    const id = ownKey(source);
    if (logId !== null) {
      logs.set(logId, (logs.get(logId) ?? 0) + 1);
      owns[index] = logId;
      ownKinds[index] = LOG;
    } else owns[index] = id;
    if (id === null) continue;
    const counts = source.kind === 'action' ? actionPhases : runStarts;
    counts.set(id, (counts.get(id) ?? 0) + (source.phase === 'ended' ? ENDED : 1));
  }
  const ids = new Array<string>(sources.length);
  const words = new Int32Array(sources.length);
  for (let index = 0; index < sources.length; index++) {
    const source = sources[index];
    const own = owns[index];
    let id: string | null = null;
    if (own !== null) {
      if (ownKinds[index] === LOG) id = logs.get(own) === 1 ? `l${compact(own)}` : null;
      else if (source.kind === 'action')
        id = phaseCount(actionPhases.get(own), source.phase) === 1 ? `a${compact(own)}_${source.phase === 'started' ? 's' : 'e'}` : null;
      else if (runStarts.get(own) === 1) id = `r${compact(own)}_s`;
    }
    if (id === null) {
      ids[index] = hashId(source);
      words[index] = lastWord[0];
    } else {
      ids[index] = id;
      words[index] = textWord(id);
    }
  }
  // Ids almost never repeat (two events alike in all the hash reads, or two server ids that
  // shorten alike): events whose ids share 32 bits are found with a table of numbers, and only
  // those are compared as text and numbered. An id from a server id (with `_`, or `l…`) is never
  // a hash id (a kind letter and 11 base-32 digits), so the two kinds of word never need comparing.
  const suspects = sharedWords(words);
  return suspects.length === 0 ? ids : numberRepeats(ids, suspects);
}

/** An own id that is the event's log row id. */
const LOG = 1;

/** Started and ended counts in one number. */
const ENDED = 0x10000;

function phaseCount(counts: number | undefined, phase: IdSource['phase']): number {
  if (counts === undefined) return 0;
  return phase === 'ended' ? Math.floor(counts / ENDED) : counts % ENDED;
}

/** Indexes (ascending) of the events whose 32-bit word another event also has. */
function sharedWords(words: Int32Array): number[] {
  let size = 16;
  while (size < words.length * 2) size *= 2;
  const mask = size - 1;
  // Open addressing: each slot holds an event index + 1, or 0 when empty.
  const table = new Int32Array(size);
  const shared = new Uint8Array(words.length);
  let found = false;
  for (let index = 0; index < words.length; index++) {
    let slot = (words[index] ^ (words[index] >>> 15)) & mask;
    for (;;) {
      const held = table[slot];
      if (held === 0) {
        table[slot] = index + 1;
        break;
      }
      if (words[held - 1] === words[index]) {
        shared[held - 1] = 1;
        shared[index] = 1;
        found = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  if (!found) return [];
  const indexes: number[] = [];
  for (let index = 0; index < shared.length; index++) if (shared[index]) indexes.push(index);
  return indexes;
}

/** `id`, `id-2`, `id-3`... in order of appearance among `indexes`; a base never has `-`, so a numbered id is no base. */
function numberRepeats(ids: string[], indexes: number[]): string[] {
  const seen = new Map<string, number>();
  for (const index of indexes) {
    const base = ids[index];
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    if (count > 1) ids[index] = `${base}-${count}`;
  }
  return ids;
}

/** The old positional form, `e<index in the server's array>`. */
const LEGACY_ID = /^e(\d{1,9})$/;

export function isLegacyEventId(id: string): boolean {
  return LEGACY_ID.test(id);
}

/**
 * The id an event link names today: an old `e<n>` link becomes the id of the event that was n-th
 * in the server's array; any other id is returned as it is (it may name no event).
 */
export function resolveEventId(events: readonly RunEvent[], requested: string): string {
  const legacy = LEGACY_ID.exec(requested);
  if (!legacy) return requested;
  const position = Number(legacy[1]);
  return events.find((event) => event.position === position)?.id ?? requested;
}

/** A key saved by an older viewer: `e3`, `e3:p0`, `e3|2` (an event id, then what it keys inside that event). */
const LEGACY_KEY = /^e(\d{1,9})(?=$|[:|])/;

export function isLegacyKey(key: string): boolean {
  return LEGACY_KEY.test(key);
}

/** A legacy key with its event id made the stable one; `byPosition` (idsByPosition) is built once per run. */
export function upgradeLegacyKey(key: string, byPosition: ReadonlyMap<number, string>): string {
  const legacy = LEGACY_KEY.exec(key);
  if (!legacy) return key;
  const id = byPosition.get(Number(legacy[1]));
  return id === undefined ? key : id + key.slice(legacy[0].length);
}

export function idsByPosition(events: readonly RunEvent[]): Map<number, string> {
  return new Map(events.map((event) => [event.position, event.id]));
}

/** The server's own id for the event (its action id, RUN_STARTED's message id), if any. */
function ownKey(source: IdSource): string | null {
  const { data, kind, phase } = source;
  if (kind === 'action' && phase !== null) return ownText(data.actionId);
  if (kind === 'run' && phase === 'started') return ownText(data.messageId);
  return null;
}

function ownText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, case-insensitive; written out, as every action has one. */
function isUuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let index = 0; index < 36; index++) {
    const code = text.charCodeAt(index);
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (code !== 0x2d) return false;
    } else if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46))) return false;
  }
  return true;
}

/**
 * A server id, short and URL-safe: a UUID's last 12 hex digits (the random ones in v4 and v7, so a
 * person can still find it in the server's data), a short plain id as it is, anything else hashed.
 */
function compact(id: string): string {
  if (isUuid(id)) return id.slice(-12).toLowerCase();
  if (/^[a-z0-9]{1,12}$/.test(id)) return id;
  return hashText(id);
}

function hashId(source: IdSource): string {
  reset();
  feedString(source.type);
  feedNumber(source.timestamp ?? Number.NaN);
  feedSample(source.data, 0, null);
  return digest(KIND_LETTER[source.kind]);
}

/** 32 bits of a hash of an id made from a server id. */
function textWord(text: string): number {
  reset();
  feedChars(text, 0, text.length);
  return Math.imul(state[0] ^ (state[0] >>> 16), 2246822507) ^ state[1];
}

/** A hash of a server id too long or odd to use as it is (12 characters, starting with `h`). */
function hashText(text: string): string {
  reset();
  feedString(text);
  return digest('h');
}

/**
 * A short hash of a list of texts, every character of each, in order (each text's length marks
 * where it ends): what a cache key holds in place of the texts.
 */
export function textsHash(texts: readonly string[]): string {
  reset();
  for (const text of texts) {
    mix(text.length);
    feedChars(text, 0, text.length);
  }
  return digest('t');
}

// cyrb53 (a public-domain 53-bit string hash), fed value by value: no sample string is built and
// no number is turned into text, so naming 100,000 events costs milliseconds, not a copy of every
// prompt (measured in event-ids.test.ts's neighbour, npm run bench).
// The state lives in a typed array: a module variable holding a 32-bit value would box it on
// every write (a heap number per character hashed).
const state = new Int32Array(2);
/** 32 bits of the last digest: repeated ids are found by them. */
const lastWord = new Int32Array(1);
const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

function reset(): void {
  state[0] = 0xdeadbeef;
  state[1] = 0x41c6ce57;
}

function mix(word: number): void {
  state[0] = Math.imul(state[0] ^ word, 2654435761);
  state[1] = Math.imul(state[1] ^ word, 1597334677);
}

function feedChars(text: string, from: number, to: number): void {
  let a = state[0];
  let b = state[1];
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 2654435761);
    b = Math.imul(b ^ code, 1597334677);
  }
  state[0] = a;
  state[1] = b;
}

/** Of a long id, its length, head and tail are hashed: enough to tell ids apart, bounded in cost. */
const TEXT_HEAD = 16;
const TEXT_TAIL = 8;

function feedString(text: string): void {
  mix(text.length);
  if (text.length <= TEXT_HEAD + TEXT_TAIL) feedChars(text, 0, text.length);
  else {
    feedChars(text, 0, TEXT_HEAD);
    feedChars(text, text.length - TEXT_TAIL, text.length);
  }
}

function feedNumber(value: number): void {
  numberBits[0] = value;
  mix(numberWords[0]);
  mix(numberWords[1]);
}

const BASE32 = '0123456789abcdefghijklmnopqrstuv';

function digit(bits: number): number {
  return BASE32.charCodeAt(bits & 31);
}

/** `letter` and the 53 bits as 11 base-32 digits (lower case letters and digits), built in one go. */
function digest(letter: string): string {
  const h1 = state[0];
  const h2 = state[1];
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  lastWord[0] = a;
  // 32 bits of a and 21 of b, 5 bits a digit.
  const rest = ((a >>> 30) & 3) | ((b & 0x1fffff) << 2);
  return String.fromCharCode(
    letter.charCodeAt(0),
    digit(a),
    digit(a >>> 5),
    digit(a >>> 10),
    digit(a >>> 15),
    digit(a >>> 20),
    digit(a >>> 25),
    digit(rest),
    digit(rest >>> 5),
    digit(rest >>> 10),
    digit(rest >>> 15),
    digit(rest >>> 20),
  );
}

const MAX_KEYS = 16;
const MAX_ITEMS = 4;
const MAX_DEPTH = 0;

// Type tags keep `1` apart from `"1"`, `[]` from `{}`.
const enum Tag {
  String = 1,
  Number,
  True,
  False,
  Null,
  Other,
  Array,
  Object,
  Deep,
}

function feedSample(value: unknown, depth: number, key: string | null): void {
  if (typeof value === 'string') {
    mix(Tag.String);
    // Only ids: any other text may be masked before the run is shared.
    if (isIdText(key, value)) feedString(value);
  } else if (typeof value === 'number') {
    mix(Tag.Number);
    feedNumber(value);
  } else if (typeof value === 'boolean') mix(value ? Tag.True : Tag.False);
  else if (value === null) mix(Tag.Null);
  else if (typeof value !== 'object') mix(Tag.Other);
  else if (depth > MAX_DEPTH) mix(Tag.Deep);
  else if (Array.isArray(value)) {
    mix(Tag.Array);
    mix(value.length);
    for (let index = 0; index < Math.min(value.length, MAX_ITEMS); index++) feedSample(value[index], depth + 1, key);
  } else {
    mix(Tag.Object);
    // for-in, not Object.keys: V8 reads `value[key]` inside it from the object's enum cache.
    let count = 0;
    for (const field in value) {
      if (++count > MAX_KEYS) break;
      mix(field.length);
      feedSample((value as Record<string, unknown>)[field], depth + 1, field);
    }
  }
}
