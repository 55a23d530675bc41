import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/classes/bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once while it stays among the last `capacity` used, and again after it was dropped', () => {
    const memo = new BoundedMemo<string>(2);
    const computed: string[] = [];
    const get = (key: string) => memo.get(key, () => (computed.push(key), key.toUpperCase()));
    expect(get('a')).toBe('A');
    expect(get('b')).toBe('B');
    expect(get('a')).toBe('A'); // a hit makes a the most recent
    expect(get('c')).toBe('C'); // drops b, the least recently used
    expect(memo.size).toBe(2);
    expect(get('a')).toBe('A');
    expect(get('b')).toBe('B'); // computed again
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedMemo(0)).toThrow(/capacity 0/);
    expect(() => new BoundedMemo(1.5)).toThrow(/capacity 1.5/);
  });
});
