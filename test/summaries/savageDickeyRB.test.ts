/**
 * Rao–Blackwellised Savage–Dickey (src/summaries/savageDickeyRB.ts) against exact answers.
 *
 * 1. The conditional density of one draw equals the analytic value (Gaussian, half-normal at its
 *    bound, a two-mode mixture) to 1e−10 relative: the quadrature is that accurate.
 * 2. Coverage over repeated seeds: the ensemble sampler (80% DE + 20% stretch, 32 walkers, 800
 *    kept steps of which 80 evenly spaced enter the estimate) samples a
 *    correlated Gaussian, a bounded half-normal posterior (point on the bound) and a mixture whose
 *    θ-marginal has two modes; for every seed z = (B̂₀₁ − B₀₁)/SE. If SE is right, z ~ N(0, 1):
 *    we require |z| < 2 for at least (95% − 3 binomial σ) of the seeds and Σz² inside the central
 *    99.8% of χ²_S. Both a too-small SE (under-coverage, large Σz²) and a too-large one (Σz² far
 *    below S) fail. Suite: 16 seeds per target; NUEM_LONG_STATS=1: 120 seeds.
 * Exact values: Gaussian marginal N(0, 1); truncated normal density at 0 of the half-normal ×
 * Gaussian posterior (conjugacy, e.g. Gelman et al., BDA3 §2.5); mixture marginal
 * w N(−2, 0.5) + (1−w) N(2, 0.5) (Gaussian convolution).
 */
import { describe, expect, it } from 'vitest';
import { chisquareQuantile, normalCdf } from '../../src/numerics/stdlib.js';
import { makeRng } from '../../src/random/makeRng.js';
import { MemoryBackend } from '../../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../../src/sampler/initialBall.js';
import { makeMoves } from '../../src/sampler/moves/makeMove.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import type { BatchLogProb } from '../../src/sampler/types.js';
import { conditionalDensityAt, rbSavageDickey, type ConditionalDensitySpec } from '../../src/summaries/savageDickeyRB.js';

const LONG = process.env.NUEM_LONG_STATS === '1';
const SEEDS = LONG ? 120 : 16;
const phi = (x: number, m: number, s: number): number => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

/** correlated 2-D Gaussian (unit variances, ρ) inside a U(−10, 10)² prior box */
const RHO = 0.8;
const gaussJoint: BatchLogProb = (x, n, out) => {
  for (let i = 0; i < n; i++) {
    const a = x[2 * i]!;
    const b = x[2 * i + 1]!;
    out[i] = Math.abs(a) > 10 || Math.abs(b) > 10 ? -Infinity : -(a * a - 2 * RHO * a * b + b * b) / (2 * (1 - RHO * RHO));
  }
};

/** θ ≥ 0 with half-normal(1) prior, ψ ~ N(0, 1), one datum y ~ N(θ + ψ/2, 0.4²) */
const Y = 0.5;
const S2 = 0.16 + 0.25; // ψ marginalised: y ~ N(θ, 0.41)
const halfJoint: BatchLogProb = (x, n, out) => {
  for (let i = 0; i < n; i++) {
    const t = x[2 * i]!;
    const p = x[2 * i + 1]!;
    out[i] = t < 0 || t > 10 || Math.abs(p) > 10 ? -Infinity : -0.5 * t * t - 0.5 * p * p - (Y - t - 0.5 * p) ** 2 / (2 * 0.16);
  }
};
/** exact p(θ = 0 | y): the posterior of θ is N(m, v) truncated to θ ≥ 0 */
const halfExact = ((): number => {
  const v = 1 / (1 + 1 / S2);
  const m = (Y / S2) * v;
  return phi(0, m, Math.sqrt(v)) / (1 - normalCdf(0, m, Math.sqrt(v)));
})();

/** ψ ~ N(0, 1), θ | ψ ~ w N(−2 + ψ/2, 0.5²) + (1 − w) N(2 + ψ/2, 0.5²), U(−10, 10) box */
const WMIX = 0.3;
const mixJoint: BatchLogProb = (x, n, out) => {
  for (let i = 0; i < n; i++) {
    const t = x[2 * i]!;
    const p = x[2 * i + 1]!;
    if (Math.abs(t) > 10 || Math.abs(p) > 10) {
      out[i] = -Infinity;
      continue;
    }
    const c = t - 0.5 * p;
    out[i] = -0.5 * p * p + Math.log(WMIX * phi(c, -2, 0.5) + (1 - WMIX) * phi(c, 2, 0.5));
  }
};
const mixMarginal = (t: number): number => WMIX * phi(t, -2, Math.sqrt(0.5)) + (1 - WMIX) * phi(t, 2, Math.sqrt(0.5));

describe('conditionalDensityAt: one draw, exact to 1e-10', () => {
  it('Gaussian conditional N(ρψ, 1 − ρ²) at θ₀ = 1 given ψ = 0.7', () => {
    const spec: ConditionalDensitySpec = { logJoint: gaussJoint, ndim: 2, index: 0, point: 1, lower: -10, upper: 10 };
    const got = conditionalDensityAt(spec, [0, 0.7]);
    expect(got.density).toBeCloseTo(phi(1, RHO * 0.7, Math.sqrt(1 - RHO * RHO)), 12);
    expect(Math.abs(got.density / phi(1, RHO * 0.7, Math.sqrt(1 - RHO * RHO)) - 1)).toBeLessThan(1e-10);
    expect(got.relQuadratureError).toBeLessThan(1e-10);
  });
  it('half-normal posterior at its bound θ₀ = 0 given ψ = −0.4', () => {
    const spec: ConditionalDensitySpec = { logJoint: halfJoint, ndim: 2, index: 0, point: 0, lower: 0, upper: 10 };
    // given ψ: θ ∝ N(θ; 0, 1) N(y − ψ/2; θ, 0.16) on θ ≥ 0
    const yy = Y + 0.2;
    const v = 1 / (1 + 1 / 0.16);
    const m = (yy / 0.16) * v;
    const exact = phi(0, m, Math.sqrt(v)) / (1 - normalCdf(0, m, Math.sqrt(v)));
    expect(Math.abs(conditionalDensityAt(spec, [3, -0.4]).density / exact - 1)).toBeLessThan(1e-10);
  });
  it('two-mode conditional at θ₀ = 0.3 given ψ = 1', () => {
    const spec: ConditionalDensitySpec = { logJoint: mixJoint, ndim: 2, index: 0, point: 0.3, lower: -10, upper: 10 };
    const exact = WMIX * phi(0.3 - 0.5, -2, 0.5) + (1 - WMIX) * phi(0.3 - 0.5, 2, 0.5);
    expect(Math.abs(conditionalDensityAt(spec, [0, 1]).density / exact - 1)).toBeLessThan(1e-10);
  });
  it('a point outside the range has density 0; a bad range throws', () => {
    expect(conditionalDensityAt({ logJoint: halfJoint, ndim: 2, index: 0, point: -1, lower: 0, upper: 10 }, [0, 0]).density).toBe(0);
    expect(() => conditionalDensityAt({ logJoint: halfJoint, ndim: 2, index: 0, point: 0, lower: 1, upper: 1 }, [0, 0])).toThrow(/lower < upper/);
  });
});

interface CoverageCase {
  name: string;
  logJoint: BatchLogProb;
  point: number;
  lower: number;
  upper: number;
  /** prior density of θ at the point */
  prior: number;
  /** exact p(θ₀ | d) */
  exact: number;
  /** initial ball centre */
  center: number[];
}

const CASES: CoverageCase[] = [
  { name: 'correlated Gaussian', logJoint: gaussJoint, point: 1, lower: -10, upper: 10, prior: 1 / 20, exact: phi(1, 0, 1), center: [0, 0] },
  { name: 'bounded half-normal (point on the bound)', logJoint: halfJoint, point: 0, lower: 0, upper: 10, prior: 2 * phi(0, 0, 1), exact: halfExact, center: [0.5, 0] },
  { name: 'two-mode mixture', logJoint: mixJoint, point: 0.3, lower: -10, upper: 10, prior: 1 / 20, exact: mixMarginal(0.3), center: [2, 0] },
];

async function estimate(c: CoverageCase, seed: number): Promise<{ z: number; rel: number }> {
  const W = 32;
  const steps = 1000;
  const burn = 200;
  const backend = new MemoryBackend();
  const init = initialBall(makeRng('default', seed), W, 2, 0.1, c.center);
  for (let i = 0; i < W; i++) init[2 * i] = Math.max(init[2 * i]!, c.lower + 1e-3);
  await runSampler({ logProb: c.logJoint, nwalkers: W, ndim: 2, moves: makeMoves([{ type: 'de', weight: 0.8 }, { type: 'stretch', weight: 0.2 }]), rng: makeRng('default', seed + 1000), initial: init, nsteps: steps, backend });
  const chain = backend.getChain().subarray(burn * W * 2);
  const r = rbSavageDickey([{ chain, nsteps: steps - burn, nwalkers: W }], { logJoint: c.logJoint, ndim: 2, index: 0, point: c.point, lower: c.lower, upper: c.upper }, c.prior, { maxDraws: 32 * 80 });
  const truth = c.exact / c.prior;
  return { z: (r.bayesFactor01 - truth) / r.bayesFactor01Se, rel: r.bayesFactor01Se / truth };
}

describe(`rbSavageDickey: stated SE covers the exact B01 over ${SEEDS} seeds`, () => {
  for (const c of CASES) {
    it(c.name, { timeout: LONG ? 600_000 : 60_000 }, async () => {
      const zs: number[] = [];
      for (let s = 0; s < SEEDS; s++) zs.push((await estimate(c, 100 + s)).z);
      const inside = zs.filter((z) => Math.abs(z) < 2).length;
      const sumZ2 = zs.reduce((a, z) => a + z * z, 0);
      // binomial: expected 0.9545·S with sd √(S·0.9545·0.0455)
      const minInside = Math.floor(SEEDS * 0.9545 - 3 * Math.sqrt(SEEDS * 0.9545 * 0.0455));
      expect(inside, `|z| < 2 in ${inside}/${SEEDS}; z = ${zs.map((z) => z.toFixed(2)).join(' ')}`).toBeGreaterThanOrEqual(minInside);
      expect(sumZ2).toBeGreaterThan(chisquareQuantile(0.001, SEEDS));
      expect(sumZ2, `z = ${zs.map((z) => z.toFixed(2)).join(" ")}`).toBeLessThan(chisquareQuantile(0.999, SEEDS));
    });
  }
});

describe('rbSavageDickey panels option (the cheaper quadrature nuem run uses)', () => {
  // a correlated Gaussian: θ | ψ ~ N(ρψ, 1 − ρ²) exactly, so every draw's conditional density at 0 is
  // known; 65 scan points and 3/6 panels must give the analytic average to 1e-6 relative (the
  // integrand is smooth, 3 panels of 16 nodes already resolve it) and state a quadrature error ≤ 1e-3
  const rho = 0.6;
  const logJoint: BatchLogProb = (x, n, out) => {
    for (let i = 0; i < n; i++) {
      const t = x[2 * i]!;
      const p = x[2 * i + 1]!;
      out[i] = -0.5 * (t * t - 2 * rho * t * p + p * p) / (1 - rho * rho);
    }
  };
  const rng = makeRng('emcee', 7);
  const steps = 16;
  const W = 8;
  const chain = new Float64Array(steps * W * 2);
  let exact = 0;
  for (let k = 0; k < steps * W; k++) {
    const p = rng.standardNormal();
    chain[2 * k] = rng.standardNormal();
    chain[2 * k + 1] = p;
    exact += phi(0, rho * p, Math.sqrt(1 - rho * rho));
  }
  exact /= steps * W;
  const spec: ConditionalDensitySpec = { logJoint, ndim: 2, index: 0, point: 0, lower: -20, upper: 20, scanPoints: 65 };
  it('matches the analytic conditional average with panels [3, 6] and 65 scan points', () => {
    const r = rbSavageDickey([{ chain, nsteps: steps, nwalkers: W }], spec, 1 / 40, { panels: [3, 6] });
    expect(Math.abs(r.posteriorDensity / exact - 1)).toBeLessThan(1e-6);
    expect(r.relQuadratureError).toBeLessThan(1e-3);
  });
  it('refuses panels that are not 1 ≤ coarse < fine ≤ 64', () => {
    expect(() => rbSavageDickey([{ chain, nsteps: steps, nwalkers: W }], spec, 1 / 40, { panels: [6, 3] })).toThrow(/panels must be/);
  });
});
