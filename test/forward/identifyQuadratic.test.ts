import { describe, expect, it } from 'vitest';
import { identifyQuadratic } from '../../src/forward/identifyQuadratic.js';
import { fullQuadraticTerms, quadraticMonomials, quadraticTermCount, quadraticTermLabels, type QuadraticTerm } from '../../src/forward/quadraticMonomials.js';
import { quadraticSurface } from '../../src/forward/quadraticSurface.js';
import { balancedScales } from '../../src/forward/balancedScales.js';

/** Deterministic LCG in [0,1) for test inputs (tests must not use Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('quadraticMonomials', () => {
  it('quadraticTermCount(d) is (d+1)(d+2)/2: 1, 3, 6, 21 for d = 0, 1, 2, 5', () => {
    expect([0, 1, 2, 5].map(quadraticTermCount)).toEqual([1, 3, 6, 21]);
  });
  it('quadraticMonomials(u) lists 1, u_k, u_k², u_i u_j (i<j) in the documented order (exact)', () => {
    const out = new Float64Array(10);
    quadraticMonomials(Float64Array.of(2, 3, 5), 3, out);
    expect(Array.from(out)).toEqual([1, 2, 3, 5, 4, 9, 25, 6, 10, 15]);
    expect(quadraticTermLabels(['a', 'b', 'c'])).toEqual(['1', 'a', 'b', 'c', 'a^2', 'b^2', 'c^2', 'a*b', 'a*c', 'b*c']);
    expect(fullQuadraticTerms(2)).toEqual([[], [0], [1], [0, 0], [1, 1], [0, 1]]);
    expect(quadraticTermLabels(['a', 'b', 'c'], [[], [1], [0, 0], [0, 2]])).toEqual(['1', 'b', 'a^2', 'a*c']);
  });
});

describe('identifyQuadratic', () => {
  it('recovers a random vector quadratic in d = 4 exactly (identity; 1e-12 relative rounding bound)', () => {
    const rnd = lcg(7);
    const d = 4;
    const nOut = 5;
    const nT = quadraticTermCount(d);
    const truth = Float64Array.from({ length: nT * nOut }, () => rnd() * 2 - 1);
    const m = new Float64Array(nT);
    const f = (theta: Float64Array): Float64Array => {
      quadraticMonomials(theta, d, m);
      const v = new Float64Array(nOut);
      for (let t = 0; t < nT; t++) for (let o = 0; o < nOut; o++) v[o] += m[t] * truth[t * nOut + o];
      return v;
    };
    const fit = identifyQuadratic(f, new Float64Array(d), [1, 1, 1, 1]);
    expect(fit.evaluations).toBe(1 + 2 * d + (d * (d - 1)) / 2);
    for (let i = 0; i < truth.length; i++) expect(Math.abs(fit.coefficients[i] - truth[i])).toBeLessThan(1e-12);
    // Evaluate at random points away from the stencil, with a non-trivial centre and scale.
    const fit2 = identifyQuadratic(f, [0.3, -0.2, 0.1, 0], [0.5, 2, 1e-3, 7]);
    const s = quadraticSurface(fit2);
    const out = new Float64Array(nOut);
    for (let r = 0; r < 50; r++) {
      const th = Float64Array.from({ length: d }, () => 6 * rnd() - 3);
      s.evaluate(th, out);
      const ref = f(th);
      for (let o = 0; o < nOut; o++) expect(Math.abs(out[o] - ref[o])).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref[o])));
    }
  });
  it('with a subset of terms: identifies a quadratic that has only those monomials exactly, with one evaluation per one-sided variable (identity; 1e-12)', () => {
    // f = 2 + 3u0 − u0² + 0.5u2² + 4u0u1 − 2u1 + u1² − 7u3 : u2 even, u3 linear only, no u0u2, u1u3 …
    const f = (t: Float64Array) => [2 + 3 * t[0] - t[0] ** 2 + 0.5 * t[2] ** 2 + 4 * t[0] * t[1] - 2 * t[1] + t[1] ** 2 - 7 * t[3]];
    const terms: QuadraticTerm[] = [[], [0], [1], [3], [0, 0], [1, 1], [2, 2], [0, 1]];
    const fit = identifyQuadratic(f, [0, 0, 0, 0], [1, 1, 1, 1], terms);
    // centre, ±e0, ±e1, +e2, +e3, e0+e1
    expect(fit.evaluations).toBe(1 + 2 + 2 + 1 + 1 + 1);
    const truth = [2, 3, -2, -7, -1, 1, 0.5, 4];
    for (let t = 0; t < truth.length; t++) expect(Math.abs(fit.coefficients[t] - truth[t])).toBeLessThan(1e-12);
    // the same with the full term set gives the same nonzero coefficients and zeros elsewhere
    const full = identifyQuadratic(f, [0, 0, 0, 0], [1, 1, 1, 1]);
    const labels = quadraticTermLabels(['a', 'b', 'c', 'd']);
    const sub = quadraticTermLabels(['a', 'b', 'c', 'd'], terms);
    labels.forEach((l, t) => expect(Math.abs(full.coefficients[t] - (sub.includes(l) ? truth[sub.indexOf(l)] : 0))).toBeLessThan(1e-12));
  });
  it('rejects a subset without the leading constant term and cross terms out of order', () => {
    expect(() => identifyQuadratic(() => [1], [0], [1], [[0]])).toThrow(/constant term/);
    expect(() => identifyQuadratic(() => [1], [0, 0], [1, 1], [[], [1, 0]])).toThrow(/increasing order/);
  });
  it('rejects non-positive scales with an error naming the index', () => {
    expect(() => identifyQuadratic(() => [1], [0], [0])).toThrow(/scale\[0\]/);
  });
});

describe('balancedScales', () => {
  it('balances a pure square 1 + 1e6 θ² to s = 1e-3 and a pure linear 1 + 1e4 θ to s = 1e-4 (analytic, 1e-12)', () => {
    const r = balancedScales((t) => [1 + 1e6 * t[0] ** 2, 1 + 1e4 * t[1]], [0, 0], [1, 1]);
    // F = Σ|f0| = 2, so the balanced step makes the larger part equal 2.
    expect(r.scale[0]).toBeCloseTo(Math.sqrt(2) * 1e-3, 12);
    expect(r.scale[1]).toBeCloseTo(2e-4, 12);
    expect(r.active).toEqual([true, true]);
  });
  it('marks a variable that f ignores as inactive and keeps its guess', () => {
    const r = balancedScales((t) => [1 + t[0] ** 2], [0, 0], [1, 5]);
    expect(r.active).toEqual([true, false]);
    expect(r.scale[1]).toBe(5);
  });
});

describe('quadraticSurface', () => {
  it('the shape-specialised kernel equals the generic double loop Σ_t m_t C[r,t] bit for bit, d = 0…6, with offsets', () => {
    const rnd = lcg(99);
    for (let d = 0; d <= 6; d++) {
      const nT = quadraticTermCount(d);
      const nOut = 7;
      const fit = {
        dim: d,
        nOut,
        nTerms: nT,
        terms: fullQuadraticTerms(d),
        center: Float64Array.from({ length: d }, () => rnd() - 0.5),
        scale: Float64Array.from({ length: d }, () => 0.1 + rnd()),
        coefficients: Float64Array.from({ length: nT * nOut }, () => rnd() * 2 - 1),
        evaluations: 0,
      };
      const s = quadraticSurface(fit, 2, 4);
      const theta = Float64Array.from({ length: d + 3 }, () => 4 * rnd() - 2);
      const out = new Float64Array(6);
      s.evaluate(theta, out, 1, 3);
      const u = Float64Array.from({ length: d }, (_, k) => (theta[3 + k] - fit.center[k]) * (1 / fit.scale[k]));
      const m = new Float64Array(nT);
      quadraticMonomials(u, d, m);
      for (let r = 0; r < 4; r++) {
        let acc = 0;
        for (let t = 0; t < nT; t++) acc += m[t] * fit.coefficients[t * nOut + 2 + r];
        expect(out[1 + r]).toBe(acc);
      }
      expect([out[0], out[5]]).toEqual([0, 0]);
    }
  });
  it('with a subset of terms, the kernel equals the generic loop over the same terms bit for bit (d = 5, 8 of 21 terms)', () => {
    const rnd = lcg(5);
    const d = 5;
    const terms: QuadraticTerm[] = [[], [0], [1], [0, 0], [1, 1], [2, 2], [3, 3], [4, 4]];
    const nOut = 3;
    const fit = {
      dim: d,
      nOut,
      nTerms: terms.length,
      terms,
      center: Float64Array.from({ length: d }, () => rnd() - 0.5),
      scale: Float64Array.from({ length: d }, () => 0.1 + rnd()),
      coefficients: Float64Array.from({ length: terms.length * nOut }, () => rnd() * 2 - 1),
      evaluations: 0,
    };
    const s = quadraticSurface(fit);
    const theta = Float64Array.from({ length: d }, () => 4 * rnd() - 2);
    const out = new Float64Array(nOut);
    s.evaluate(theta, out);
    const u = Float64Array.from({ length: d }, (_, k) => (theta[k] - fit.center[k]) * (1 / fit.scale[k]));
    for (let r = 0; r < nOut; r++) {
      let acc = 0;
      terms.forEach((term, t) => (acc += term.reduce((m: number, k) => m * u[k], 1) * fit.coefficients[t * nOut + r]));
      expect(out[r]).toBe(acc);
    }
  });
});
