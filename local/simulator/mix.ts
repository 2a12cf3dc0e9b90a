/**
 * The cohort mix from a JSON file (`--mix file.json`, any subset of `CohortMix`) and/or flags (`--risk
 * LOW=30,HIGH=20`, `--needs 0.4`, …), over the defaults. Every error names the field and why.
 */
import { readFileSync } from 'node:fs';
import { type CohortMix, DEFAULT_MIX } from './cohort.ts';

type WeightField = Exclude<keyof CohortMix, 'needProbability' | 'lateRegistration'>;
type ProbabilityField = 'needProbability' | 'lateRegistration';

const WEIGHT_FIELDS: readonly WeightField[] = [
  'risk',
  'sentenceType',
  'releaseDateChange',
  'earlyEnd',
  'staffResponse',
  'attendance',
];
const PROBABILITY_FIELDS: readonly ProbabilityField[] = ['needProbability', 'lateRegistration'];

/** command-line flag → mix field */
export const MIX_FLAGS: Readonly<Record<string, keyof CohortMix>> = {
  risk: 'risk',
  sentence: 'sentenceType',
  'release-change': 'releaseDateChange',
  'early-end': 'earlyEnd',
  staff: 'staffResponse',
  attendance: 'attendance',
  needs: 'needProbability',
  'late-registration': 'lateRegistration',
};

export class MixError extends Error {
  override readonly name = 'MixError';
}

function weights(field: WeightField, given: unknown, base: CohortMix): Record<string, number> {
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new MixError(`${field}: must be an object of weights, e.g. {"${Object.keys(base[field])[0]}": 10}`);
  const known = Object.keys(base[field]);
  const out: Record<string, number> = { ...base[field] };
  for (const [key, value] of Object.entries(given)) {
    if (!known.includes(key)) throw new MixError(`${field}.${key}: unknown; one of ${known.join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new MixError(`${field}.${key}: must be a number of 0 or more`);
    out[key] = value;
  }
  if (Object.values(out).reduce((sum, w) => sum + w, 0) <= 0)
    throw new MixError(`${field}: the weights must not all be 0`);
  return out;
}

function probability(field: ProbabilityField, given: unknown): number {
  if (typeof given !== 'number' || !Number.isFinite(given) || given < 0 || given > 1)
    throw new MixError(`${field}: must be a probability between 0 and 1`);
  return given;
}

/** `base` with the fields of `partial` applied (weights merge key by key). */
export function applyMix(partial: unknown, base: CohortMix = DEFAULT_MIX): CohortMix {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    throw new MixError('mix: must be a JSON object');
  const out: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(partial)) {
    if ((WEIGHT_FIELDS as readonly string[]).includes(field))
      out[field] = weights(field as WeightField, value, base);
    else if ((PROBABILITY_FIELDS as readonly string[]).includes(field))
      out[field] = probability(field as ProbabilityField, value);
    else
      throw new MixError(`${field}: unknown; one of ${[...WEIGHT_FIELDS, ...PROBABILITY_FIELDS].join(', ')}`);
  }
  return out as unknown as CohortMix;
}

/** A flag's value: `KEY=weight,KEY=weight` for weights, a number for probabilities. */
export function parseMixFlag(field: keyof CohortMix, text: string): Partial<CohortMix> {
  if ((PROBABILITY_FIELDS as readonly string[]).includes(field)) return { [field]: Number(text) };
  const entries = text.split(',').map((pair) => {
    const [key, value, ...rest] = pair.split('=');
    if (!key || value === undefined || rest.length > 0 || value.trim() === '')
      throw new MixError(`${field}: "${pair}" is not KEY=weight`);
    return [key.trim(), Number(value)] as const;
  });
  return { [field]: Object.fromEntries(entries) };
}

/** The mix from an optional JSON file, then the flags in turn. */
export function mixFrom(
  file: string | undefined,
  flags: Readonly<Record<string, string | undefined>>,
): CohortMix {
  let mix = DEFAULT_MIX;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new MixError(`--mix ${file}: ${(error as Error).message}`);
    }
    mix = applyMix(parsed, mix);
  }
  for (const [flag, field] of Object.entries(MIX_FLAGS)) {
    const value = flags[flag];
    if (value !== undefined) mix = applyMix(parseMixFlag(field, value), mix);
  }
  return mix;
}
