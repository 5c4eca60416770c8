import { parseArgs } from 'node:util';
import type { BenchOptions } from './bench-results';

export const USAGE = `npm run bench [-- options]
  --smoke              1k events and a 1 MB prompt, one repetition; exits 1 if any stage fails
  --reps N             repetitions per size (default 5; 1 with --smoke)
  --sizes 1000,10000   event counts to measure (default 1000,10000,100000)
  --scroll-s S         seconds of scrolling per repetition (default 10; 3 with --smoke)
  --size-budget-s S    stop repeating a size after this many seconds (default 150)
  --rebuild            build the app again even if bench/.runs/dist is up to date
  --report-only        rewrite BENCHMARKS.md from bench/results.json without measuring
  --help               this text`;

/** The command line of `npm run bench`; throws with what is wrong, for a bad option or value. */
export function parseBenchArgs(args: string[]): BenchOptions & { help: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      smoke: { type: 'boolean', default: false },
      reps: { type: 'string' },
      sizes: { type: 'string' },
      'scroll-s': { type: 'string' },
      'size-budget-s': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke;
  return {
    smoke,
    reps: Math.round(positive('--reps', values.reps, smoke ? 1 : 5)),
    sizes: smoke ? [1_000] : (values.sizes?.split(',').map((size) => positive('--sizes', size, 0)) ?? [1_000, 10_000, 100_000]),
    scrollS: positive('--scroll-s', values['scroll-s'], smoke ? 3 : 10),
    sizeBudgetS: positive('--size-budget-s', values['size-budget-s'], 150),
    rebuild: values.rebuild,
    reportOnly: values['report-only'],
    help: values.help,
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} needs a positive number, got ${raw}`);
  return parsed;
}
