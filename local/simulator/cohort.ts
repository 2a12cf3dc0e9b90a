/**
 * A synthetic cohort: invented staff and people (no real data), with release dates spread over a year and
 * configurable mixes of risk, sentence type and needs, plus each case's behaviour: how its staff respond,
 * whether the person attends, whether the release date moves, and whether the journey ends early.
 */
import type { RiskLevel, SentenceType, StaffRole, SupportNeed } from '#domain/types.ts';
import { SUPPORT_NEEDS } from '#domain/types.ts';
import type { Random } from './random.ts';

export interface CohortMix {
  readonly risk: Readonly<Record<RiskLevel, number>>;
  readonly sentenceType: Readonly<Record<SentenceType, number>>;
  /** probability that a case has each need */
  readonly needProbability: number;
  /** probability that registration arrives late (under 12 weeks before release) */
  readonly lateRegistration: number;
  readonly releaseDateChange: Readonly<Record<'NONE' | 'EARLIER' | 'DEFERRED', number>>;
  readonly earlyEnd: Readonly<
    Record<
      'NONE' | 'RECALLED' | 'DECEASED' | 'WITHDRAWN' | 'TRANSFERRED_OUT' | 'RETURNED_ON_NEW_SENTENCE',
      number
    >
  >;
  /** staff response to a task prompt */
  readonly staffResponse: Readonly<Record<'ON_TIME' | 'LATE' | 'NEVER', number>>;
  /** per appointment */
  readonly attendance: Readonly<
    Record<
      'ATTENDED_COMPLIED' | 'ACCEPTABLE_ABSENCE' | 'UNACCEPTABLE_ABSENCE' | 'ATTENDED_FAILED_TO_COMPLY',
      number
    >
  >;
}

export const DEFAULT_MIX: CohortMix = {
  risk: { LOW: 30, MEDIUM: 45, HIGH: 20, VERY_HIGH: 5 },
  sentenceType: { LICENCE: 70, COMMUNITY_ORDER: 10, POST_SENTENCE_SUPERVISION: 20 },
  needProbability: 0.3,
  lateRegistration: 0.15,
  releaseDateChange: { NONE: 80, EARLIER: 8, DEFERRED: 12 },
  earlyEnd: {
    NONE: 88,
    RECALLED: 4,
    DECEASED: 1,
    WITHDRAWN: 3,
    TRANSFERRED_OUT: 3,
    RETURNED_ON_NEW_SENTENCE: 1,
  },
  staffResponse: { ON_TIME: 85, LATE: 12, NEVER: 3 },
  attendance: {
    ATTENDED_COMPLIED: 90,
    ACCEPTABLE_ABSENCE: 5,
    UNACCEPTABLE_ABSENCE: 4,
    ATTENDED_FAILED_TO_COMPLY: 1,
  },
};

export interface SyntheticStaff {
  readonly staffId: string;
  readonly name: string;
  readonly email: string;
  readonly mobile?: string;
  readonly role: StaffRole;
  readonly managerId?: string;
}

export interface SyntheticCase {
  /** simulator's own index, never sent anywhere */
  readonly index: number;
  readonly registration: {
    readonly crn: string;
    readonly nomsId: string;
    readonly prisonId: string;
    readonly sentenceType: SentenceType;
    readonly risk: RiskLevel;
    readonly mappaLevel: 0 | 1 | 2 | 3;
    readonly iom: boolean;
    readonly releaseDate: string;
    readonly responsibleOfficerId: string;
    /** the POM of the responsible officer's team */
    readonly prisonOffenderManagerId?: string;
    readonly personMobile?: string;
    readonly needs: SupportNeed[];
  };
  /** days before the release date that the case is registered */
  readonly registeredDaysBeforeRelease: number;
  readonly releaseDateChange: { readonly kind: 'NONE' | 'EARLIER' | 'DEFERRED'; readonly byDays: number };
  readonly earlyEnd: { readonly kind: keyof CohortMix['earlyEnd']; readonly daysAfterRelease: number };
}

const FIRST_NAMES = ['Arlo', 'Brisa', 'Corin', 'Delphi', 'Esko', 'Fenna', 'Galen', 'Hesper', 'Ilka', 'Joric'];
const LAST_NAMES = ['Ashcombe', 'Brindle', 'Coldharbour', 'Dunmere', 'Eastwold', 'Fallowby', 'Greythorn'];
const PRISONS = ['LEI', 'MDI', 'BWI', 'HMI', 'WDI', 'NMI', 'DMI', 'EXI'];
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function letter(random: Random): string {
  return LETTERS[random.int(0, LETTERS.length - 1)]!;
}

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(random.int(0, 9));
  return out;
}

/** Invented staff: per team one SPO (manager), COMs, POMs; one enforcement team member; one administrator. */
export function generateStaff(random: Random, teams: number): SyntheticStaff[] {
  const staff: SyntheticStaff[] = [];
  const person = (staffId: string, role: StaffRole, managerId?: string): SyntheticStaff => {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    return {
      staffId,
      name,
      email: `${staffId.toLowerCase()}@probation.example.org`,
      mobile: `+4477009${digits(random, 5)}`,
      role,
      ...(managerId ? { managerId } : {}),
    };
  };
  staff.push(person('HEAD-1', 'SPO'));
  staff.push(person('ADMIN-1', 'ADMIN'));
  staff.push(person('ENF-1', 'ENFORCEMENT', 'HEAD-1'));
  for (let team = 1; team <= teams; team++) {
    const spo = `SPO-${team}`;
    staff.push(person(spo, 'SPO', 'HEAD-1'));
    for (let i = 1; i <= 3; i++) staff.push(person(`COM-${team}-${i}`, 'COM', spo));
    staff.push(person(`POM-${team}`, 'POM', spo));
  }
  return staff;
}

/** A case's officers: the chosen responsible officer, and the POM of their team (drawn from no randomness). */
function officers(com: SyntheticStaff, staff: readonly SyntheticStaff[]) {
  const pom = staff.find((member) => member.role === 'POM' && member.managerId === com.managerId);
  return {
    responsibleOfficerId: com.staffId,
    ...(pom ? { prisonOffenderManagerId: pom.staffId } : {}),
  };
}

/**
 * `count` cases with release dates spread evenly at random over `spreadDays` after `startDate` (plus the
 * registration lead time, so every case registers on or after the start).
 */
export function generateCohort(
  random: Random,
  options: {
    count: number;
    startDate: string;
    spreadDays: number;
    staff: readonly SyntheticStaff[];
    mix?: CohortMix;
  },
): SyntheticCase[] {
  const mix = options.mix ?? DEFAULT_MIX;
  const coms = options.staff.filter((member) => member.role === 'COM');
  const start = Date.parse(`${options.startDate}T00:00:00Z`);
  const cases: SyntheticCase[] = [];
  const seenCrn = new Set<string>();
  for (let index = 0; index < options.count; index++) {
    const late = random.chance(mix.lateRegistration);
    const registeredDaysBeforeRelease = late ? random.int(10, 80) : random.int(85, 120);
    const releaseOffset = registeredDaysBeforeRelease + random.int(1, options.spreadDays);
    const releaseDate = new Date(start + releaseOffset * 86_400_000).toISOString().slice(0, 10);
    const risk = random.weighted(mix.risk);
    const sentenceType = random.weighted(mix.sentenceType);
    const mappaLevel = (risk === 'VERY_HIGH' ? random.int(2, 3) : risk === 'HIGH' ? random.int(0, 2) : 0) as
      | 0
      | 1
      | 2
      | 3;
    let crn = `${letter(random)}${digits(random, 6)}`;
    while (seenCrn.has(crn)) crn = `${letter(random)}${digits(random, 6)}`;
    seenCrn.add(crn);
    const changeKind = random.weighted(mix.releaseDateChange);
    const endKind = random.weighted(mix.earlyEnd);
    cases.push({
      index,
      registration: {
        crn,
        nomsId: `${letter(random)}${digits(random, 4)}${letter(random)}${letter(random)}`,
        prisonId: random.pick(PRISONS),
        sentenceType,
        risk,
        mappaLevel,
        iom: random.chance(0.15),
        releaseDate,
        ...officers(random.pick(coms), options.staff),
        ...(random.chance(0.6) ? { personMobile: `+4477009${digits(random, 5)}` } : {}),
        needs: SUPPORT_NEEDS.filter(() => random.chance(mix.needProbability)),
      },
      registeredDaysBeforeRelease,
      releaseDateChange: {
        kind: changeKind,
        byDays:
          changeKind === 'EARLIER' ? random.int(7, 21) : changeKind === 'DEFERRED' ? random.int(14, 42) : 0,
      },
      earlyEnd: { kind: endKind, daysAfterRelease: random.int(-30, 170) },
    });
  }
  return cases;
}
