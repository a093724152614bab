/**
 * Priors: normalisation (trapezoid quadrature of e^logpdf over the support = 1 to 1e-6),
 * closed-form log-densities (exact formulas, 1e-12), seeded sampling moments against closed-form
 * means/sds (within 5 standard errors), schema validation, and makeLogPosterior skipping the
 * likelihood outside the prior support.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../src/random/makeRng.js';
import { makeLogPosterior } from '../../src/sampler/makeLogPosterior.js';
import { compilePriorLogPdf, priorInSupport, priorLogPdf, priorMoments, priorSchema, samplePrior, type Prior } from '../../src/sampler/priors.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

const PRIORS: Prior[] = [
  { type: 'uniform', min: -1, max: 3 },
  { type: 'loguniform', min: 0.01, max: 10 },
  { type: 'normal', mu: 1, sigma: 2 },
  { type: 'truncnormal', mu: 0, sigma: 1, min: -0.5, max: 2 },
  { type: 'truncnormal', mu: 0, sigma: 1, min: 3, max: 6 },
  { type: 'halfnormal', sigma: 0.7 },
  { type: 'lognormal', mu: 0.1, sigma: 0.3 },
];

function range(p: Prior): [number, number] {
  if (p.type === 'normal') return [p.mu - 12 * p.sigma, p.mu + 12 * p.sigma];
  if (p.type === 'halfnormal') return [0, 12 * p.sigma];
  if (p.type === 'lognormal') return [Math.exp(p.mu - 12 * p.sigma), Math.exp(p.mu + 12 * p.sigma)];
  return [p.min, p.max];
}

describe('priors', () => {
  for (const p of PRIORS) {
    it(`${JSON.stringify(p)}: density integrates to 1 (1e-6), samples match closed-form moments (5 SE)`, () => {
      const [a, b] = range(p);
      // trapezoid in log space for loguniform (integrand x·p(x) on ln x)
      const n = 20000;
      let s = 0;
      for (let i = 0; i <= n; i++) {
        const w = i === 0 || i === n ? 0.5 : 1;
        if (p.type === 'loguniform' || p.type === 'lognormal') {
          const t = Math.log(a) + ((Math.log(b) - Math.log(a)) * i) / n;
          s += w * Math.exp(priorLogPdf(p, Math.min(b, Math.max(a, Math.exp(t)))) + t); // exp(ln b) may round above b
        } else s += w * Math.exp(priorLogPdf(p, a + ((b - a) * i) / n));
      }
      s *= p.type === 'loguniform' || p.type === 'lognormal' ? (Math.log(b) - Math.log(a)) / n : (b - a) / n;
      expect(Math.abs(s - 1)).toBeLessThan(1e-6);
      const rng = makeRng('emcee', 17);
      const N = 20000;
      let m = 0,
        m2 = 0;
      for (let i = 0; i < N; i++) {
        const x = samplePrior(p, rng);
        expect(priorInSupport(p, x)).toBe(true);
        m += x;
        m2 += x * x;
      }
      m /= N;
      const sd = Math.sqrt(m2 / N - m * m);
      const ref = priorMoments(p);
      expect(Math.abs(m - ref.mean)).toBeLessThan((5 * ref.sd) / Math.sqrt(N));
      expect(Math.abs(sd - ref.sd)).toBeLessThan((5 * ref.sd) / Math.sqrt(2 * N) * 1.5);
    });
  }
  it('closed forms: uniform −ln 4, half-normal ln2 + N(0,σ) logpdf, log-uniform −ln x − ln ln(max/min); −∞ outside', () => {
    expect(priorLogPdf(PRIORS[0]!, 0)).toBeCloseTo(-Math.log(4), 12);
    expect(priorLogPdf(PRIORS[0]!, 3.0001)).toBe(-Infinity);
    expect(priorLogPdf({ type: 'halfnormal', sigma: 2 }, 1)).toBeCloseTo(Math.LN2 - 0.125 - Math.log(2) - 0.5 * Math.log(2 * Math.PI), 12);
    expect(priorLogPdf({ type: 'halfnormal', sigma: 2 }, -1e-9)).toBe(-Infinity);
    expect(priorLogPdf(PRIORS[1]!, 2)).toBeCloseTo(-Math.log(2) - Math.log(Math.log(1000)), 12);
    // log-normal: −ln x − ½((ln x − μ)/σ)² − ln σ − ½ ln 2π; 0 is outside (x > 0)
    expect(priorLogPdf({ type: 'lognormal', mu: 0.1, sigma: 0.3 }, 2)).toBeCloseTo(-Math.log(2) - 0.5 * ((Math.log(2) - 0.1) / 0.3) ** 2 - Math.log(0.3) - 0.5 * Math.log(2 * Math.PI), 12);
    expect(priorLogPdf({ type: 'lognormal', mu: 0.1, sigma: 0.3 }, 0)).toBe(-Infinity);
  });
  it('schema: valid priors parse; bad ones fail with a path (min ≥ max, σ ≤ 0, log-uniform min ≤ 0, unknown keys)', () => {
    for (const p of PRIORS) expect(priorSchema.parse(p)).toEqual(p);
    const bad = [
      { type: 'uniform', min: 2, max: 1 },
      { type: 'normal', mu: 0, sigma: 0 },
      { type: 'loguniform', min: 0, max: 1 },
      { type: 'halfnormal', sigma: 1, extra: 2 },
      { type: 'cauchy', x0: 0 },
    ];
    for (const b of bad) expect(priorSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
    const r = priorSchema.safeParse({ type: 'uniform', min: 2, max: 1 });
    expect(r.success ? [] : r.error.issues[0]!.path).toEqual(['max']);
  });
  it('makeLogPosterior = Σ log-prior + log-likelihood, likelihood called only inside the support', () => {
    const params = [
      { name: 'q', prior: { type: 'uniform', min: 0, max: 1 } as Prior, role: 'physics' as const },
      { name: 'alpha', prior: { type: 'normal', mu: 0, sigma: 0.1 } as Prior, role: 'nuisance' as const },
    ];
    let calls = 0;
    const post = makeLogPosterior(params, (x, n, out) => {
      calls += n;
      for (let i = 0; i < n; i++) out[i] = -10 * x[2 * i]!;
    });
    const out = new Float64Array(3);
    post(Float64Array.from([0.5, 0.1, 1.5, 0, 0.2, -0.1]), 3, out);
    expect(calls).toBe(2);
    expect(out[1]).toBe(-Infinity);
    expect(out[0]).toBeCloseTo(priorLogPdf(params[1]!.prior, 0.1) - 5, 12);
    expect(out[2]).toBeCloseTo(priorLogPdf(params[1]!.prior, -0.1) - 2, 12);
  });
});

describe('compilePriorLogPdf', () => {
  it('is bit-identical to priorLogPdf for every prior type, inside, at and outside the support (identity)', () => {
    const priors: Prior[] = [
      { type: 'uniform', min: -1.2e-6, max: 1.2e-6 },
      { type: 'normal', mu: 0.1, sigma: 0.127 },
      { type: 'halfnormal', sigma: 2.5 },
      { type: 'loguniform', min: 1e-3, max: 10 },
      { type: 'truncnormal', mu: 0, sigma: 1, min: -0.5, max: 2 },
      { type: 'lognormal', mu: 0.2, sigma: 0.7 },
    ];
    const rs = new NumpyRandomState(7);
    for (const p of priors) {
      const f = compilePriorLogPdf(p);
      const xs = [0, -0, 1e-3, 10, -1.2e-6, 1.2e-6, -0.5, 2, Infinity, -Infinity, NaN, ...Array.from({ length: 2000 }, () => rs.standardNormal() * (p.type === 'uniform' ? 1e-6 : 3))];
      for (const x of xs) expect(Object.is(f(x), priorLogPdf(p, x)), `${p.type} at ${x}`).toBe(true);
    }
  });
});
