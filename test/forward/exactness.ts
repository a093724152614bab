/**
 * Shared helpers of the exactness tests (issue 3): seeded random parameter points and the
 * per-bin criterion "1e-9 relative or 1e-12 absolute" applied to the total and every part.
 */
import { expect, it } from 'vitest';
import { buildForwardModel } from '../../src/forward/buildForwardModel.js';
import type { ForwardModel } from '../../src/forward/forwardModel.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { emParams, FLAVORS, type EmParameterName, type EmParams, type Flavor } from '../../src/physics/parameters.js';
import { computeSpectrum } from '../../src/physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../../src/physics/spectrum/experiment.js';

/** Deterministic uniform numbers in [0, 1) for test inputs (no Math.random in tests). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Random value of a parameter: log-uniform magnitude over the whole range from negligible to far
 * beyond the experiments' sensitivity (random sign, 5% exact zeros), so every regime is probed:
 * millicharges 1e-12…3e-6 e (the CEvNS weak charge of Cs/I/Ge changes sign at q ≈ 3e-7·T/11 keV,
 * spec §2.5, so with recoils up to ~50 keV it flips for many points), magnetic moments
 * 1e-12…1e-8 μ_B, charge radii and anapoles 1e-34…1e-30 cm², sin²θ_W = 0.23857 ± 0.05.
 */
export function draw(name: EmParameterName, rnd: () => number): number {
  if (name === 's2w') return 0.23857 + 0.1 * (rnd() - 0.5);
  if (rnd() < 0.05) return 0;
  const [lo, hi] = name.startsWith('q') ? [-12, Math.log10(3e-6)] : name.startsWith('mu') ? [-12, -8] : [-34, -30];
  return (rnd() < 0.5 ? -1 : 1) * 10 ** (lo + (hi - lo) * rnd());
}

function partsOut(nBins: number) {
  return {
    expected: new Float64Array(nBins),
    byFlavor: Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(nBins)])) as Record<Flavor, Float64Array>,
    byChannel: { cevns: new Float64Array(nBins), electron: new Float64Array(nBins) },
  };
}

/** Largest violation ratio max_b |fast − ref| / max(1e-9·|ref|, 1e-12): ≤ 1 means the criterion holds. */
function violation(fast: Float64Array, ref: Float64Array): number {
  let worst = 0;
  for (let b = 0; b < ref.length; b++) worst = Math.max(worst, Math.abs(fast[b] - ref[b]) / Math.max(1e-9 * Math.abs(ref[b]), 1e-12));
  return worst;
}

export function checkAt(exp: Experiment, fm: ForwardModel, names: readonly EmParameterName[], nPoints: number, seed: number, gridScale: number): { worst: number; flipped: number } {
  const rnd = lcg(seed);
  const parts = partsOut(fm.nBins);
  const out = new Float64Array(fm.nBins);
  let worst = 0;
  let flipped = 0;
  for (let i = 0; i < nPoints; i++) {
    const theta = names.map((n) => draw(n, rnd));
    const p: EmParams = emParams();
    names.forEach((n, k) => (p[n] = theta[k]));
    // Positive diagonal charge cancels the negative weak charge (spec §2.5): at q > 3.4e-7 e it flips sign below T ≈ 11 keV.
    if (p.qee > 3.4e-7 || p.qmumu > 3.4e-7) flipped++;
    const ref = computeSpectrum(exp, p, { gridScale });
    fm.evaluate(theta, out);
    fm.evaluateParts(theta, parts);
    worst = Math.max(worst, violation(out, ref.expected), violation(parts.expected, ref.expected));
    for (const f of FLAVORS) worst = Math.max(worst, violation(parts.byFlavor[f], ref.byFlavor[f]));
    worst = Math.max(worst, violation(parts.byChannel.cevns, ref.byChannel.cevns), violation(parts.byChannel.electron, ref.byChannel.electron));
  }
  return { worst, flipped };
}

/**
 * Registers one exactness test per case (inside the caller's `describe`): 200 seeded points
 * (seed + case index), every bin of the total and of every part within 1e-9 relative or 1e-12
 * absolute, the number of stored (structurally nonzero) terms `terms`, counted by hand from spec
 * §2.5–2.8, against (n+1)(n+2)/2 for a full quadratic in n parameters, and, with `qee`,
 * more than 5 points beyond the weak-charge sign change (about 15–28 of 200 expected).
 */
export function exactnessCases(cases: readonly { id: string; names: EmParameterName[]; terms: number }[], seed: number, gridScale: number): void {
  cases.forEach(({ id, names, terms }, c) => {
    it(`${id} with {${names.join(', ')}}: 200 random points, total and all parts within 1e-9 relative or 1e-12 absolute per bin`, () => {
      const exp = loadExperiment(id);
      const fm = buildForwardModel(exp, names, {}, { gridScale });
      expect(fm.fullTerms).toBe(((names.length + 1) * (names.length + 2)) / 2);
      expect(fm.nTerms).toBe(terms);
      const { worst, flipped } = checkAt(exp, fm, names, 200, seed + c, gridScale);
      expect(worst).toBeLessThanOrEqual(1);
      if (names.includes('qee')) expect(flipped).toBeGreaterThan(5);
    });
  });
}
