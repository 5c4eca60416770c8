import { formatAbsolute, formatRelative } from '../lib/format';

/** An absolute local time with its zone, and how long ago it was. */
export function TimeText({ timestamp, now }: { timestamp: number | null; now: number }) {
  if (timestamp === null) return <span className="text-muted">unknown</span>;
  const iso = new Date(timestamp).toISOString();
  return (
    <span>
      <time dateTime={iso}>{formatAbsolute(timestamp)}</time>{' '}
      <span className="text-muted">({formatRelative(timestamp, now)})</span>
    </span>
  );
}
