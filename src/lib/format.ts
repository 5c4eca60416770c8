// Small, pure formatting helpers shared by the run domain and the components.

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1) return `${trim(ms, 3)} ms`;
  if (abs < 1000) return `${trim(ms, ms < 10 ? 1 : 0)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000, 1)} s`;
  if (abs < 3_600_000) {
    const minutes = Math.floor(abs / 60_000);
    const seconds = Math.round((abs % 60_000) / 1000);
    return `${minutes} min ${seconds} s`;
  }
  const hours = Math.floor(abs / 3_600_000);
  return `${hours} h ${Math.round((abs % 3_600_000) / 60_000)} min`;
}

/** `+120 ms`, `+1.2 s`: an offset from the run start. */
export function formatOffset(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return `${ms < 0 ? '−' : '+'}${formatDuration(Math.abs(ms))}`;
}

function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000_000],
  ['month', 2_592_000_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 minutes ago", "in 2 hours". */
export function formatRelative(timestamp: number, now: number): string {
  const diff = timestamp - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') return relative.format(Math.round(diff / size), unit);
  }
  return relative.format(0, 'second');
}

/** An absolute local time with its time zone, to the millisecond. */
const absoluteFormats = new Map<string | undefined, Intl.DateTimeFormat>();

export function formatAbsolute(timestamp: number, timeZone?: string): string {
  if (isoTime(timestamp) === null) return `invalid time (${timestamp})`;
  let format = absoluteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      timeZoneName: 'short',
      timeZone,
    });
    absoluteFormats.set(timeZone, format);
  }
  return format.format(timestamp);
}

// Intl formatters are costly to create: one each, reused for every event.
const numberFormat = new Intl.NumberFormat('en');

/** `1,234,567`. Whole numbers skip Intl, which costs microseconds a call: a 100,000-event run has 150,000 token counts. */
export function formatNumber(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return numberFormat.format(value);
  const digits = String(Math.abs(value));
  if (digits.length <= 3) return value < 0 ? `-${digits}` : digits;
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}

export function formatCost(value: number): string {
  return `$${value < 0.01 ? value.toPrecision(2) : value.toFixed(2)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type TimeMode = 'relative' | 'local' | 'utc';
export const TIME_MODES: readonly TimeMode[] = ['relative', 'local', 'utc'];

/** An event's time as the user chose to see it: offset from the run start, or local / UTC clock time. */
export function formatEventTime(timestamp: number, offsetMs: number | null, mode: TimeMode): string {
  if (mode === 'relative') return formatOffset(offsetMs);
  if (isoTime(timestamp) === null) return 'invalid time';
  return clockFormat(mode === 'utc').format(timestamp) + (mode === 'utc' ? ' UTC' : '');
}

const clockFormats: Intl.DateTimeFormat[] = [];

function clockFormat(utc: boolean): Intl.DateTimeFormat {
  const index = utc ? 1 : 0;
  clockFormats[index] ??= new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
    timeZone: utc ? 'UTC' : undefined,
  });
  return clockFormats[index];
}

/** An ISO string for `<time dateTime>`, or null for a timestamp no Date can hold. */
export function isoTime(timestamp: number): string | null {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
