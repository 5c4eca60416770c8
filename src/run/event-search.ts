import type { TimelineRow } from './timeline-rows';
import { jsonText } from '../lib/json-text';

// Text search across event types, summaries and payloads, done in slices so typing never waits
// for 100,000 events: the caller runs `step` until it returns true, yielding between steps.

export interface SearchJob {
  /** Ids of matching events found so far. */
  matches: Set<string>;
  /** Rows examined so far. */
  done: number;
  total: number;
  /** Examines rows for about `budgetMs`; returns true when finished. */
  step(budgetMs: number): boolean;
}

/** Lower-cased searchable text per event, built once per run on first use. */
export class SearchIndex {
  private texts: (string | undefined)[];

  constructor(private readonly rows: TimelineRow[]) {
    this.texts = new Array(rows.length);
  }

  textAt(index: number): string {
    let text = this.texts[index];
    if (text === undefined) {
      const { event, summary } = this.rows[index];
      text = `${event.type}\n${summary}\n${event.error ?? ''}\n${jsonText(event.data)}`.toLowerCase();
      this.texts[index] = text;
    }
    return text;
  }

  search(query: string): SearchJob {
    const needle = query.trim().toLowerCase();
    const rows = this.rows;
    const job: SearchJob = {
      matches: new Set(),
      done: 0,
      total: rows.length,
      step: (budgetMs) => {
        const deadline = performance.now() + budgetMs;
        while (job.done < rows.length) {
          if (this.textAt(job.done).includes(needle)) job.matches.add(rows[job.done].event.id);
          job.done++;
          if ((job.done & 63) === 0 && performance.now() > deadline) return false;
        }
        return true;
      },
    };
    return job;
  }
}
