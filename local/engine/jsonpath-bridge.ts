/** The engine's single entry to the JSONPath toolkit (`./jsonpath-kit/`). */
export * from './jsonpath-kit/index.ts';
