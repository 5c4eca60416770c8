import type { AppBuild } from './app-build';
import type { GeneratedRun } from './generate-runs';
import type { MachineInfo } from './machine';

// What `npm run bench` measures, as written to bench/results.json and read back by report.ts.

export interface BenchOptions {
  smoke: boolean;
  reps: number;
  sizes: number[];
  scrollS: number;
  sizeBudgetS: number;
  rebuild: boolean;
  reportOnly: boolean;
}

export interface Failure {
  stage: string;
  error: string;
  timedOut: boolean;
}

export interface ScrollSample {
  scroller: string;
  p50: number | null;
  p95: number | null;
  max: number | null;
  frames: number;
  elapsedMs: number;
  covered: number;
  reachedEnd: boolean;
  frameMs: number[];
}

export interface SearchSample {
  /** Paste-like input of the whole term (one input event) to the frame after the last DOM change. */
  paintMs: number | null;
  /** Longest Long Task (>50 ms) from the first keystroke until the screen settled; 0 = none. */
  longestTaskWhileTypingMs: number | null;
  longTasksWhileTyping: number;
  rowsBefore: number;
  rowsAfter: number;
  note: string | null;
}

export interface RepSample {
  rep: number;
  firstRowsMs: number | null;
  longestTaskBeforeRowsMs: number | null;
  settle: { quiet: boolean; waitedMs: number; workers: number } | null;
  heapMB: number | null;
  floor: { totalMs: number; fetchMs: number; parseMs: number; chars: number } | null;
  /** The same fetch+parse in a blank page of the same origin (no app running), after the run page closed. */
  blankFloor: { totalMs: number; fetchMs: number; parseMs: number; chars: number } | null;
  scroll: ScrollSample | null;
  search: SearchSample | null;
  failures: Failure[];
}

export interface SizeResult {
  key: string;
  events: number;
  bytes: number;
  repsPlanned: number;
  reps: RepSample[];
  stoppedEarly: string | null;
  median: {
    firstRowsMs: number | null;
    floorMs: number | null;
    blankFloorMs: number | null;
    ratio: number | null;
    scrollP50: number | null;
    scrollP95: number | null;
    scrollMax: number | null;
    scrollCovered: number | null;
    searchPaintMs: number | null;
    longestTaskWhileTypingMs: number | null;
    heapMB: number | null;
  };
  searchNote: string | null;
}

export interface PayloadSample {
  rep: number;
  firstRowsMs: number | null;
  openMs: number | null;
  failures: Failure[];
}

export interface PayloadResult {
  key: string;
  bytes: number;
  reps: PayloadSample[];
  stoppedEarly: string | null;
  median: { firstRowsMs: number | null; openMs: number | null };
}

export interface JsFile {
  path: string;
  kind: 'page' | 'worker';
  /** Whether the script had arrived when the first rows were painted; null when unknown (workers). */
  beforeFirstRows: boolean | null;
  gzipBytes: number;
  bytes: number;
}

export interface JsResult {
  files: JsFile[];
  page: { gzipBytes: number; bytes: number };
  worker: { gzipBytes: number; bytes: number };
  failures: Failure[];
}

export interface BenchResults {
  command: string;
  smoke: boolean;
  options: BenchOptions;
  machine: MachineInfo;
  build: AppBuild;
  runs: GeneratedRun[];
  sizes: SizeResult[];
  payload: PayloadResult | null;
  js: JsResult | null;
  durationS: number;
}
