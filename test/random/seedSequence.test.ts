import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensembleRng, ensembleStreamDerivation, seedSequenceWords } from '../../src/random/seedSequence.js';
import { makeRng } from '../../src/random/makeRng.js';

interface Case {
  seed: number;
  ensemble: number;
  words: number[];
  random_sample: number[];
  randn: number[];
}
// Fixture: numpy 1.24.2 SeedSequence / RandomState(MT19937(SeedSequence(seed, spawn_key=(k,))))
// (generator: test/fixtures/seedsequence/make_seedsequence.py). Exact equality: the words are
// integers and the draws are the same IEEE operations on the same mt19937 words.
const fx = JSON.parse(readFileSync(new URL('../fixtures/seedsequence/seedsequence.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  plain: Array<{ seed: number; words: number[] }>;
};

describe('seed sequence (numpy SeedSequence spawn)', () => {
  it('seedSequenceWords equals numpy generate_state for plain seeds, including a seed above 2^32 (exact)', () => {
    for (const p of fx.plain) expect(Array.from(seedSequenceWords(p.seed, [], p.words.length))).toEqual(p.words);
  });

  for (const c of fx.cases) {
    it(`ensemble ${c.ensemble} of seed ${c.seed}: words and first draws equal numpy's (exact)`, () => {
      expect(Array.from(seedSequenceWords(c.seed, [c.ensemble], c.words.length))).toEqual(c.words);
      const r = ensembleRng('emcee', c.seed, c.ensemble);
      expect(c.random_sample.map(() => r.randomSample())).toEqual(c.random_sample);
      expect(c.randn.map(() => r.standardNormal())).toEqual(c.randn);
    });
  }

  it('ensemble 0 is RandomState(seed) itself, so single-ensemble runs stay emcee-identical', () => {
    const a = ensembleRng('emcee', 20240916, 0);
    const b = makeRng('emcee', 20240916);
    for (let i = 0; i < 100; i++) expect(a.uint32()).toBe(b.uint32());
    expect(ensembleStreamDerivation(7, 0)).toBe('numpy RandomState(7)');
  });

  it('no two (seed, ensemble) pairs of seeds 0..63 × ensembles 0..7 share a stream (first 4 words differ)', () => {
    const seen = new Map<string, string>();
    for (let s = 0; s < 64; s++) {
      for (let k = 0; k < 8; k++) {
        const r = ensembleRng('emcee', s, k);
        const key = [r.uint32(), r.uint32(), r.uint32(), r.uint32()].join(',');
        expect(seen.get(key), `(${s}, ${k}) repeats ${seen.get(key)}`).toBeUndefined();
        seen.set(key, `(${s}, ${k})`);
      }
    }
    // the old rule (seed + k) made (1, 1) and (2, 0) identical; now they differ
    expect(ensembleRng('emcee', 1, 1).uint32()).not.toBe(ensembleRng('emcee', 2, 0).uint32());
  });

  it('the largest seed 2^32 − 1 has ensembles without overflow', () => {
    expect(() => ensembleRng('emcee', 0xffffffff, 99)).not.toThrow();
    expect(() => ensembleRng('default', 0xffffffff, 3).randomSample()).not.toThrow();
  });
});
