// Values kept by key while their version holds, least recently used first out, within a byte budget.

export class BudgetCache<T> {
  readonly #entries = new Map<string, { version: string; value: T; size: number }>();
  #bytes = 0;

  constructor(readonly budget: number) {}

  get(key: string, version: string): T | null {
    const hit = this.#entries.get(key);
    if (hit?.version !== version) return null;
    // Most recently used last.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value;
  }

  set(key: string, version: string, value: T, size: number): void {
    this.#drop(key);
    if (size > this.budget) return;
    this.#entries.set(key, { version, value, size });
    this.#bytes += size;
    this.#evict();
  }

  /** Counts more bytes against the entry at `key`, if it still holds `value` (a gzip made later). */
  grow(key: string, value: T, bytes: number): void {
    const entry = this.#entries.get(key);
    if (entry?.value !== value) return;
    entry.size += bytes;
    this.#bytes += bytes;
    this.#evict();
  }

  #drop(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.size;
  }

  #evict(): void {
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.budget) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.size;
    }
  }
}
