/**
 * The weekly engagement sessions of custody, shared by the journey plan and the custody workflow's engagement loop:
 * from custody start to release, the session of week k is due at the end of that week (start + 7k - 1 days, the day
 * before release at the latest), on the last working day on or before it. A week with no working day left in
 * custody, or whose due time is not after custody start, has no session; nor has a week due on the same day as the
 * one before. Computed on epoch days, and lazily, so that the loop can take one session without the rest.
 */
import {
  epochDay,
  instantMsOnEpochDay,
  type LocalDate,
  localEpochDayOf,
  previousWorkingEpochDay,
} from './calendar.ts';
import type { DomainConfig } from './config.ts';

export interface SessionSlot {
  /** 1 = the first week of custody */
  readonly week: number;
  /** the epoch day the week starts on */
  readonly weekStartDay: number;
  /** the epoch day the session is due on */
  readonly dueDay: number;
  /** the due instant (epoch ms) */
  readonly dueMs: number;
}

/** A session's key within its journey: `ENGAGEMENT_SESSION#07` for week 7. */
export function sessionKey(week: number): string {
  return `ENGAGEMENT_SESSION#${String(week).padStart(2, '0')}`;
}

/** When a session becomes available: custody start in week 1, then the custody start time on its first day. */
export function sessionAvailableMs(slot: SessionSlot, custodyStartMs: number, config: DomainConfig): number {
  return slot.week === 1 ? custodyStartMs : instantMsOnEpochDay(slot.weekStartDay, config.custodyStartTime);
}

/** The number of weeks from custody start to release: session weeks 1..n (some may have no session). */
export function sessionWeekCount(custodyStartMs: number, releaseDate: LocalDate): number {
  const startDay = localEpochDayOf(custodyStartMs);
  return Math.ceil((epochDay(releaseDate) - startDay) / 7);
}

/**
 * The sessions in week order. `keep` (a replan's) can pass over a session; one passed over does not count as the
 * session before the next.
 */
export function* sessionSlots(
  custodyStartMs: number,
  releaseDate: LocalDate,
  config: DomainConfig,
  keep?: (slot: SessionSlot) => boolean,
): Generator<SessionSlot, void, undefined> {
  const startDay = localEpochDayOf(custodyStartMs);
  const releaseDay = epochDay(releaseDate);
  const weeks = Math.ceil((releaseDay - startDay) / 7);
  const lastDay = releaseDay - 1;
  let previousDue: number | undefined;
  for (let week = 1; week <= weeks; week++) {
    const weekStartDay = startDay + 7 * (week - 1);
    const dueDay = previousWorkingEpochDay(Math.min(startDay + 7 * week - 1, lastDay));
    const dueMs = instantMsOnEpochDay(dueDay, config.dueTime);
    if (dueDay < weekStartDay || dueMs <= custodyStartMs) continue;
    if (previousDue !== undefined && dueDay <= previousDue) continue;
    const slot: SessionSlot = { week, weekStartDay, dueDay, dueMs };
    if (keep && !keep(slot)) continue;
    yield slot;
    previousDue = dueDay;
  }
}
