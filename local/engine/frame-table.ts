import type { Frame } from './types.ts';

/**
 * An execution's live frames by id, with the methods of the `Map` it replaces. Most executions (a staff task's
 * ladder, for one) only ever have their top-level frame, id 0: it is a field, and a map is made only for the frames
 * of Map and Parallel states. A `Map` for each execution was two objects and a table of about 200 bytes, kept
 * for the rest of the run.
 */
export class FrameTable {
  private root: Frame | undefined = undefined;
  private others: Map<number, Frame> | undefined = undefined;

  static of(frames: Iterable<Frame>): FrameTable {
    const table = new FrameTable();
    for (const frame of frames) table.set(frame.id, frame);
    return table;
  }

  get(id: number): Frame | undefined {
    return id === 0 ? this.root : this.others?.get(id);
  }

  has(id: number): boolean {
    return id === 0 ? this.root !== undefined : (this.others?.has(id) ?? false);
  }

  set(id: number, frame: Frame): this {
    if (id === 0) this.root = frame;
    else {
      if (this.others === undefined) this.others = new Map();
      this.others.set(id, frame);
    }
    return this;
  }

  delete(id: number): boolean {
    if (id !== 0) return this.others?.delete(id) ?? false;
    const had = this.root !== undefined;
    this.root = undefined;
    return had;
  }

  clear(): void {
    this.root = undefined;
    this.others = undefined;
  }

  get size(): number {
    return (this.root === undefined ? 0 : 1) + (this.others?.size ?? 0);
  }

  /** The frames, top-level first, as an array (a copy: the caller may change the table while going through it). */
  values(): Frame[] {
    const all: Frame[] = this.root === undefined ? [] : [this.root];
    if (this.others !== undefined) for (const frame of this.others.values()) all.push(frame);
    return all;
  }
}
