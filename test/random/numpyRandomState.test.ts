// Reference: numpy 1.24 RandomState draws recorded by test/fixtures/emcee/make_golden.py; exact equality.
import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { DefaultRng } from '../../src/random/defaultRng.js';
import { makeMt19937, mt19937FromState } from '../../src/numerics/stdlib.js';
import { makeRng, rngFromState } from '../../src/random/makeRng.js';
import { f64, golden } from '../sampler/goldenFixture.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON of mixed shapes
const R = golden.rng as Record<string, any>;

describe('NumpyRandomState reproduces numpy RandomState (legacy) bit for bit', () => {
  it('uint32 stream, seed 42 (numpy randint(0, 2**32, dtype=uint64))', () => {
    const r = new NumpyRandomState(42);
    expect(Array.from({ length: 5 }, () => r.uint32())).toEqual(R.uint32_seed42);
  });
  it('random_sample, seeds 42 and 0 (seed 0 is built by hand: @stdlib refuses it)', () => {
    const r = new NumpyRandomState(42);
    expect(Array.from({ length: 5 }, () => r.randomSample())).toEqual(Array.from(f64(R.random_sample_seed42)));
    const r0 = new NumpyRandomState(0);
    expect(Array.from({ length: 3 }, () => r0.randomSample())).toEqual(Array.from(f64(R.random_sample_seed0)));
  });
  it('randint(n) masked rejection incl. n = 1 (no draw) and n > 2^31', () => {
    const r = new NumpyRandomState(42);
    for (const [n, vals] of Object.entries(R.randint_seed42 as Record<string, number[]>)) {
      expect(Array.from({ length: 6 }, () => r.randint(Number(n))), `n=${n}`).toEqual(vals);
    }
  });
  it('shuffle(arange(10)), seed 42', () => {
    const r = new NumpyRandomState(42);
    const a = Array.from({ length: 10 }, (_, i) => i);
    r.shuffle(a);
    expect(a).toEqual(R.shuffle_seed42);
  });
  it('randn: 5001 legacy polar normals (cached second value) with a correctly rounded log, seed 7, exact', () => {
    const r = new NumpyRandomState(7);
    const want = f64(R.randn_seed7_crlog);
    const got = Float64Array.from({ length: want.length }, () => r.standardNormal());
    let mismatches = 0;
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) mismatches++;
    expect(mismatches).toBe(0);
  });
  it("randn vs numpy's own normals: glibc log misrounds ~0.08 % of arguments, so a few draws differ by ≤ 2 ulp", () => {
    // Source: make_golden.py stores numpy RandomState(7).randn(5001) as produced (glibc log).
    const r = new NumpyRandomState(7);
    const want = f64(R.randn_seed7);
    let differ = 0;
    for (let i = 0; i < want.length; i++) {
      const g = r.standardNormal();
      if (g !== want[i]) {
        differ++;
        expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(want[i]!));
      }
    }
    // 2500 log calls × 0.08 % ≈ 2 misrounded pairs (4 draws); bound generously but not vacuously
    expect(differ).toBeLessThan(40);
  });
  it('uniform(-2.5, 4), seed 3', () => {
    const r = new NumpyRandomState(3);
    expect(Array.from({ length: 7 }, () => r.uniform(-2.5, 4.0))).toEqual(Array.from(f64(R.uniform_seed3)));
  });
  it('choice(4, p) = searchsorted(cumsum(p)/sum, u, right), seed 5', () => {
    const r = new NumpyRandomState(5);
    const p = R.choice_seed5.p as number[];
    const cdf: number[] = [];
    let acc = 0;
    for (const v of p) cdf.push((acc += v));
    const c = cdf.map((v) => v / cdf[cdf.length - 1]!);
    expect(Array.from({ length: 50 }, () => r.choiceCdf(c))).toEqual(R.choice_seed5.idx);
  });
  it('own mt19937 recurrence equals @stdlib mt19937 (reference implementation) over 5 twists, and saved states are @stdlib states', () => {
    const r = new NumpyRandomState(123);
    const ref = makeMt19937(123);
    for (let k = 0; k < 5 * 624 + 17; k++) expect(r.uint32()).toBe(ref());
    expect(r.getState().mt).toEqual(Array.from(ref.state)); // same layout, words, position and seed section
    const back = mt19937FromState(r.getState().mt); // accepted by @stdlib, continues the same stream
    for (let k = 0; k < 700; k++) expect(back()).toBe(r.uint32());
  });
  it('state includes the cached gauss and the mt position; restore continues exactly', () => {
    const r = new NumpyRandomState(11);
    for (let i = 0; i < 3; i++) r.standardNormal();
    const st = r.getState();
    const ref = R.state_after_3_randn_seed11;
    expect(st.hasGauss).toBe(ref.has_gauss === 1);
    expect(st.gauss).toBe(f64(ref.gauss)[0]);
    expect(st.mt[624 + 4]).toBe(ref.pos); // @stdlib layout: index word after the 624-word state
    const r2 = rngFromState(JSON.parse(JSON.stringify(st)));
    expect(Array.from({ length: 4 }, () => r2.standardNormal())).toEqual(Array.from(f64(ref.next)));
  });
});

describe('DefaultRng (mt19937 + @stdlib improved ziggurat on one shared state)', () => {
  it('uniforms and integers equal the emcee stream; state round trip is exact', () => {
    const a = makeRng('default', 99);
    const b = makeRng('emcee', 99);
    for (let i = 0; i < 100; i++) expect(a.randint(37)).toBe(b.randint(37));
    for (let i = 0; i < 100; i++) a.standardNormal();
    const st = a.getState();
    expect(st.kind).toBe('default');
    const c = rngFromState(JSON.parse(JSON.stringify(st)));
    const xs = Array.from({ length: 50 }, () => [a.standardNormal(), a.randomSample()]);
    const ys = Array.from({ length: 50 }, () => [c.standardNormal(), c.randomSample()]);
    expect(ys).toEqual(xs);
    expect(c).toBeInstanceOf(DefaultRng);
  });
  it('normals interleave with uniforms on ONE stream (a normal advances the uniform stream)', () => {
    const a = makeRng('default', 5);
    const b = makeRng('default', 5);
    a.standardNormal();
    expect(a.randomSample()).not.toBe(b.randomSample());
  });
});
