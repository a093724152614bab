import { describe, expect, it } from 'vitest';
import {
  acceptanceReport,
  autocorrTime,
  burnAndThin,
  combineWalkers,
  convergenceCheck,
  ensembleDiagnostics,
  type EnsembleChain,
} from '../../src/diagnostics/index.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { splitRhat } from '../../src/diagnostics/rankRhat.js';

/** W walkers of AR(1) x_i = a x_{i−1} + N(0,1) noise (true τ = (1+a)/(1−a)), plus an offset. */
function ar1Ensemble(seed: number, nsteps: number, nwalkers: number, a: number, offset = 0): EnsembleChain {
  const rng = new NumpyRandomState(seed);
  const chain = new Float64Array(nsteps * nwalkers);
  const sd = 1 / Math.sqrt(1 - a * a);
  for (let k = 0; k < nwalkers; k++) chain[k] = offset + sd * rng.standardNormal();
  for (let s = 1; s < nsteps; s++) {
    for (let k = 0; k < nwalkers; k++) chain[s * nwalkers + k] = offset + a * (chain[(s - 1) * nwalkers + k] - offset) + rng.standardNormal();
  }
  return { chain, nsteps, nwalkers, ndim: 1 };
}

describe('convergenceCheck (emcee monitor rule)', () => {
  it('converges only when N > factor·τ and |Δτ|/τ < relTol for every parameter', () => {
    expect(convergenceCheck([Float64Array.of(20.5, 10), Float64Array.of(20.4, 10.05)], 5000).converged).toBe(true);
    // N/τ = 4000/100 = 40 < 50
    const short = convergenceCheck([Float64Array.of(100), Float64Array.of(100)], 4000);
    expect(short.converged).toBe(false);
    expect(short.reasons[0]).toMatch(/N\/tau = 40\.0/);
    // τ moved by 2 %
    const moving = convergenceCheck([Float64Array.of(10), Float64Array.of(10.2)], 5000, { factor: 50, relTol: 0.01 });
    expect(moving.converged).toBe(false);
    expect(moving.relChange[0]).toBeCloseTo(0.2 / 10.2, 14);
    // one check cannot show stability
    expect(convergenceCheck([Float64Array.of(1)], 1e6).converged).toBe(false);
    expect(convergenceCheck([Float64Array.of(NaN), Float64Array.of(NaN)], 1e6).converged).toBe(false);
  });

  it('burnAndThin(tau) = {⌈2 max τ⌉, ⌊½ min τ⌋} (emcee tutorial rule)', () => {
    expect(burnAndThin(Float64Array.of(32, 31))).toEqual({ burn: 64, thin: 15 });
    expect(burnAndThin(Float64Array.of(0.96, 0.99))).toEqual({ burn: 2, thin: 1 });
  });
});

describe('acceptanceReport', () => {
  it('flags walkers below 0.2 × median or below 1 % (documented thresholds)', () => {
    const r = acceptanceReport([300, 310, 320, 50, 5], 1000);
    expect(Array.from(r.fractions)).toEqual([0.3, 0.31, 0.32, 0.05, 0.005]);
    expect(r.median).toBe(0.3);
    expect(r.mean).toBeCloseTo(0.197, 12);
    expect(r.stuck).toEqual([3, 4]); // 0.05 < 0.06 and 0.005 < 0.01
    expect(r.warnings.join('\n')).toMatch(/2 of 5 walkers look stuck/);
    expect(acceptanceReport([300, 320], 1000).warnings).toEqual([]);
  });
});

describe('ensembleDiagnostics (across independent ensembles only)', () => {
  const nsteps = 2000;
  const w = 16;

  it('one ensemble: refuses R-hat and gives ESS = N·W/τ (emcee docs)', () => {
    const e = ar1Ensemble(1, nsteps, w, 0.8);
    const out = ensembleDiagnostics([e], 200, 1);
    const tau = autocorrTime(e.chain, nsteps, w, 1, { discard: 200, tol: 0 })[0];
    expect(out.parameters[0].rhat).toBeNull();
    expect(out.notes[0]).toMatch(/at least two independent ensembles/);
    expect(out.parameters[0].essTau).toBeCloseTo((1800 * w) / tau, 9);
    // true τ = 9; seeded estimate within 20 % (emcee's own test bound)
    expect(Math.abs(tau - 9) / 9).toBeLessThan(0.2);
    expect(out.parameters[0].tooShort).toEqual([false]);
  });

  it('thinning: essTau uses τ in thinned steps and never exceeds the kept draws', () => {
    const e = ar1Ensemble(2, nsteps, w, 0.8);
    const out = ensembleDiagnostics([e], 0, 20);
    expect(out.keptSteps).toEqual([100]);
    expect(out.parameters[0].essTau).toBeLessThanOrEqual(100 * w);
  });

  it('flatten (the default) lays the walkers of each step side by side, step after step (emcee get_chain(flat=True) order)', () => {
    const e: EnsembleChain = { chain: Float64Array.from({ length: 3 * 2 * 2 }, (_, i) => i), nsteps: 3, nwalkers: 2, ndim: 2 };
    // chain[(s·W + k)·D + d]: parameter 1 of steps 1 and 2
    expect(Array.from(combineWalkers(e, [1, 2], 1, 'flatten'))).toEqual([5, 7, 9, 11]);
    expect(Array.from(combineWalkers(e, [1, 2], 1, 'walkerMean'))).toEqual([6, 10]);
    expect(Array.from(combineWalkers(e, [1, 2], 1, 'concatenate'))).toEqual([5, 9, 7, 11]);
  });

  it('flatten against walkerMean: the chain means are the same, so R̂² − (n−1)/n differs by the number of walkers W for independent walkers (exact split-R̂ algebra)', () => {
    // split R̂² = (n−1)/n + B/(n·W_within) with B/n = Var(chain means): identical chain means, and
    // within-chain variances σ² (flatten, n = W·steps) against ≈ σ²/W (walker means, n = steps)
    // give a ratio of W·Var_within(walker mean)·W/σ² ≈ W; the spread of the ratio comes from the
    // within-chain variance estimates alone (relative sd ≈ √(2τ/n) per split chain ≈ 0.14 here,
    // averaged over 4 chains: ≈ 0.07), so [0.75 W, 1.33 W] is a ±4 sd band.
    for (const seed of [21, 23, 25]) {
      const a = ar1Ensemble(seed, nsteps, w, 0.8);
      const b = ar1Ensemble(seed + 1, nsteps, w, 0.8);
      const rows = Array.from({ length: nsteps - 200 }, (_, i) => 200 + i);
      const excess = (combine: 'flatten' | 'walkerMean'): number => {
        const chains = [a, b].map((e) => combineWalkers(e, rows, 0, combine));
        const n = Math.floor(chains[0]!.length / 2);
        return splitRhat(chains) ** 2 - (n - 1) / n;
      };
      const ratio = excess('walkerMean') / excess('flatten');
      expect(ratio, `seed ${seed}`).toBeGreaterThan(0.75 * w);
      expect(ratio, `seed ${seed}`).toBeLessThan(1.33 * w);
    }
  });

  it('flatten keeps time order: a drift of 0.5 sd between the halves of one ensemble gives R̂ > 1.01, the same ensembles without it < 1.005', () => {
    const sd = 1 / Math.sqrt(1 - 0.64);
    const a = ar1Ensemble(31, nsteps, w, 0.8);
    const b = ar1Ensemble(32, nsteps, w, 0.8);
    const drifted: EnsembleChain = { ...b, chain: Float64Array.from(b.chain, (x, i) => (i >= (nsteps / 2) * w ? x + 0.5 * sd : x)) };
    expect(ensembleDiagnostics([a, b], 200, 1).parameters[0].rhat!).toBeLessThan(1.005);
    expect(ensembleDiagnostics([a, drifted], 200, 1).parameters[0].rhat!).toBeGreaterThan(1.01);
  });

  it('rhatOnly gives the same R̂ without computing τ', () => {
    const a = ar1Ensemble(41, nsteps, w, 0.8);
    const b = ar1Ensemble(42, nsteps, w, 0.8);
    const full = ensembleDiagnostics([a, b], 200, 3);
    const only = ensembleDiagnostics([a, b], 200, 3, { rhatOnly: true });
    expect(only.parameters[0].rhat).toBe(full.parameters[0].rhat);
    expect(Number.isNaN(only.parameters[0].tau[0]!)).toBe(true);
  });

  for (const combine of ['flatten', 'walkerMean', 'concatenate'] as const) {
    it(`${combine}: R-hat < 1.01 for two ensembles of the same target, > 1.1 when one is offset by 1 sd`, () => {
      const a = ar1Ensemble(3, nsteps, w, 0.8);
      const b = ar1Ensemble(4, nsteps, w, 0.8);
      const same = ensembleDiagnostics([a, b], 200, 1, { combine });
      expect(same.parameters[0].rhat!).toBeLessThan(1.01);
      expect(same.parameters[0].tau.length).toBe(2);
      const shifted = ensembleDiagnostics([a, ar1Ensemble(4, nsteps, w, 0.8, 1 / Math.sqrt(1 - 0.64))], 200, 1, { combine });
      expect(shifted.parameters[0].rhat!).toBeGreaterThan(1.1);
    });
  }

  it('rejects mismatched shapes and over-long discards with a message naming the ensemble', () => {
    const e = ar1Ensemble(1, 100, 4, 0.5);
    expect(() => ensembleDiagnostics([e, { ...e, ndim: 2 }], 0, 1)).toThrow(/ensemble 1 has ndim 2/);
    expect(() => ensembleDiagnostics([e], 98, 1)).toThrow(/ensemble 0 keeps 2 steps/);
  });
});
