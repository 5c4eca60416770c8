import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UpstreamCall, UpstreamOutcome } from './proxy';

// In proxy mode the server asks the elizaOS server for a run while it answers the run's page, to
// draw the page's first paint (first-paint.ts). The page then asks for the same run itself (its
// Link preload, then its log query). Those requests are handed the answer the server already has,
// or is still receiving, instead of asking the elizaOS server a second time: one upstream request
// per page, as without the first paint, and the page's data arrives sooner.
//
// A hand-off is taken once, by the first request for the same path and query, within HOLD_MS;
// after that, or when nobody came, it is gone and requests go upstream as usual. Until it is
// taken, at most HOLD_BYTES of its body are held: a bigger body waits in the socket (backpressure).

const HOLD_MS = 10_000;
const HOLD_BYTES = 1024 * 1024;
/** Pending hand-offs at once; more pages at once than this simply draw no first paint. */
const MAX_PENDING = 32;

/** A whole answer as a first paint reads it. */
export interface WholeAnswer {
  status: number;
  text: string;
}

export interface Handoff {
  /** The whole answer once it has arrived, if it is a body of at most HOLD_BYTES; null otherwise. */
  whole(): Promise<WholeAnswer | null>;
}

export interface Handoffs {
  /** Starts (or joins the pending) GET of `path?query`; null when too many are pending. */
  start(path: string, query: string): Handoff | null;
  /** The pending call for `path?query`, now the caller's to send; null when there is none. */
  take(path: string, query: string): UpstreamCall | null;
  /** Cancels every pending call (the server is closing). */
  close(): void;
}

export function createHandoffs(call: (path: string, query: string) => UpstreamCall): Handoffs {
  const pending = new Map<string, Recording>();
  // The same parameters in any order are the same request.
  const keyOf = (path: string, query: string) => {
    const params = new URLSearchParams(query);
    params.sort();
    return `${path}?${params}`;
  };
  return {
    start(path, query) {
      const key = keyOf(path, query);
      const known = pending.get(key);
      if (known) return known;
      if (pending.size >= MAX_PENDING) return null;
      const recording = new Recording(call(path, query), () => pending.delete(key));
      pending.set(key, recording);
      return recording;
    },
    take(path, query) {
      const key = keyOf(path, query);
      const recording = pending.get(key);
      if (!recording) return null;
      pending.delete(key);
      return recording.hand();
    },
    close() {
      for (const recording of pending.values()) recording.drop();
      pending.clear();
    },
  };
}

/** One upstream call, its body held until a request takes it over. */
class Recording implements Handoff {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private ended = false;
  private failure: Error | null = null;
  /** Where the body goes once taken. */
  private target: PassThrough | null = null;
  /** The upstream's next piece, held back until the body is taken (more than HOLD_BYTES came). */
  private held: (() => void) | null = null;
  private readonly settled: Promise<void>;
  private overflowed: () => void = () => {};
  /** Resolves once more than HOLD_BYTES came: too big for a first paint. */
  private readonly overflow = new Promise<void>((done) => (this.overflowed = done));
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly call: UpstreamCall,
    forget: () => void,
  ) {
    this.timer = setTimeout(() => {
      forget();
      this.drop();
    }, HOLD_MS);
    this.timer.unref();
    this.settled = call.outcome.then((outcome) => (outcome.kind === 'answer' ? this.record(outcome.body) : undefined));
  }

  async whole(): Promise<WholeAnswer | null> {
    const outcome = await this.call.outcome;
    await Promise.race([this.settled, this.overflow]);
    if (outcome.kind !== 'answer' || this.failure || !this.ended || this.target || this.bytes > HOLD_BYTES) return null;
    return { status: outcome.status, text: Buffer.concat(this.chunks).toString('utf8') };
  }

  /** The call as its taker sends it: the same outcome, the body replayed from its first byte. */
  hand(): UpstreamCall {
    clearTimeout(this.timer);
    const target = (this.target = new PassThrough());
    // Its taker reads a failure from the stream's state once it pipes it; until then, nobody listens.
    target.on('error', () => {});
    for (const chunk of this.chunks.splice(0)) target.write(chunk);
    if (this.failure) target.destroy(this.failure);
    else if (this.ended) target.end();
    this.held?.();
    this.held = null;
    const outcome = this.call.outcome.then((answer): UpstreamOutcome => (answer.kind === 'answer' ? { ...answer, body: target } : answer));
    return { outcome, cancel: () => this.drop() };
  }

  drop(): void {
    clearTimeout(this.timer);
    this.call.cancel();
    this.target?.destroy();
  }

  private async record(body: NodeJS.ReadableStream): Promise<void> {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, next) => {
        if (this.target) return this.target.write(chunk) ? next() : this.target.once('drain', () => next());
        this.chunks.push(chunk);
        this.bytes += chunk.length;
        if (this.bytes <= HOLD_BYTES) return next();
        this.held = next;
        this.overflowed();
      },
      final: (done) => {
        this.ended = true;
        this.target?.end();
        done();
      },
    });
    await pipeline(body, sink).catch((error: Error) => {
      this.failure = error;
      this.target?.destroy(error);
    });
  }
}
