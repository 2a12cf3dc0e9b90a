/**
 * The repository in memory, for the simulator: the same TableRepository logic over MemoryItemStore
 * (`memory/`), which refuses, orders and counts exactly as the DynamoDB store does.
 */
import { MemoryItemStore } from './memory/item-store.ts';
import type { RepositoryOptions } from './repository.ts';
import { TableRepository } from './table-repository.ts';

export { evaluate } from './memory/conditions.ts';
export { MemoryItemStore } from './memory/item-store.ts';

/** The repository in memory: `new MemoryRepository()`; `memory` exposes dump() for inspection. */
export class MemoryRepository extends TableRepository {
  constructor(
    options: RepositoryOptions = {},
    readonly memory: MemoryItemStore = new MemoryItemStore(),
  ) {
    super(memory, options);
  }
}
