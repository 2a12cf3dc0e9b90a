/** Builders for journey tests. */
import type { CaseRegistration } from '#schemas/case-registration.ts';

export function aRegistration(overrides: Partial<CaseRegistration> = {}): CaseRegistration {
  return {
    crn: 'X123456',
    nomsId: 'A1234BC',
    prisonId: 'LEI',
    sentenceType: 'LICENCE',
    risk: 'MEDIUM',
    mappaLevel: 0,
    iom: false,
    releaseDate: '2026-04-27',
    responsibleOfficerId: 'com-1',
    ...overrides,
  };
}

/** Counts `kind channel role` triples, e.g. `PROMPT EMAIL COM`. */
export function tally(
  records: readonly { kind: string; channel: string; recipientRole?: string }[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const key = `${r.kind} ${r.channel} ${r.recipientRole ?? '?'}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
