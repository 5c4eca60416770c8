import { formatAbsolute, formatRelative, isoTime } from '../lib/format';

/** An absolute local time with its zone, and how long ago it was. */
export function TimeText({ timestamp, now }: { timestamp: number | null; now: number }) {
  const iso = timestamp === null ? null : isoTime(timestamp);
  if (timestamp === null || iso === null)
    return <span className="text-muted">{timestamp === null ? 'unknown' : `invalid time (${timestamp})`}</span>;
  return (
    <span>
      <time dateTime={iso}>{formatAbsolute(timestamp)}</time> <span className="text-muted">({formatRelative(timestamp, now)})</span>
    </span>
  );
}
