/**
 * A memo that keeps at most `capacity` entries, dropping the least recently used: a value dropped is
 * computed again when asked for, so it suits values that are deterministic in their key.
 */
export class BoundedMemo<V> {
  /** insertion order is recency: a hit moves its entry to the end */
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`BoundedMemo: capacity ${capacity} is not a positive integer`);
  }

  get(key: string, compute: () => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
