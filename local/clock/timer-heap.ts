/** A timer entry in the heap; `index` is its position (-1 once removed). */
export interface HeapTimer {
  readonly id: number;
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void | Promise<void>;
  index: number;
}

const before = (a: HeapTimer, b: HeapTimer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Binary min-heap ordered by (at, seq), with O(log n) removal of any entry. */
export class TimerHeap {
  private readonly items: HeapTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): HeapTimer | undefined {
    return this.items[0];
  }

  push(timer: HeapTimer): void {
    timer.index = this.items.length;
    this.items.push(timer);
    this.up(timer.index);
  }

  pop(): HeapTimer | undefined {
    const top = this.items[0];
    if (top) this.remove(top);
    return top;
  }

  remove(timer: HeapTimer): boolean {
    const i = timer.index;
    if (i < 0 || this.items[i] !== timer) return false;
    const last = this.items.pop()!;
    timer.index = -1;
    if (i < this.items.length) {
      this.items[i] = last;
      last.index = i;
      this.down(i);
      this.up(last.index);
    }
    return true;
  }

  clear(): void {
    for (const t of this.items) t.index = -1;
    this.items.length = 0;
  }

  private up(i: number): void {
    const items = this.items;
    const t = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!before(t, parent)) break;
      items[i] = parent;
      parent.index = i;
      i = p;
    }
    items[i] = t;
    t.index = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const t = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!before(child, t)) break;
      items[i] = child;
      child.index = i;
      i = c;
    }
    items[i] = t;
    t.index = i;
  }
}
