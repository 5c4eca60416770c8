// Code that runs inside the page, passed to Playwright's addInitScript/evaluate. Each function is
// serialized on its own: it must not use imports or anything outside its own body.
//
// The app is found by roles and labels only (the timeline is the element labelled "Event timeline",
// its rows are <li>, role=listitem or role=row), so the measurements survive a rewrite of the
// timeline, e.g. into a virtualised list.

export const SELECTORS = {
  timeline: '[aria-label="Event timeline"]',
  row: 'li, [role="listitem"], [role="row"]',
  /** A row of the run's first paint, drawn by the server into the page (server/first-paint.ts). */
  firstPaintRow: '#first-paint ol > li',
};

export interface LongTask {
  start: number;
  duration: number;
}

export interface Probe {
  /** performance.now() in the first animation frame after the timeline had a row. */
  firstRowsAt: number | null;
  /** The same for the server's first paint of the run, when the page has one. */
  firstPaintAt: number | null;
  longTasks: LongTask[];
  /** Set by watchMutations(). */
  watch?: MutationWatch;
}

export interface MutationWatch {
  lastMutationAt: number | null;
  /** performance.now() in the first animation frame after the last mutation. */
  lastPaintAt: number | null;
  firstInputAt: number | null;
  firstKeydownAt: number | null;
}

declare global {
  interface Window {
    __bench: Probe;
  }
}

/** tsx compiles with esbuild's keepNames, which wraps named functions in `__name(fn, name)`. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** Init script: runs before the app's own scripts, in every document of the context. */
export function installProbe(selectors: Omit<typeof SELECTORS, 'firstPaintRow'> & { firstPaintRow?: string }): void {
  const probe: Probe = { firstRowsAt: null, firstPaintAt: null, longTasks: [] };
  window.__bench = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the task figures stay empty and are reported as unknown.
  }
  const hasRows = () => document.querySelector(selectors.timeline)?.querySelector(selectors.row) != null;
  const observer = new MutationObserver(() => {
    if (probe.firstPaintAt === null && selectors.firstPaintRow && document.querySelector(selectors.firstPaintRow))
      requestAnimationFrame(() => {
        probe.firstPaintAt ??= performance.now();
      });
    if (!hasRows()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      probe.firstRowsAt = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Resolves once the main thread has produced frames without a >50 ms gap for `quietMs`, or after `capMs`. */
export function waitQuiet({ quietMs, capMs }: { quietMs: number; capMs: number }): Promise<{ quiet: boolean; waitedMs: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let calmSince = start;
    const frame = () => {
      const now = performance.now();
      if (now - last > 50) calmSince = now;
      last = now;
      if (now - calmSince >= quietMs) return resolve({ quiet: true, waitedMs: now - start });
      if (now - start >= capMs) return resolve({ quiet: false, waitedMs: now - start });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** The floor for first rows: the same API request, read and parsed, nothing else. */
export async function fetchAndParse(url: string): Promise<{ totalMs: number; fetchMs: number; parseMs: number; chars: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  const fetched = performance.now();
  JSON.parse(text);
  const parsed = performance.now();
  return { totalMs: parsed - start, fetchMs: fetched - start, parseMs: parsed - fetched, chars: text.length };
}

export interface ScrollResult {
  scroller: string;
  frameMs: number[];
  elapsedMs: number;
  /** Share of the timeline's scroll distance covered before the time cap (0..1). */
  covered: number;
  distancePx: number;
  reachedEnd: boolean;
}

/**
 * Scrolls the timeline from its top to its bottom by a tenth of a screen per animation frame,
 * recording the time between frames. Scrolls whatever scrolls: the nearest scrollable element
 * around the timeline (the list itself included), else the window.
 */
export function scrollThrough({ timeline, maxMs }: { timeline: string; maxMs: number }): Promise<ScrollResult> {
  const list = document.querySelector(timeline);
  if (!list) return Promise.reject(new Error(`no element matches ${timeline}`));
  const scrollsItself = (element: Element) => {
    const overflow = getComputedStyle(element).overflowY;
    return /(auto|scroll|overlay)/.test(overflow) && element.scrollHeight > element.clientHeight + 1;
  };
  let container: Element | null = null;
  for (
    let element: Element | null = list;
    element && element !== document.body && element !== document.documentElement;
    element = element.parentElement
  ) {
    if (scrollsItself(element)) {
      container = element;
      break;
    }
  }
  const root = document.scrollingElement ?? document.documentElement;
  const viewport = container ? container.clientHeight : window.innerHeight;
  const step = Math.max(1, Math.round(viewport / 10));
  const position = () => (container ? container.scrollTop : window.scrollY);
  const scrollBy = (top: number) =>
    container ? container.scrollBy({ top, behavior: 'instant' }) : window.scrollBy({ top, behavior: 'instant' });
  // Where the timeline's bottom is reached; recomputed every frame, as lazily measured rows change it.
  const endPosition = () => {
    if (container) return container.scrollHeight - container.clientHeight;
    const listBottom = list.getBoundingClientRect().bottom + window.scrollY;
    return Math.min(root.scrollHeight - window.innerHeight, listBottom - window.innerHeight);
  };
  if (container) container.scrollTop = 0;
  else window.scrollTo({ top: Math.max(0, list.getBoundingClientRect().top + window.scrollY), behavior: 'instant' });
  const startPosition = position();
  const described = container
    ? `element <${container.tagName.toLowerCase()}${container.getAttribute('aria-label') ? ` aria-label="${container.getAttribute('aria-label')}"` : ''}>`
    : 'window';

  return new Promise((resolve) => {
    const frameMs: number[] = [];
    let started = 0;
    let previous = 0;
    const finish = (now: number, reachedEnd: boolean) => {
      const distance = Math.max(1, endPosition() - startPosition);
      resolve({
        scroller: described,
        frameMs,
        elapsedMs: now - started,
        covered: reachedEnd ? 1 : Math.min(1, (position() - startPosition) / distance),
        distancePx: distance,
        reachedEnd,
      });
    };
    const frame = (now: number) => {
      if (previous) frameMs.push(now - previous);
      previous = now;
      if (position() >= endPosition() - 1) return finish(now, true);
      if (now - started >= maxMs) return finish(now, false);
      scrollBy(step);
      requestAnimationFrame(frame);
    };
    // Two frames to let the jump to the top settle before timing.
    requestAnimationFrame(() =>
      requestAnimationFrame((now) => {
        started = now;
        previous = now;
        requestAnimationFrame(frame);
      }),
    );
  });
}

/** Starts recording DOM changes (outside `ignored`, the input typed into), the frames after them, and the first input/keydown. */
export function watchMutations(ignored: Element | null): void {
  const watch: MutationWatch = { lastMutationAt: null, lastPaintAt: null, firstInputAt: null, firstKeydownAt: null };
  window.__bench.watch = watch;
  const observer = new MutationObserver((records) => {
    if (window.__bench.watch !== watch) return observer.disconnect();
    if (ignored && records.every((record) => ignored === record.target || ignored.contains(record.target))) return;
    const at = performance.now();
    watch.lastMutationAt = at;
    requestAnimationFrame(() => {
      if (watch.lastMutationAt === at) watch.lastPaintAt = performance.now();
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  const onInput = (event: Event) => {
    if (window.__bench.watch !== watch) return document.removeEventListener('input', onInput, true);
    watch.firstInputAt ??= event.timeStamp;
  };
  const onKeydown = (event: Event) => {
    if (window.__bench.watch !== watch) return document.removeEventListener('keydown', onKeydown, true);
    watch.firstKeydownAt ??= event.timeStamp;
  };
  document.addEventListener('input', onInput, true);
  document.addEventListener('keydown', onKeydown, true);
}

/** Resolves when nothing in the DOM has changed for `quietMs` (counted from `since` at the earliest), or after `capMs`. */
export function waitForDomQuiet({ quietMs, capMs }: { quietMs: number; capMs: number }): Promise<{ quiet: boolean }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const watch = window.__bench.watch;
      const now = performance.now();
      const lastChange = Math.max(watch?.lastMutationAt ?? 0, watch?.firstInputAt ?? 0, start);
      // The paint after the last change must have happened too.
      const painted = watch?.lastMutationAt == null || (watch.lastPaintAt ?? 0) >= watch.lastMutationAt;
      if (now - lastChange >= quietMs && painted) return resolve({ quiet: true });
      if (now - start >= capMs) return resolve({ quiet: false });
      setTimeout(check, 50);
    };
    check();
  });
}

export function countRows(selectors: typeof SELECTORS): number {
  return document.querySelector(selectors.timeline)?.querySelectorAll(selectors.row).length ?? 0;
}

/** Records the time of the next pointerdown (a person pressing), for input-to-paint timings. */
export function armPointerdown(): void {
  window.__bench.watch = { lastMutationAt: null, lastPaintAt: null, firstInputAt: null, firstKeydownAt: null };
  const watch = window.__bench.watch;
  document.addEventListener('pointerdown', (event) => (watch.firstInputAt ??= event.timeStamp), { capture: true, once: true });
}

/** Resolves with performance.now() in the first animation frame in which the element with `id` is visible and has text. */
export function waitForShown({ id, capMs }: { id: string; capMs: number }): Promise<number | null> {
  const start = performance.now();
  return new Promise((resolve) => {
    const frame = () => {
      const element = document.getElementById(id);
      if (element && element.checkVisibility() && (element.textContent ?? '').trim().length > 0) return resolve(performance.now());
      if (performance.now() - start >= capMs) return resolve(null);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
