import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX } from '#local/simulator/cohort.ts';
import { applyMix, MixError, mixFrom, parseMixFlag } from '#local/simulator/mix.ts';

describe('cohort mix from a file and flags', () => {
  it('merges weights key by key over the defaults', () => {
    const mix = applyMix({ risk: { HIGH: 50 }, needProbability: 0.6 });
    expect(mix.risk).toEqual({ ...DEFAULT_MIX.risk, HIGH: 50 });
    expect(mix.needProbability).toBe(0.6);
    expect(mix.staffResponse).toEqual(DEFAULT_MIX.staffResponse);
  });

  it('reads KEY=weight lists and probabilities from flags', () => {
    expect(parseMixFlag('staffResponse', 'ON_TIME=50,NEVER=50')).toEqual({
      staffResponse: { ON_TIME: 50, NEVER: 50 },
    });
    expect(parseMixFlag('lateRegistration', '0.5')).toEqual({ lateRegistration: 0.5 });
  });

  it('applies the file first, then the flags', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mix-')), 'mix.json');
    writeFileSync(
      file,
      JSON.stringify({ sentenceType: { LICENCE: 1, COMMUNITY_ORDER: 0 }, needProbability: 0.1 }),
    );
    const mix = mixFrom(file, { needs: '0.9', risk: 'LOW=1,MEDIUM=0,HIGH=0,VERY_HIGH=0' });
    expect(mix.sentenceType).toEqual({ LICENCE: 1, COMMUNITY_ORDER: 0, POST_SENTENCE_SUPERVISION: 20 });
    expect(mix.needProbability).toBe(0.9);
    expect(mix.risk.LOW).toBe(1);
  });

  it('names the field and the reason for bad input', () => {
    expect(() => applyMix({ risk: { EXTREME: 3 } })).toThrow(/risk\.EXTREME: unknown; one of LOW/);
    expect(() => applyMix({ risk: { LOW: -1 } })).toThrow(/risk\.LOW: must be a number of 0 or more/);
    expect(() => applyMix({ risk: { LOW: 0, MEDIUM: 0, HIGH: 0, VERY_HIGH: 0 } })).toThrow(
      /must not all be 0/,
    );
    expect(() => applyMix({ needProbability: 2 })).toThrow(/needProbability: must be a probability/);
    expect(() => applyMix({ colour: 'red' })).toThrow(/colour: unknown/);
    expect(() => parseMixFlag('risk', 'LOW')).toThrow(MixError);
    expect(() => mixFrom('/nonexistent/mix.json', {})).toThrow(/--mix \/nonexistent\/mix.json/);
  });
});
