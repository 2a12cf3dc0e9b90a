/**
 * Crash recovery and retention, which the port alone cannot set up: the shared TableRepository logic over the
 * memory store, with items written straight into the store to stand for a crash between two writes.
 */
import { describe, expect, it } from 'vitest';
import { MemoryItemStore, MemoryRepository } from '#adapters/memory-repository.ts';
import { CrnConflict } from '#adapters/repository.ts';
import { caseKey, crnClaimKey } from '#adapters/repository-keys.ts';
import { aNewCase, anAudit, anOutboxRecord } from '#tests/support/repository-builders.ts';

const NOW = '2025-12-01T09:00:00.000Z';

describe('CRN claim recovery', () => {
  it('takes over a claim whose case was never written, once the claim is older than the orphan window', async () => {
    const store = new MemoryItemStore();
    const repo = new MemoryRepository({ orphanClaimSeconds: 60 }, store);
    await store.put({
      ...crnClaimKey('X123456'),
      entity: 'CRN_CLAIM',
      crn: 'X123456',
      caseId: 'lost',
      claimedAt: NOW,
    });

    await expect(
      repo.createCase(aNewCase({ caseId: 'case-2' }), '2025-12-01T09:00:30.000Z'),
    ).rejects.toMatchObject({
      name: 'CrnConflict',
      existingCaseId: 'lost',
    });
    const created = await repo.createCase(aNewCase({ caseId: 'case-2' }), '2025-12-01T09:01:00.000Z');
    expect(created.created).toBe(true);
    expect((await repo.getCaseByCrn('X123456'))?.caseId).toBe('case-2');
  });

  it('takes over a claim still held by a closed case (a close that crashed before freeing the CRN)', async () => {
    const store = new MemoryItemStore();
    const repo = new MemoryRepository({}, store);
    await repo.createCase(aNewCase(), NOW);
    await repo.closeCase('case-1', { outcome: 'WITHDRAWN', now: NOW });
    await store.put({
      ...crnClaimKey('X123456'),
      entity: 'CRN_CLAIM',
      crn: 'X123456',
      caseId: 'case-1',
      claimedAt: NOW,
    });

    expect((await repo.createCase(aNewCase({ caseId: 'case-2' }), NOW)).created).toBe(true);
  });

  it('never takes over a claim held by an open case, however old', async () => {
    const repo = new MemoryRepository({ orphanClaimSeconds: 1 });
    await repo.createCase(aNewCase(), NOW);
    await expect(
      repo.createCase(aNewCase({ caseId: 'case-2' }), '2027-01-01T00:00:00.000Z'),
    ).rejects.toBeInstanceOf(CrnConflict);
  });

  it('completes a create retried after a crash between the claim and the case write', async () => {
    const store = new MemoryItemStore();
    const repo = new MemoryRepository({}, store);
    await store.put({
      ...crnClaimKey('X123456'),
      entity: 'CRN_CLAIM',
      crn: 'X123456',
      caseId: 'case-1',
      claimedAt: NOW,
    });
    expect(await store.get(caseKey('case-1'))).toBeUndefined();
    expect((await repo.createCase(aNewCase(), NOW)).created).toBe(true);
  });
});

describe('retention', () => {
  it('sets the TTL attribute on outbox and audit records only when a retention is configured', async () => {
    const kept = new MemoryRepository();
    await kept.claimOutbox(anOutboxRecord());
    expect(kept.memory.dump()[0]).not.toHaveProperty('expiresAt');

    const store = new MemoryItemStore();
    const expiring = new MemoryRepository({ outboxRetentionDays: 30, auditRetentionDays: 365 }, store);
    await expiring.claimOutbox(anOutboxRecord({ createdAt: '2025-12-01T00:00:00Z' }));
    await expiring.putAudit(anAudit({ at: '2025-12-01T00:00:00Z' }));
    const expiry = (entity: string) => store.dump().find((item) => item.entity === entity)?.expiresAt;
    expect(expiry('OUTBOX')).toBe(Date.parse('2025-12-31T00:00:00Z') / 1000);
    expect(expiry('AUDIT')).toBe(Date.parse('2026-12-01T00:00:00Z') / 1000);
    expect(await expiring.getOutbox(anOutboxRecord().key)).not.toHaveProperty('expiresAt');
  });

  it('keeps a link use until a day after the link itself expires', async () => {
    const store = new MemoryItemStore();
    const repo = new MemoryRepository({}, store);
    await repo.useLink('link-1', NOW, { linkExpiresAt: '2025-12-08T09:00:00.000Z' });
    expect(store.dump()[0]?.expiresAt).toBe(Date.parse('2025-12-09T09:00:00.000Z') / 1000);
  });
});
