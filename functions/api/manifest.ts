import type { HandlerSpec } from '../manifest.ts';

/** The staff HTTP API's handler entries; `functions/manifest.ts` includes them in HANDLERS. */
export const STAFF_API_HANDLERS: readonly HandlerSpec[] = [];
