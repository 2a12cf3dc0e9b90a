/**
 * Cases and their CRN claims: one open journey per CRN, optimistic locking on `version`, the officer caseload
 * (GSI1, open cases only) and the CRN history (GSI2). docs/data-model.md has the keys and conditions.
 */
import type { Case, CasePatch, NewCase } from '#domain/entities.ts';
import { type Condition, type Item, withoutUndefined } from '../item-store.ts';
import {
  CaseClosed,
  CaseIdConflict,
  CaseNotFound,
  type CloseCaseInput,
  type CreateResult,
  CrnConflict,
  InvalidRepositoryArgument,
  StaleVersion,
} from '../repository.ts';
import {
  caseKey,
  caseloadSortKey,
  crnClaimKey,
  crnHistoryPartition,
  crnHistorySortKey,
  GSI1,
  GSI2,
  officerCaseloadPartition,
  requireDay,
  requireId,
  timeKey,
} from '../repository-keys.ts';
import { exists, itemOf, notExists, type Table, toRecord } from './records.ts';

const PATCHABLE = new Set<string>([
  'nomsId',
  'prisonId',
  'sentenceType',
  'risk',
  'mappaLevel',
  'iom',
  'releaseDate',
  'responsibleOfficerId',
  'personMobile',
  'phase',
  'pathways',
  'needs',
  'warnings',
  'breaches',
  'journeyStartScheduleName',
]);
const REMOVABLE = new Set<string>(['personMobile', 'journeyStartScheduleName']);
const DEFAULT_ORPHAN_CLAIM_SECONDS = 300;

export async function createCase(table: Table, input: NewCase, now: string): Promise<CreateResult<Case>> {
  requireId(input.caseId, 'caseId');
  requireId(input.crn, 'crn');
  requireId(input.responsibleOfficerId, 'responsibleOfficerId');
  requireDay(input.releaseDate, 'releaseDate');
  timeKey(now, 'now');
  if (input.phase === 'CLOSED') throw new InvalidRepositoryArgument('phase', 'a new case cannot be CLOSED');

  await claimCrn(table, input.crn, input.caseId, now);
  const record: Case = { ...input, version: 1, createdAt: now, updatedAt: now };
  const written = await table.store.put(caseItem(record), notExists);
  if (written.ok) return { created: true, record };

  const existing = written.existing ? toRecord<Case>(written.existing) : undefined;
  if (!existing) throw new Error(`case ${input.caseId} refused but not found`);
  if (existing.crn !== input.crn || existing.phase === 'CLOSED') {
    // our claim points at a case that does not (or no longer) hold this CRN: give it back
    await table.store.delete(crnClaimKey(input.crn), { equals: ['caseId', input.caseId] });
    if (existing.crn !== input.crn) throw new CaseIdConflict(input.caseId);
  }
  return { created: false, record: existing };
}

/** One open journey per CRN: a claim item, taken over only from a closed case or a stale orphan. */
async function claimCrn(table: Table, crn: string, caseId: string, now: string): Promise<void> {
  const { store, options } = table;
  const claim = () => itemOf(crnClaimKey(crn), 'CRN_CLAIM', { crn, caseId, claimedAt: now });
  const claimable: Condition = { or: [notExists, { equals: ['caseId', caseId] }] };
  let written = await store.put(claim(), claimable);
  for (let attempt = 0; !written.ok && attempt < 3; attempt++) {
    const holder = written.existing;
    if (!holder) {
      written = await store.put(claim(), claimable);
      continue;
    }
    const held = await store.get(caseKey(holder.caseId));
    const orphanSeconds = options.orphanClaimSeconds ?? DEFAULT_ORPHAN_CLAIM_SECONDS;
    const stale = Date.parse(timeKey(now, 'now')) - Date.parse(timeKey(holder.claimedAt, 'claimedAt'));
    const free = held ? held.phase === 'CLOSED' : stale >= orphanSeconds * 1000;
    if (!free) throw new CrnConflict(crn, holder.caseId);
    written = await store.put(claim(), {
      and: [{ equals: ['caseId', holder.caseId] }, { equals: ['claimedAt', holder.claimedAt] }],
    });
  }
  if (!written.ok) throw new CrnConflict(crn, written.existing?.caseId ?? 'unknown');
}

function caseItem(record: Case): Item {
  const open = record.phase !== 'CLOSED';
  return itemOf(caseKey(record.caseId), 'CASE', record, {
    gsi1pk: open ? officerCaseloadPartition(record.responsibleOfficerId) : undefined,
    gsi1sk: open ? caseloadSortKey(record.releaseDate, record.caseId) : undefined,
    gsi2pk: crnHistoryPartition(record.crn),
    gsi2sk: crnHistorySortKey(record.createdAt, record.caseId),
  });
}

export async function getCase(table: Table, caseId: string): Promise<Case | undefined> {
  const item = await table.store.get(caseKey(requireId(caseId, 'caseId')));
  return item ? toRecord<Case>(item) : undefined;
}

export async function getCaseByCrn(table: Table, crn: string): Promise<Case | undefined> {
  const claim = await table.store.get(crnClaimKey(requireId(crn, 'crn')));
  if (!claim) return undefined;
  const found = await getCase(table, claim.caseId);
  return found && found.phase !== 'CLOSED' ? found : undefined;
}

export async function listCasesByCrn(table: Table, crn: string): Promise<Case[]> {
  const partition = crnHistoryPartition(requireId(crn, 'crn'));
  const items = await table.store.query({ index: GSI2, partition });
  return items.map((item) => toRecord<Case>(item));
}

export async function listOpenCasesByOfficer(table: Table, staffId: string): Promise<Case[]> {
  const partition = officerCaseloadPartition(requireId(staffId, 'staffId'));
  const items = await table.store.query({ index: GSI1, partition, beginsWith: 'CASE#' });
  return items.map((item) => toRecord<Case>(item));
}

export async function updateCase(
  table: Table,
  caseId: string,
  expectedVersion: number,
  patch: CasePatch,
  now: string,
): Promise<Case> {
  requireId(caseId, 'caseId');
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new InvalidRepositoryArgument('expectedVersion', 'must be a positive integer');
  }
  timeKey(now, 'now');
  const set: Item = { version: expectedVersion + 1, updatedAt: now };
  const remove: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (!PATCHABLE.has(field)) throw new InvalidRepositoryArgument(field, 'cannot be changed by updateCase');
    if (value === undefined) {
      if (!REMOVABLE.has(field)) throw new InvalidRepositoryArgument(field, 'is required');
      remove.push(field);
    } else {
      set[field] = withoutUndefined(value);
    }
  }
  if (patch.phase === 'CLOSED') throw new InvalidRepositoryArgument('phase', 'close a case with closeCase');
  if (patch.releaseDate !== undefined) {
    set.gsi1sk = caseloadSortKey(requireDay(patch.releaseDate, 'releaseDate'), caseId);
  }
  if (patch.responsibleOfficerId !== undefined) {
    set.gsi1pk = officerCaseloadPartition(requireId(patch.responsibleOfficerId, 'responsibleOfficerId'));
  }
  const written = await table.store.update(caseKey(caseId), remove.length ? { set, remove } : { set }, {
    and: [{ equals: ['version', expectedVersion] }, { notEquals: ['phase', 'CLOSED'] }],
  });
  if (written.ok) return toRecord<Case>(written.item);
  const existing = written.existing;
  if (!existing) throw new CaseNotFound(caseId);
  if (existing.phase === 'CLOSED') throw new CaseClosed(caseId, existing.outcome);
  throw new StaleVersion(caseId, expectedVersion, existing.version);
}

export async function closeCase(table: Table, caseId: string, input: CloseCaseInput): Promise<Case> {
  requireId(caseId, 'caseId');
  timeKey(input.now, 'now');
  const conditions: Condition[] = [exists, { notEquals: ['phase', 'CLOSED'] }];
  if (input.expectedVersion !== undefined) conditions.push({ equals: ['version', input.expectedVersion] });
  const written = await table.store.update(
    caseKey(caseId),
    {
      set: { phase: 'CLOSED', outcome: input.outcome, closedAt: input.now, updatedAt: input.now },
      add: { version: 1 },
      remove: ['gsi1pk', 'gsi1sk'],
    },
    { and: conditions },
  );
  let closed: Case;
  if (written.ok) {
    closed = toRecord<Case>(written.item);
  } else {
    const existing = written.existing ? toRecord<Case>(written.existing) : undefined;
    if (!existing) throw new CaseNotFound(caseId);
    if (existing.phase !== 'CLOSED') {
      throw new StaleVersion(caseId, input.expectedVersion ?? existing.version, existing.version);
    }
    if (existing.outcome !== input.outcome) throw new CaseClosed(caseId, existing.outcome);
    closed = existing; // the same close again: make sure the CRN is free, as a crashed first attempt may not have
  }
  await table.store.delete(crnClaimKey(closed.crn), { equals: ['caseId', caseId] });
  return closed;
}
