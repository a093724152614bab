import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autocorrTime, IncrementalAutocorr } from '../../src/diagnostics/index.js';
import { ar1Chain, randnArray } from './fixtureChains.js';

interface Case {
  name: string;
  recipe: { kind: 'ar1' | 'randn'; seed: number; k: number; a?: number[] };
  nsteps: number;
  nwalkers: number;
  ndim: number;
  discard: number;
  thin: number;
  tau: number[];
}
// Fixture: emcee 3.1.4 integrated_time on seeded chains (generator: test/fixtures/autocorr/make_autocorr.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/autocorr/autocorr.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** AR(1) walkers x_i = μ + a (x_{i−1} − μ) + N(0,1) per parameter, with a large offset μ (tests the shift). */
function offsetAr1(n: number, W: number, a: readonly number[], mu: number): Float64Array {
  const D = a.length;
  const out = new Float64Array(n * W * D);
  const z = randnArray(11, n * W * D);
  for (let w = 0; w < W; w++) {
    for (let d = 0; d < D; d++) {
      let x = mu + 3;
      for (let i = 0; i < n; i++) {
        x = mu + a[d]! * (x - mu) + z[(i * W + w) * D + d]!;
        out[(i * W + w) * D + d] = x;
      }
    }
  }
  return out;
}

describe('IncrementalAutocorr (emcee integrated_time, updated block by block)', () => {
  for (const c of fixture.cases.filter((k) => k.discard === 0 && k.thin === 1)) {
    it(`matches emcee 3.1.4 on ${c.name} to 1e-10 relative, updated in blocks of 997 steps`, () => {
      const chain = c.recipe.kind === 'ar1' ? ar1Chain(c.recipe.seed, c.nsteps, c.recipe.k, c.recipe.a ?? [0.9]) : randnArray(c.recipe.seed, c.nsteps * c.recipe.k);
      const inc = new IncrementalAutocorr(c.nwalkers, c.ndim, { block: 997 });
      let tau: Float64Array;
      for (let n = Math.min(997, c.nsteps); ; n = Math.min(n + 997, c.nsteps)) {
        tau = inc.update(chain, n);
        if (n === c.nsteps) break;
      }
      for (let d = 0; d < c.ndim; d++) expect(Math.abs(tau[d]! - c.tau[d]!) / c.tau[d]!).toBeLessThan(1e-10);
    });
  }

  it('equals autocorrTime at every check of a 250-step schedule (1e-10 relative; mean 1e4 ≫ sd, window growing past the kept lags)', () => {
    const W = 16;
    const n = 6000;
    const chain = offsetAr1(n, W, [0.98, 0.6, 0.9], 1e4);
    const inc = new IncrementalAutocorr(W, 3, { block: 250 });
    const lag0 = inc.maxLag;
    for (let k = 250; k <= n; k += 250) {
      const a = inc.update(chain, k);
      const b = autocorrTime(chain.subarray(0, k * W * 3), k, W, 3, { tol: 0, quiet: true });
      for (let d = 0; d < 3; d++) expect(Math.abs(a[d]! - b[d]!) / b[d]!, `n = ${k}, d = ${d}`).toBeLessThan(1e-10);
    }
    expect(inc.maxLag).toBeGreaterThan(lag0); // τ ≈ 99 needs a window beyond the first lag range
  });

  it('short chains (all lags kept, no window found) give emcee’s last-index estimate (1e-10)', () => {
    const chain = offsetAr1(40, 4, [0.99], 0);
    const inc = new IncrementalAutocorr(4, 1, { block: 10 });
    for (const k of [3, 10, 20, 40]) {
      const a = inc.update(chain, k)[0]!;
      const b = autocorrTime(chain.subarray(0, k * 4), k, 4, 1, { tol: 0, quiet: true })[0]!;
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b))); // τ may be 0 for 3 steps
    }
  });

  it('is a deterministic function of the chain and the update points: the same schedule replayed gives identical bits', () => {
    const W = 8;
    const chain = offsetAr1(3000, W, [0.95, 0.99], 5);
    const run = (): number[] => {
      const inc = new IncrementalAutocorr(W, 2, { block: 250 });
      const out: number[] = [];
      for (let k = 250; k <= 3000; k += 250) out.push(...inc.update(chain, k));
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('refuses a shorter chain than already taken', () => {
    const inc = new IncrementalAutocorr(2, 1);
    inc.update(new Float64Array(20).map((_, i) => Math.sin(i)), 10);
    expect(() => inc.update(new Float64Array(20), 5)).toThrow(/below/);
  });
});
