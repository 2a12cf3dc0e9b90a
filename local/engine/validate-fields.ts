/** Which fields each state type accepts, per query language (definition validation). */

export const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const TRANSITION = ['Next', 'End'];
const PATH_IO = ['InputPath', 'OutputPath'];
export const FIELDS: Record<string, { path: string[]; ata: string[] }> = {
  Pass: {
    path: [...TRANSITION, ...PATH_IO, 'Parameters', 'ResultPath', 'Result', 'Assign'],
    ata: [...TRANSITION, 'Output', 'Assign'],
  },
  Task: {
    path: [
      ...TRANSITION,
      ...PATH_IO,
      'Resource',
      'Parameters',
      'ResultSelector',
      'ResultPath',
      'Retry',
      'Catch',
      'TimeoutSeconds',
      'TimeoutSecondsPath',
      'HeartbeatSeconds',
      'HeartbeatSecondsPath',
      'Assign',
    ],
    ata: [
      ...TRANSITION,
      'Resource',
      'Arguments',
      'Output',
      'Assign',
      'Retry',
      'Catch',
      'TimeoutSeconds',
      'HeartbeatSeconds',
    ],
  },
  Choice: {
    path: ['Choices', 'Default', ...PATH_IO, 'Assign'],
    ata: ['Choices', 'Default', 'Output', 'Assign'],
  },
  Wait: {
    path: [...TRANSITION, ...PATH_IO, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'Assign'],
    ata: [...TRANSITION, 'Seconds', 'Timestamp', 'Output', 'Assign'],
  },
  Succeed: { path: PATH_IO, ata: ['Output'] },
  Fail: { path: ['Error', 'ErrorPath', 'Cause', 'CausePath'], ata: ['Error', 'Cause'] },
  Parallel: {
    path: [
      ...TRANSITION,
      ...PATH_IO,
      'Branches',
      'Parameters',
      'ResultSelector',
      'ResultPath',
      'Retry',
      'Catch',
      'Assign',
    ],
    ata: [...TRANSITION, 'Branches', 'Arguments', 'Output', 'Assign', 'Retry', 'Catch'],
  },
  Map: {
    path: [
      ...TRANSITION,
      ...PATH_IO,
      'ItemProcessor',
      'Iterator',
      'ItemsPath',
      'ItemSelector',
      'Parameters',
      'ResultSelector',
      'ResultPath',
      'MaxConcurrency',
      'MaxConcurrencyPath',
      'Retry',
      'Catch',
      'Assign',
    ],
    ata: [
      ...TRANSITION,
      'ItemProcessor',
      'Iterator',
      'Items',
      'ItemSelector',
      'MaxConcurrency',
      'Output',
      'Assign',
      'Retry',
      'Catch',
    ],
  },
};
export const UNSUPPORTED = new Set([
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
  'Credentials',
]);
export const TOP = ['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'];
