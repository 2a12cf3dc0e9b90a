/** The engine's single entry to the JSONPath toolkit (`./jsonpath/`). */
export * from './jsonpath-shim.ts';
