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
// counts and any `?event=` would name nothing. Ids are URL-safe (`[a-z0-9-]`, at most
// 14 characters before a suffix) and never `e<digits>`: that is the old positional form, which
// `resolveEventId` still accepts.

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
  const own = sources.map((source) => ownId(source, logIds?.[source.position]));
  const ownCount = new Map<string, number>();
  for (const id of own) if (id !== null) ownCount.set(id, (ownCount.get(id) ?? 0) + 1);
  // Bases are `[a-z0-9]` only, so a numbered id (`base-2`) can never be another event's base.
  const seen = new Map<string, number>();
  return sources.map((source, index) => {
    const candidate = own[index];
    const base = candidate !== null && ownCount.get(candidate) === 1 ? candidate : hashId(source);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
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

function ownId(source: IdSource, logId: unknown): string | null {
  const { data, kind, phase } = source;
  if ((typeof logId === 'string' && logId !== '') || (typeof logId === 'number' && Number.isFinite(logId))) {
    return `l${compact(String(logId))}`;
  }
  if (kind === 'action' && phase !== null && typeof data.actionId === 'string' && data.actionId !== '') {
    return `a${compact(data.actionId)}${phase === 'started' ? 's' : 'e'}`;
  }
  if (kind === 'run' && phase === 'started' && typeof data.messageId === 'string' && data.messageId !== '') {
    return `r${compact(data.messageId)}s`;
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A server id, short and URL-safe: a UUID's last 12 hex digits (the random ones in v4 and v7, so a
 * person can still find it in the server's data), a short plain id as it is, anything else hashed.
 */
function compact(id: string): string {
  if (UUID.test(id)) return id.slice(-12).toLowerCase();
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

/** A hash of a server id too long or odd to use as it is (12 characters, starting with `h`). */
function hashText(text: string): string {
  reset();
  feedString(text);
  return digest('h');
}

// cyrb53 (a public-domain 53-bit string hash), fed value by value: no sample string is built and
// no number is turned into text, so naming 100,000 events costs milliseconds, not a copy of every
// prompt (measured in event-ids.test.ts's neighbour, npm run bench).
// The state lives in a typed array: a module variable holding a 32-bit value would box it on
// every write (a heap number per character hashed).
const state = new Int32Array(2);
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
const MAX_DEPTH = 1;

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
