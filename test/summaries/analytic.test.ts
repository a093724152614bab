import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/numerics/stdlib.js';
import {
  bandwidth,
  equalTailed,
  hdi,
  hdiMultimodal,
  kde1d,
  oneSided,
  savageDickey,
  summarizeParameter,
} from '../../src/summaries/index.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { randnArray } from '../diagnostics/fixtureChains.js';

const N = 20000;
const phi = (x: number, mu = 0, s = 1): number => Math.exp(-0.5 * ((x - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
/** Asymptotic standard error of the p-quantile of n iid draws: sqrt(p(1−p)/n)/f(q_p). */
const quantileSe = (p: number, density: number, n = N): number => Math.sqrt((p * (1 - p)) / n) / density;
/** R(K) = ∫K² for the Gaussian kernel; Var f̂(x) ≈ f(x) R(K)/(n h). */
const RK = 1 / (2 * Math.sqrt(Math.PI));

function exponentialDraws(seed: number, n: number): Float64Array {
  const rng = new NumpyRandomState(seed);
  return Float64Array.from({ length: n }, () => -Math.log(1 - rng.randomSample()));
}

/** 0.5 N(−4, 1) + 0.5 N(2, 0.5) (ArviZ's multimodal HDI test target). */
const MIX = [
  { w: 0.5, mu: -4, s: 1 },
  { w: 0.5, mu: 2, s: 0.5 },
];
function mixtureDraws(seed: number, n: number): Float64Array {
  const rng = new NumpyRandomState(seed);
  return Float64Array.from({ length: n }, () => {
    const c = rng.randomSample() < 0.5 ? MIX[0] : MIX[1];
    return c.mu + c.s * rng.standardNormal();
  });
}

/** Exact HDI of a two-Gaussian mixture (components widened by h): bisection on the density level. */
function exactMixtureHdi(prob: number, h = 0): { lo: number; hi: number }[] {
  const comps = MIX.map((c) => ({ ...c, s: Math.hypot(c.s, h) }));
  const f = (x: number): number => comps.reduce((a, c) => a + c.w * phi(x, c.mu, c.s), 0);
  const cdf = (x: number): number => comps.reduce((a, c) => a + c.w * normalCdf(x, c.mu, c.s), 0);
  const root = (a: number, b: number, t: number): number => {
    const up = f(a) < f(b);
    for (let i = 0; i < 200; i++) {
      const m = 0.5 * (a + b);
      if ((f(m) < t) === up) a = m;
      else b = m;
    }
    return 0.5 * (a + b);
  };
  // density minimum between the modes
  let lo = -4;
  let hi = 2;
  for (let i = 0; i < 200; i++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (f(m1) < f(m2)) hi = m2;
    else lo = m1;
  }
  const valley = 0.5 * (lo + hi);
  const region = (t: number): { lo: number; hi: number }[] => [
    { lo: root(-15, -4, t), hi: root(-4, valley, t) },
    { lo: root(valley, 2, t), hi: root(2, 10, t) },
  ];
  let tLo = f(valley);
  let tHi = f(2);
  for (let i = 0; i < 200; i++) {
    const t = 0.5 * (tLo + tHi);
    const mass = region(t).reduce((a, r) => a + cdf(r.hi) - cdf(r.lo), 0);
    if (mass > prob) tLo = t;
    else tHi = t;
  }
  return region(0.5 * (tLo + tHi));
}

describe('summaries on analytic posteriors (seeded draws, MCSE-based tolerances)', () => {
  const gauss = randnArray(101, N);

  it('equalTailed and hdi of N(0,1) draws are within 4 (5 for HDI) quantile SEs of ±1 (exact)', () => {
    const se = quantileSe(0.1587, phi(1));
    const eti = equalTailed(gauss);
    expect(Math.abs(eti.lo + 1)).toBeLessThan(4 * se);
    expect(Math.abs(eti.hi - 1)).toBeLessThan(4 * se);
    const h = hdi(gauss, 0.6826894921370859);
    expect(Math.abs(h.lo + 1)).toBeLessThan(5 * se);
    expect(Math.abs(h.hi - 1)).toBeLessThan(5 * se);
  });

  it('hdi of Exp(1) draws at 0.9 is [0, ln 10] (exact) within 1e-3 at 0 and 4 quantile SEs at ln 10', () => {
    const x = exponentialDraws(7, N);
    const h = hdi(x, 0.9);
    expect(h.lo).toBeLessThan(1e-3); // min of 20000 Exp(1) draws: mean 5e-5
    expect(Math.abs(h.hi - Math.LN10)).toBeLessThan(4 * quantileSe(0.9, 0.1));
  });

  it('hdiMultimodal of 0.5 N(−4,1) + 0.5 N(2,0.5) finds the exact two intervals (tolerance: 4 × KDE noise at each end)', () => {
    const n = 40000;
    const x = mixtureDraws(11, n);
    const h = 0.05;
    const got = hdiMultimodal(x, 0.94, { bandwidth: h, gridSize: 4096 }).intervals;
    expect(got.length).toBe(2);
    // The KDE estimates the mixture smoothed by N(0, h²): compare with that exact HDI, tolerance
    // 4·SD(f̂)/|f'| at each end plus half a grid step.
    const target = exactMixtureHdi(0.94, h);
    const f = (v: number): number => MIX.reduce((a, c) => a + c.w * phi(v, c.mu, c.s), 0);
    const fp = (v: number): number => (f(v + 1e-5) - f(v - 1e-5)) / 2e-5;
    const dx = (Math.max(...x) - Math.min(...x) + 6 * h) / 4095;
    target.forEach((r, i) => {
      for (const end of ['lo', 'hi'] as const) {
        const tol = (4 * Math.sqrt((f(r[end]) * RK) / (n * h))) / Math.abs(fp(r[end])) + dx;
        expect(Math.abs(got[i][end] - r[end]), `interval ${i} ${end}`).toBeLessThan(tol);
      }
    });
    // and within 0.05 of the unsmoothed exact HDI
    exactMixtureHdi(0.94).forEach((r, i) => {
      expect(Math.abs(got[i].lo - r.lo)).toBeLessThan(0.05);
      expect(Math.abs(got[i].hi - r.hi)).toBeLessThan(0.05);
    });
  });

  it('bandwidth rules: Scott n^(−1/5) = 0.251188643 and Silverman (3n/4)^(−1/5) = 0.266064999 for n = 1000 (scipy, inference.md §2.12)', () => {
    const x = randnArray(5, 1000);
    const sd = Math.sqrt(x.reduce((a, v) => a + (v - x.reduce((s, u) => s + u, 0) / 1000) ** 2, 0) / 999);
    expect(bandwidth(x, 'scott') / sd).toBeCloseTo(0.251188643, 9);
    expect(bandwidth(x, 'silverman') / sd).toBeCloseTo(0.266064999, 9);
    expect(bandwidth(x, 'normalReference') / sd).toBeCloseTo(1.06 * 0.251188643, 9);
    expect(bandwidth(x, 'robust')).toBeLessThanOrEqual(0.9 * sd * 0.251188643 + 1e-15);
    expect(bandwidth(x, 0.3)).toBe(0.3);
  });

  it('kde1d of N(0,1) draws: integrates to 1 (1e-3) and equals N(0, 1+h²) at 0 within 4 SD(f̂) (exact expectation)', () => {
    const k = kde1d(gauss);
    let mass = 0;
    for (let i = 0; i + 1 < k.x.length; i++) mass += 0.5 * (k.density[i] + k.density[i + 1]) * (k.x[i + 1] - k.x[i]);
    expect(Math.abs(mass - 1)).toBeLessThan(1e-3);
    const expected = phi(0, 0, Math.hypot(1, k.bandwidth));
    expect(Math.abs(k.evaluate(0) - expected)).toBeLessThan(4 * Math.sqrt((expected * RK) / (N * k.bandwidth)));
  });

  it('kde1d reflection at a bound: Exp(1) density at 0 matches E f̂(0) = 2e^{h²/2}(1−Φ(h)) (exact) within 4 SD', () => {
    const x = exponentialDraws(8, N);
    const k = kde1d(x, { lower: 0 });
    const h = k.bandwidth;
    const expected = 2 * Math.exp((h * h) / 2) * (1 - normalCdf(h, 0, 1));
    expect(Math.abs(k.evaluate(0) - expected)).toBeLessThan(4 * Math.sqrt((4 * RK * 1) / (N * h)));
    expect(k.evaluate(-0.1)).toBe(0);
    expect(kde1d(x).evaluate(0)).toBeLessThan(0.6); // without reflection the density at the bound is halved
  });

  it('oneSided: half-normal |N(0,1)| with lower = 0 gives an upper limit Φ⁻¹(0.975) = 1.95996 at 95 % (exact)', () => {
    const x = gauss.map(Math.abs);
    const r = oneSided(x, { lower: 0, prob: 0.95 });
    expect(r.kind).toBe('upper');
    expect(r.lo).toBe(0);
    expect(Math.abs(r.hi - normalQuantile(0.975, 0, 1))).toBeLessThan(4 * quantileSe(0.95, 2 * phi(1.96)));
    expect(r.maxFracTwoTail).toBeCloseTo(Math.exp(-0.5 * 1.959963984540054 ** 2), 12);
  });

  it('oneSided: N(5,1) with lower = 0 stays two-sided equal-tail 5 ± 1.96 (density at 0 is e^{−12.5} of the peak)', () => {
    const x = gauss.map((v) => 5 + v);
    const r = oneSided(x, { lower: 0, prob: 0.95 });
    expect(r.kind).toBe('two-sided');
    expect(r.method).toBe('equal-tail');
    const se = quantileSe(0.025, phi(1.96));
    expect(Math.abs(r.lo - (5 - 1.959963984540054))).toBeLessThan(4 * se);
    expect(Math.abs(r.hi - (5 + 1.959963984540054))).toBeLessThan(4 * se);
  });

  it('oneSided: 10 − Exp(1) with upper = 10 gives a lower limit 10 − ln 20 at 95 % (exact); no bound open on both → none', () => {
    const x = exponentialDraws(9, N).map((v) => 10 - v);
    const r = oneSided(x, { upper: 10, prob: 0.95 });
    expect(r.kind).toBe('lower');
    expect(Math.abs(r.lo - (10 - Math.log(20)))).toBeLessThan(4 * quantileSe(0.05, 0.05));
    const rng = new NumpyRandomState(3);
    const flat = Float64Array.from({ length: 5000 }, () => rng.randomSample());
    expect(oneSided(flat, { lower: 0, upper: 1 }).kind).toBe('none');
  });

  it('savageDickey: Gaussian posterior N(1.5, 1), prior N(0, 10²): B01 within 4 batch SEs of its KDE expectation and of the exact ratio up to the smoothing bias', () => {
    const x = gauss.map((v) => 1.5 + v);
    const prior0 = phi(0, 0, 10);
    const r = savageDickey(x, 0, prior0);
    const exact = phi(0, 1.5, 1) / prior0;
    const expectation = phi(0, 1.5, Math.hypot(1, r.bandwidth)) / prior0;
    expect(Math.abs(r.bayesFactor01 - expectation)).toBeLessThan(4 * r.bayesFactor01Se);
    expect(Math.abs(r.bayesFactor01 - exact)).toBeLessThan(4 * r.bayesFactor01Se + Math.abs(expectation - exact));
    expect(r.bayesFactor10).toBeCloseTo(1 / r.bayesFactor01, 12);
    // iid draws: the batch SE agrees with the kernel-variance formula within a factor 2
    const iidSe = Math.sqrt((phi(0, 1.5, 1) * RK) / (N * r.bandwidth)) / prior0;
    expect(r.bayesFactor01Se / iidSe).toBeGreaterThan(0.5);
    expect(r.bayesFactor01Se / iidSe).toBeLessThan(2);
  });

  it('savageDickey at a bound: half-normal posterior, U(0,5) prior, q0 = 0: B01 = 2φ(0)/0.2 = 3.989 (exact) with the reflected KDE expectation 2φ(0; √(1+h²))/0.2 within 4 batch SEs', () => {
    const x = gauss.map(Math.abs);
    const r = savageDickey(x, 0, 0.2, { lower: 0 });
    const expectation = (2 * phi(0, 0, Math.hypot(1, r.bandwidth))) / 0.2;
    expect(Math.abs(r.bayesFactor01 - expectation)).toBeLessThan(4 * r.bayesFactor01Se);
    const exact = (2 * phi(0)) / 0.2;
    expect(Math.abs(r.bayesFactor01 - exact)).toBeLessThan(4 * r.bayesFactor01Se + Math.abs(expectation - exact));
  });

  it('savageDickey: batch means inflate the error for an autocorrelated chain (AR(1), τ = 19 ⇒ ≈ √19 × the iid SE)', () => {
    const rng = new NumpyRandomState(21);
    const a = 0.9;
    const x = new Float64Array(N);
    x[0] = rng.standardNormal();
    for (let i = 1; i < N; i++) x[i] = a * x[i - 1] + Math.sqrt(1 - a * a) * rng.standardNormal();
    const r = savageDickey(x.map((v) => 1.5 + v), 0, phi(0, 0, 10));
    const iidSe = Math.sqrt((phi(0, 1.5, 1) * RK) / (N * r.bandwidth)) / phi(0, 0, 10);
    expect(r.bayesFactor01Se / iidSe).toBeGreaterThan(2);
    expect(() => savageDickey(x, 0, 0)).toThrow(/prior density/);
  });

  it('summarizeParameter: N(0,1) draws give median ≈ 0, ETI ±1 and MCSEs close to the iid asymptotics', () => {
    const s = summarizeParameter(gauss);
    expect(s.kind).toBe('two-sided');
    expect(s.essAssumed).toBe(true);
    expect(Math.abs(s.median)).toBeLessThan(4 * quantileSe(0.5, phi(0)));
    expect(s.mcse.mean).toBeCloseTo(s.sd / Math.sqrt(N), 15);
    // quantile MCSE from order statistics vs sqrt(p(1−p)/n)/f: within 30 %
    expect(s.mcse.median / quantileSe(0.5, phi(0))).toBeGreaterThan(0.7);
    expect(s.mcse.median / quantileSe(0.5, phi(0))).toBeLessThan(1.3);
    expect(s.mcse.hi / quantileSe(0.8413, phi(1))).toBeGreaterThan(0.7);
    expect(s.mcse.hi / quantileSe(0.8413, phi(1))).toBeLessThan(1.3);
    const h = summarizeParameter(gauss, { interval: 'hdi' });
    expect(h.method).toBe('hdi');
    expect(h.mcse.lo).toBeGreaterThan(0);
  });

  it('summarizeParameter: with chains uses per-quantile ESS; with a bound open at 0 reports an upper limit', () => {
    const chains = [gauss.subarray(0, N / 2), gauss.subarray(N / 2)];
    const s = summarizeParameter(gauss, { chains });
    expect(s.essAssumed).toBe(false);
    expect(s.ess / N).toBeGreaterThan(0.8); // iid draws
    const x = exponentialDraws(10, N);
    const u = summarizeParameter(x, { lower: 0, prob: 0.9, ess: 5000 });
    expect(u.kind).toBe('upper');
    expect(u.lo).toBe(0);
    expect(u.mcse.lo).toBe(0);
    expect(Math.abs(u.hi - Math.LN10)).toBeLessThan(4 * quantileSe(0.9, 0.1, 5000));
    expect(u.mcse.hi).toBeGreaterThan(u.mcse.median); // ESS 5000 < N widens every MCSE; tail is less dense
  });
});
