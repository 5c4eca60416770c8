import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../lib/format';
import { tokenChartData, type ModelCallTokens } from '../run/token-usage';

const SERIES = {
  prompt: { label: 'Prompt tokens', color: 'var(--chart-prompt)' },
  completion: { label: 'Completion tokens', color: 'var(--chart-completion)' },
  cumulative: { label: 'Cumulative total', color: 'var(--chart-cumulative)' },
} as const;

/** One stacked bar (prompt / completion) per model call, in order, and the cumulative total as a line. */
export function TokenChart({ calls }: { calls: ModelCallTokens[] }) {
  const note = calls.every((call) => call.estimated) ? ' (estimated)' : calls.some((call) => call.estimated) ? ' (some estimated)' : '';
  const { bars: data, bucketMs } = tokenChartData(calls);
  return (
    <div>
      {bucketMs !== null && (
        <p className="mb-1 text-xs text-muted">
          {calls.length.toLocaleString('en')} calls are too many for a bar each: each bar sums the calls of {formatDuration(bucketMs)} of
          the run.
        </p>
      )}
      <div
        className="h-64 w-full"
        role="img"
        aria-label={`Chart of tokens for ${calls.length} model calls; the table below has the same numbers.`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="name" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
            <YAxis yAxisId="calls" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
            <YAxis yAxisId="cumulative" orientation="right" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
            <Tooltip contentStyle={{ background: 'var(--card)', borderColor: 'var(--border)' }} />
            <Legend itemSorter={null} />
            <Bar
              yAxisId="calls"
              dataKey="prompt"
              stackId="tokens"
              name={SERIES.prompt.label + note}
              fill={SERIES.prompt.color}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="calls"
              dataKey="completion"
              stackId="tokens"
              name={SERIES.completion.label + note}
              fill={SERIES.completion.color}
              isAnimationActive={false}
            />
            <Line
              yAxisId="cumulative"
              dataKey="cumulative"
              name={SERIES.cumulative.label + note}
              stroke={SERIES.cumulative.color}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
