import { describe, expect, it } from 'vitest';
import { HELD_PER_WORKER, TaskQueue, takesAnother } from '../../src/harness/task-queue.js';

describe('the pool\'s task queue', () => {
  it('hands tasks out in the order given; tasks handed back come out first, in their own order', () => {
    const q = new TaskQueue(['a', 'b', 'c', 'd', 'e']);
    expect([q.take(), q.take(), q.take()]).toEqual(['a', 'b', 'c']);
    expect(q.left).toBe(2);
    // a worker that held c behind b died on b: c goes back, ahead of d
    q.handBack(['c']);
    q.handBack(['a', 'b']);
    expect(q.left).toBe(5);
    expect([q.take(), q.take(), q.take(), q.take(), q.take(), q.take()]).toEqual(['a', 'b', 'c', 'd', 'e', undefined]);
    expect(q.left).toBe(0);
  });

  it('tasks added while the queue runs come after those given; handed-back tasks come first', () => {
    const q = new TaskQueue(['draw 1', 'draw 2']);
    expect(q.take()).toBe('draw 1');
    q.add(['case 1/0', 'case 1/1']);
    expect(q.left).toBe(3);
    q.handBack(['draw 1']);
    expect(q.left).toBe(4);
    expect([q.take(), q.take(), q.take(), q.take(), q.take()]).toEqual(['draw 1', 'draw 2', 'case 1/0', 'case 1/1', undefined]);
  });

  it('a worker holds a next task only while more are left than there are workers; an idle one always takes one', () => {
    expect(HELD_PER_WORKER).toBe(2);
    expect(takesAnother(0, 1, 2)).toBe(true);
    expect(takesAnother(0, 0, 2)).toBe(false);
    expect(takesAnother(1, 3, 2)).toBe(true);
    expect(takesAnother(1, 2, 2)).toBe(false);
    expect(takesAnother(2, 100, 2)).toBe(false);
  });

  it('two workers starting on four tasks take one, then share the rest without a task waiting behind another while a worker idles', () => {
    // the pool's start: each worker in turn takes what takesAnother allows
    const q = new TaskQueue([1, 2, 3, 4]);
    const held: number[][] = [[], []];
    for (const h of held) {
      while (takesAnother(h.length, q.left, held.length)) h.push(q.take() as number);
    }
    expect(held).toEqual([[1, 2], [3]]);
    // three tasks for three workers: one each
    const r = new TaskQueue([1, 2, 3]);
    const three: number[][] = [[], [], []];
    for (const h of three) {
      while (takesAnother(h.length, r.left, three.length)) h.push(r.take() as number);
    }
    expect(three).toEqual([[1], [2], [3]]);
  });
});
