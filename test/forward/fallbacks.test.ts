import { describe, expect, it } from 'vitest';
import { cubicLagrangeWeights } from '../../src/forward/cubicLagrangeWeights.js';
import { interpolatedForwardModel } from '../../src/forward/interpolatedForwardModel.js';
import { cachedReference } from '../../src/forward/cachedReference.js';
import { buildForwardModelFromSpectra } from '../../src/forward/buildForwardModelFromSpectra.js';
import { emParams, FLAVORS, type EmParams, type Flavor } from '../../src/physics/parameters.js';
import type { SpectrumParts } from '../../src/forward/forwardModel.js';

describe('cubicLagrangeWeights', () => {
  it('interpolates any cubic exactly on a non-uniform grid, interior and end intervals (identity, 1e-12)', () => {
    const nodes = [0, 0.3, 1, 1.2, 2.5, 3];
    const f = (x: number) => 2 - x + 0.5 * x * x - 0.25 * x ** 3;
    const w = new Float64Array(4);
    for (const x of [0, 0.1, 0.5, 1.1, 2, 2.9, 3]) {
      const s = cubicLagrangeWeights(nodes, x, w);
      let v = 0;
      for (let j = 0; j < 4; j++) v += w[j] * f(nodes[s + j]);
      expect(Math.abs(v - f(x))).toBeLessThan(1e-12);
    }
  });
  it('gives the midpoint weights (−1, 9, 9, −1)/16 on a uniform grid (A&S 25.2.2)', () => {
    const w = new Float64Array(4);
    expect(cubicLagrangeWeights([0, 1, 2, 3], 1.5, w)).toBe(0);
    expect(Array.from(w)).toEqual([-1 / 16, 9 / 16, 9 / 16, -1 / 16]);
  });
});

/** Toy spectrum with a Gaussian "form factor" exp(−x² T/50) that is not polynomial in x. */
function toyX(p: EmParams, x: number): SpectrumParts {
  const n = 6;
  const byFlavor = {} as Record<Flavor, Float64Array>;
  const expected = new Float64Array(n);
  for (const f of FLAVORS) {
    const a = new Float64Array(n);
    const q = f === 'nue' ? p.qee : p.qmumu;
    for (let b = 0; b < n; b++) {
      const T = 5 + 3 * b;
      a[b] = Math.exp((-x * x * T) / 50) * (-37 + (2.2e7 * 55 * q) / T) ** 2;
      expected[b] += a[b];
    }
    byFlavor[f] = a;
  }
  return { expected, byFlavor, byChannel: { cevns: Float64Array.from(expected), electron: new Float64Array(n) } };
}

describe('interpolatedForwardModel', () => {
  it('is exact at the nodes and within the cubic-Lagrange error bound between them (toy exp(−x²T/50), A&S 25.2.3 bound 6e-5)', () => {
    const nodes = Array.from({ length: 9 }, (_, i) => 0.8 + 0.1 * i);
    const m = interpolatedForwardModel('x', nodes, (x) => buildForwardModelFromSpectra((p) => toyX(p, x), ['qee', 'qmumu']));
    const out = new Float64Array(6);
    const theta = [1e-7, -2e-7];
    const p = emParams({ qee: theta[0], qmumu: theta[1] });
    m.evaluate(nodes[3], theta, out);
    const atNode = toyX(p, nodes[3]).expected;
    for (let b = 0; b < 6; b++) expect(Math.abs(out[b] / atNode[b] - 1)).toBeLessThan(1e-9);
    // Remainder (A&S 25.2.3): |err| ≤ max|f⁗|/24 · max|Π(x − x_j)| ≤ max|f⁗|/24 · h⁴ (the end-interval
    // stencil product is < h⁴, the interior one 9h⁴/16). f = exp(−k x²), k = T/50 ≤ 0.4, x ≤ 1.6:
    // |f⁗| ≤ (12k² + 48k³x² + 16k⁴x⁴) f < 12.5 f, and f varies by < 1.15 across a stencil, so the
    // relative error is below 12.5·1.15/24·1e-4 = 6.0e-5.
    for (const x of [0.85, 1.04, 1.23, 1.55]) {
      m.evaluate(x, theta, out);
      const ref = toyX(p, x).expected;
      for (let b = 0; b < 6; b++) expect(Math.abs(out[b] / ref[b] - 1)).toBeLessThan(6.0e-5);
    }
    expect(() => m.evaluate(2, theta, out)).toThrow(/outside the grid/);
  });
});

describe('cachedReference', () => {
  it('computes each distinct argument once and evicts the least recently used entry', () => {
    let calls = 0;
    const c = cachedReference((x) => (calls++, x[0] * 2), 2);
    expect(c.get([1])).toBe(2);
    expect(c.get([1])).toBe(2);
    expect(c.get([2])).toBe(4);
    expect(c.get([1])).toBe(2); // 1 is now most recent
    expect(c.get([3])).toBe(6); // evicts 2
    expect(c.size).toBe(2);
    expect(c.get([2])).toBe(4);
    expect([c.hits, c.misses, calls]).toEqual([2, 4, 4]);
    expect(c.get([-0])).toBe(-0);
    expect(c.misses).toBe(5); // −0 and +0 are different keys (bitwise), by design
  });
});
