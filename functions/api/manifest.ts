import type { HandlerSpec } from '../manifest.ts';

/**
 * The staff API's routes as HTTP API route keys. `tests/unit/api/manifest.test.ts` checks this list against the
 * router's (kept literal here so the manifest, read by CDK, does not load the API's code).
 */
export const STAFF_API_ROUTES: readonly string[] = [
  'POST /staff',
  'POST /cases',
  'GET /cases/{caseId}',
  'PUT /cases/{caseId}/release-date',
  'POST /cases/{caseId}/events',
  'POST /cases/{caseId}/breach-outcome',
  'GET /tasks',
  'POST /tasks/{taskId}/complete',
  'POST /appointments/{appointmentId}/outcome',
  'POST /cases/{caseId}/appointments/{appointmentId}/outcome',
  'GET /links/{token}',
  'POST /links/{token}',
  'GET /openapi.json',
];

/** The staff HTTP API's handler entries; `functions/manifest.ts` includes them in HANDLERS. */
export const STAFF_API_HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'staffApi',
    entry: 'functions/handlers/staff-api/index.ts',
    description: 'Staff HTTP API: cases, release dates, events, tasks, outcomes, signed links, OpenAPI',
    table: 'readWrite',
    managesExecutions: true,
    completesTasks: true,
    managesSchedules: true,
    readsLinkKey: true,
    api: true,
    routes: STAFF_API_ROUTES,
    timeoutSeconds: 29,
    memoryMb: 512,
  },
];
