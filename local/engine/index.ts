/** The local Amazon States Language engine (generic: knows nothing of the project's workflows). */
export { Engine, type EngineOptions } from './engine.ts';
export { EngineApiError, InvalidDefinitionError, StatesError } from './errors.ts';
export { compileMachine } from './machine.ts';
export type { ExecutionClosed } from './runtime.ts';
export { type EngineStore, FileStore, MemoryStore, type StoredExecution, type StoredState } from './store.ts';
export { seededRandom } from './util.ts';
export { validateDefinition } from './validate.ts';
