/**
 * Seeded statistical tests: every move samples a correlated Gaussian, a banana and a bimodal
 * mixture correctly. Exact references: Gaussian N(0, Σ) with unit variances; banana x₀ ~ N(0, 1),
 * Var x₁ = s₂² + 2b²s₁⁴ = 2.25 (Haario et al. 1999); bimodal x₀ CDF ½Φ(x+μ) + ½Φ(x−μ), Var = 1 + μ².
 * Bounds: |mean − exact| < 4.5·MCSE and |var − exact| < 4.5·MCSE(var), MCSE from the emcee
 * integrated autocorrelation time τ (src/diagnostics) and N = walkers·steps; KS test (@stdlib
 * kstest) on walkers thinned by ⌈2τ⌉, p > 1e-3. Seeds fixed; burn-in 1/4 of the run.
 */
import { describe, expect, it } from 'vitest';
import { autocorrTime } from '../../src/diagnostics/autocorrTime.js';
import { kstest, normalCdf } from '../../src/numerics/stdlib.js';
import { makeRng } from '../../src/random/makeRng.js';
import { MemoryBackend } from '../../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../../src/sampler/initialBall.js';
import { makeMoves } from '../../src/sampler/moves/makeMove.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import { bananaTarget } from '../../src/sampler/targets/bananaTarget.js';
import { bimodalTarget } from '../../src/sampler/targets/bimodalTarget.js';
import { gaussianTarget } from '../../src/sampler/targets/gaussianTarget.js';
import type { BatchLogProb, MoveSpec } from '../../src/sampler/types.js';

const W = 32;
const STEPS = 2500;

interface Case {
  name: string;
  logProb: BatchLogProb;
  ndim: number;
  /** exact mean and variance of coordinate `coord` */
  checks: { coord: number; mean: number; variance: number; cdf?: (x: number) => number }[];
}

const MU = 1.5;
const CASES: Case[] = [
  {
    name: 'gaussian 3-D ρ=0.7',
    logProb: gaussianTarget(3, 0.7),
    ndim: 3,
    checks: [
      { coord: 0, mean: 0, variance: 1, cdf: (x) => normalCdf(x, 0, 1) },
      { coord: 2, mean: 0, variance: 1 },
    ],
  },
  {
    name: 'banana 2-D (b=1, s1=1, s2=0.5)',
    logProb: bananaTarget({ dim: 2 }),
    ndim: 2,
    checks: [
      { coord: 0, mean: 0, variance: 1, cdf: (x) => normalCdf(x, 0, 1) },
      { coord: 1, mean: 0, variance: 2.25 },
    ],
  },
  {
    name: `bimodal 2-D (modes ±${MU})`,
    logProb: bimodalTarget(2, MU),
    ndim: 2,
    checks: [{ coord: 0, mean: 0, variance: 1 + MU * MU, cdf: (x) => 0.5 * normalCdf(x + MU, 0, 1) + 0.5 * normalCdf(x - MU, 0, 1) }],
  },
];

const MOVES: Record<string, MoveSpec[]> = {
  stretch: [{ type: 'stretch' }],
  walk: [{ type: 'walk' }],
  de: [{ type: 'de' }],
  desnooker: [{ type: 'desnooker' }],
  gaussian: [{ type: 'gaussian', sigma: 0.8 }],
  // block DE: a mixture of the full move and a DE update of x0 alone (names x0, x1, … below)
  'de + block de': [
    { type: 'de', weight: 0.7 },
    { type: 'de', params: ['x0'], weight: 0.3 },
  ],
};

describe('moves sample known targets (seeded)', () => {
  let seed = 100;
  for (const [moveName, specs] of Object.entries(MOVES)) {
    for (const c of CASES) {
      const s = seed++;
      it(`${moveName} on ${c.name} (seed ${s})`, async () => {
        const backend = new MemoryBackend();
        const res = await runSampler({
          logProb: c.logProb,
          nwalkers: W,
          ndim: c.ndim,
          moves: makeMoves(specs, Array.from({ length: c.ndim }, (_, i) => `x${i}`)),
          rng: makeRng('default', s),
          initial: initialBall(makeRng('default', s + 1000), W, c.ndim, 0.5),
          nsteps: STEPS,
          backend,
        });
        expect(res.warnings).toEqual([]);
        const discard = STEPS / 4;
        const n = STEPS - discard;
        const chain = backend.getChain(discard);
        const tau = autocorrTime(chain, n, W, c.ndim, { tol: 0, quiet: true });
        for (const chk of c.checks) {
          const t = tau[chk.coord]!;
          expect(t * 20).toBeLessThan(n); // enough independent samples for the bounds to mean something
          const N = (W * n) / t; // effective samples
          let m = 0,
            m2 = 0,
            m4 = 0;
          const xs: number[] = [];
          for (let k = 0; k < W * n; k++) m += chain[k * c.ndim + chk.coord]!;
          m /= W * n;
          for (let k = 0; k < W * n; k++) {
            const d = chain[k * c.ndim + chk.coord]! - m;
            m2 += d * d;
            m4 += d ** 4;
          }
          m2 /= W * n - 1;
          m4 /= W * n;
          const mcseMean = Math.sqrt(chk.variance / N);
          const mcseVar = Math.sqrt(Math.max(m4 - m2 * m2, 1e-12) / N);
          expect(Math.abs(m - chk.mean), `mean ${m} vs ${chk.mean}, MCSE ${mcseMean}`).toBeLessThan(4.5 * mcseMean);
          expect(Math.abs(m2 - chk.variance), `var ${m2} vs ${chk.variance}, MCSE ${mcseVar}`).toBeLessThan(4.5 * mcseVar);
          if (chk.cdf) {
            const thin = Math.ceil(2 * t);
            for (let step = thin - 1; step < n; step += thin) for (let w = 0; w < W; w++) xs.push(chain[(step * W + w) * c.ndim + chk.coord]!);
            const p = kstest(xs, chk.cdf).pValue;
            expect(p, `KS p-value with ${xs.length} thinned draws`).toBeGreaterThan(1e-3);
          }
        }
      });
    }
  }
});
