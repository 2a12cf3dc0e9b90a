import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { currentState } from '#local/runs.ts';

const entered = (id: number, name: string): HistoryEvent => ({
  id,
  timestamp: new Date(0),
  type: 'TaskStateEntered',
  stateEnteredEventDetails: { name },
});
const exited = (id: number, name: string): HistoryEvent => ({
  id,
  timestamp: new Date(0),
  type: 'TaskStateExited',
  stateExitedEventDetails: { name },
});

describe('npm run runs', () => {
  it('shows the state an execution is in: the last one entered and not yet exited', () => {
    expect(
      currentState([entered(1, 'PlanCustody'), exited(2, 'PlanCustody'), entered(3, 'AwaitRelease')]),
    ).toBe('AwaitRelease');
  });

  it('shows no state once the last one has been exited', () => {
    expect(currentState([entered(1, 'CloseJourney'), exited(2, 'CloseJourney')])).toBeUndefined();
  });
});
