/**
 * The journey's phases and what may happen in each: REGISTERED -> CUSTODY -> COMMUNITY -> CLOSED. Handlers call these
 * pure functions to decide (and refuse with a typed error) before they write anything.
 */
import { EventNotAllowed, JourneyClosed, TaskAlreadyCompleted, TaskCancelled } from './errors.ts';
import type { ExternalEventType, JourneyOutcome, JourneyPhase, TaskStatus } from './types.ts';

/** What moves a journey on without an outside event. */
export type PhaseTrigger = 'CUSTODY_STARTED' | 'RELEASED' | 'SUPERVISION_ENDED';

const TRANSITIONS: Readonly<Record<PhaseTrigger, { from: readonly JourneyPhase[]; to: JourneyPhase }>> = {
  /** the custody window opens (R-84 days, or at registration if later) */
  CUSTODY_STARTED: { from: ['REGISTERED'], to: 'CUSTODY' },
  /** the release trigger fired, or a RELEASED event */
  RELEASED: { from: ['CUSTODY'], to: 'COMMUNITY' },
  /** the close date (R + 6 months) arrived */
  SUPERVISION_ENDED: { from: ['COMMUNITY'], to: 'CLOSED' },
};

function refuseClosed(phase: JourneyPhase): void {
  if (phase === 'CLOSED') throw new JourneyClosed();
}

/** The phase after `trigger`; `JourneyClosed` on a closed journey, `EventNotAllowed` out of order. */
export function nextPhase(phase: JourneyPhase, trigger: PhaseTrigger): JourneyPhase {
  refuseClosed(phase);
  const t = TRANSITIONS[trigger];
  if (!t.from.includes(phase))
    throw new EventNotAllowed(`${trigger} cannot happen in phase ${phase}`, 'phase');
  return t.to;
}

export type EventEffect =
  | { readonly effect: 'TRANSITION'; readonly to: JourneyPhase }
  | { readonly effect: 'RESCHEDULE' }
  /** end the journey: cancel open tasks and pending reminders, send nothing further */
  | { readonly effect: 'CLOSE'; readonly outcome: JourneyOutcome };

const EXTERNAL: Readonly<
  Record<ExternalEventType, { phases: readonly JourneyPhase[]; effect: EventEffect }>
> = {
  RELEASED: { phases: ['CUSTODY'], effect: { effect: 'TRANSITION', to: 'COMMUNITY' } },
  RECALLED: { phases: ['COMMUNITY'], effect: { effect: 'CLOSE', outcome: 'RECALLED' } },
  RETURNED_ON_NEW_SENTENCE: {
    phases: ['COMMUNITY'],
    effect: { effect: 'CLOSE', outcome: 'RETURNED_ON_NEW_SENTENCE' },
  },
  DECEASED: {
    phases: ['REGISTERED', 'CUSTODY', 'COMMUNITY'],
    effect: { effect: 'CLOSE', outcome: 'DECEASED' },
  },
  WITHDRAWN: {
    phases: ['REGISTERED', 'CUSTODY', 'COMMUNITY'],
    effect: { effect: 'CLOSE', outcome: 'WITHDRAWN' },
  },
  TRANSFERRED_OUT: {
    phases: ['REGISTERED', 'CUSTODY', 'COMMUNITY'],
    effect: { effect: 'CLOSE', outcome: 'TRANSFERRED_OUT' },
  },
};

/** The external event types a phase accepts. */
export function allowedEvents(phase: JourneyPhase): ExternalEventType[] {
  return (Object.keys(EXTERNAL) as ExternalEventType[]).filter((t) => EXTERNAL[t].phases.includes(phase));
}

/**
 * The effect of an external event in a phase. `JourneyClosed` once the journey has ended; `EventNotAllowed` when the
 * phase does not accept it (RELEASED only in custody; RECALLED and RETURNED_ON_NEW_SENTENCE only in the community).
 */
export function externalEventEffect(phase: JourneyPhase, type: ExternalEventType): EventEffect {
  refuseClosed(phase);
  const rule = EXTERNAL[type];
  if (!rule) throw new EventNotAllowed('is not a known event type');
  if (!rule.phases.includes(phase)) throw new EventNotAllowed(`${type} is not accepted in phase ${phase}`);
  return rule.effect;
}

/** A release date change reschedules before release; after release it is refused. */
export function releaseDateChangeEffect(phase: JourneyPhase): EventEffect {
  refuseClosed(phase);
  if (phase === 'COMMUNITY')
    throw new EventNotAllowed(
      'the person has been released: the release date can no longer change',
      'releaseDate',
    );
  return { effect: 'RESCHEDULE' };
}

/** A breach or recall outcome is recorded only in the community phase. */
export function assertBreachOutcomeAllowed(phase: JourneyPhase): void {
  refuseClosed(phase);
  if (phase !== 'COMMUNITY')
    throw new EventNotAllowed('a breach outcome is recorded only after release', 'outcome');
}

/**
 * Checks a task can be completed: `JourneyClosed` if the journey ended, `TaskAlreadyCompleted` (a second completion
 * is answered clearly, changing nothing) or `TaskCancelled`.
 */
export function assertTaskCompletable(phase: JourneyPhase, status: TaskStatus): void {
  refuseClosed(phase);
  if (status === 'DONE') throw new TaskAlreadyCompleted();
  if (status === 'CANCELLED') throw new TaskCancelled();
}

/** The tasks to cancel when a journey ends: every open one. */
export function tasksToCancelOnClose<T extends { readonly status: TaskStatus }>(tasks: readonly T[]): T[] {
  return tasks.filter((t) => t.status === 'OPEN');
}
