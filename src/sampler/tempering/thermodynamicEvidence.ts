/**
 * ln Z by thermodynamic integration over the ladder of a tempered run:
 *   ln Z = ∫₀¹ ⟨ln L⟩_β dβ,  ⟨·⟩_β the expectation under π L^β / Z(β)
 * (Gelman & Meng 1998, Stat. Sci. 13, 163, doi:10.1214/ss/1028905934; Lartillot & Philippe 2006,
 * doi:10.1080/10635150500433722; as in ptemcee, Vousden et al. 2016 §3). The integral is the
 * trapezoid rule over the rungs with the end-point derivative correction of Friel, Hurn & Wyse
 * (2014, Stat. Comput. 24, 709, doi:10.1007/s11222-013-9397-1): since d⟨ln L⟩_β/dβ = Var_β(ln L),
 *   ∫ over [βᵢ, βᵢ₋₁] ≈ hᵢ (fᵢ + fᵢ₋₁)/2 − hᵢ²/12 (vᵢ₋₁ − vᵢ),  hᵢ = βᵢ₋₁ − βᵢ, v = Var(ln L),
 * which is exact for cubic f (Euler–Maclaurin) and removes the trapezoid's leading bias (the plain
 * trapezoid is used when the second moments are not given). It needs the hottest rung at β = 0 (the
 * prior, so priors must be proper).
 *
 * Errors, stated separately:
 * - discretisation: |I(all rungs) − I(every other rung, both ends kept)| (ptemcee's estimate for the
 *   trapezoid; the coarse rule's error is ≥ 4× the fine one's for a smooth integrand, so this
 *   over-states the error of the reported value: conservative);
 * - Monte Carlo: with y(t) = Σᵢ wᵢ mᵢ(t) + Σᵢ cᵢ (sᵢ(t) − 2 m̄ᵢ mᵢ(t)) (mᵢ, sᵢ: walker means of ln L
 *   and ln² L at step t; wᵢ, cᵢ the weights of the rule, the second sum the linearised variance
 *   correction), ln Z is the mean of y over the kept steps up to a constant; its MCSE is that of a
 *   mean of an autocorrelated series (Vehtari et al. 2021 §3.2, `mcseMean`, with independent runs as
 *   chains). Correlations between rungs (swaps) are inside y, so they are accounted for.
 * @module
 */
import { mcseMean } from '../../diagnostics/mcseMean.js';

/** One independent tempered run's kept steps (fixed ladder). */
export interface TemperedLogLikelihoods {
  /** ladder, β = 1 first, last 0 */
  betas: readonly number[];
  /** walker-mean ln L per kept step and rung, row-major (steps × T) */
  meanLogLikelihood: ArrayLike<number>;
  /** walker-mean (ln L)² per kept step and rung, same layout (enables the variance correction) */
  meanSquareLogLikelihood?: ArrayLike<number>;
  steps: number;
}

/** Result of {@link thermodynamicEvidence}. */
export interface ThermodynamicEvidence {
  /** ln Z (same additive constant as ln L) */
  lnZ: number;
  /** discretisation error estimate (ladder) */
  discretisationError: number;
  /** Monte Carlo standard error */
  mcse: number;
  /** √(discretisation² + MCSE²) */
  totalError: number;
  /** ⟨ln L⟩ per rung (pooled over runs), β = 1 first */
  meanLogLikelihood: number[];
  /** Var(ln L) per rung (NaN without second moments) */
  varianceLogLikelihood: number[];
  betas: number[];
  /** 'corrected-trapezoid' (Friel et al. 2014) or 'trapezoid' */
  rule: 'corrected-trapezoid' | 'trapezoid';
}

/**
 * Trapezoid weights of ∫₀¹ f dβ on the given descending nodes (β = 1 first, last 0).
 * @param betas - nodes
 * @returns weights, same order
 */
export function trapezoidWeights(betas: readonly number[]): number[] {
  const w = betas.map(() => 0);
  for (let i = 1; i < betas.length; i++) {
    const h = betas[i - 1]! - betas[i]!;
    w[i - 1]! += h / 2;
    w[i]! += h / 2;
  }
  return w;
}

/**
 * ln Z with its discretisation and Monte Carlo errors (module doc).
 * @param runs - independent runs with the same ladder (≥ 8 kept steps each)
 * @returns ln Z and its errors
 * @throws RangeError when the ladder does not end at β = 0 or the ladders differ
 * @example thermodynamicEvidence([{ betas: [1, 0.5, 0], meanLogLikelihood: lnL, steps: 1000 }]).lnZ
 */
export function thermodynamicEvidence(runs: readonly TemperedLogLikelihoods[]): ThermodynamicEvidence {
  if (runs.length === 0) throw new RangeError('thermodynamicEvidence: no runs');
  const betas = runs[0]!.betas.slice();
  const T = betas.length;
  if (T < 2 || betas[T - 1] !== 0 || betas[0] !== 1) throw new RangeError('thermodynamicEvidence: the ladder must run from β = 1 to β = 0 (hottest rung = the prior)');
  if (runs.some((r) => r.betas.length !== T || r.betas.some((b, i) => b !== betas[i]))) throw new RangeError('thermodynamicEvidence: runs have different ladders');
  const steps = Math.min(...runs.map((r) => r.steps));
  if (steps < 8) throw new RangeError(`thermodynamicEvidence: need ≥ 8 kept steps, got ${steps}`);
  const corrected = runs.every((r) => r.meanSquareLogLikelihood !== undefined);
  const mean = betas.map(() => 0);
  const meanSq = betas.map(() => 0);
  for (const r of runs) {
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < T; i++) {
        mean[i]! += r.meanLogLikelihood[t * T + i]!;
        if (corrected) meanSq[i]! += r.meanSquareLogLikelihood![t * T + i]!;
      }
    }
  }
  for (let i = 0; i < T; i++) {
    mean[i]! /= steps * runs.length;
    meanSq[i]! /= steps * runs.length;
  }
  const variance = corrected ? mean.map((m, i) => Math.max(0, meanSq[i]! - m * m)) : mean.map(() => NaN);
  // rule on a subset of rungs: ln Z ≈ Σ w f + Σ c v
  const rule = (idx: readonly number[]): { w: number[]; c: number[] } => {
    const b = idx.map((i) => betas[i]!);
    const w = trapezoidWeights(b);
    const c = b.map(() => 0);
    if (corrected) {
      for (let k = 1; k < b.length; k++) {
        const h2 = (b[k - 1]! - b[k]!) ** 2 / 12;
        c[k - 1]! -= h2;
        c[k]! += h2;
      }
    }
    return { w, c };
  };
  const all = betas.map((_, i) => i);
  const coarseIdx = all.filter((i) => i % 2 === 0 || i === T - 1);
  const fine = rule(all);
  const coarse = rule(coarseIdx);
  const value = (idx: readonly number[], r: { w: number[]; c: number[] }): number => idx.reduce((a, i, k) => a + r.w[k]! * mean[i]! + (corrected ? r.c[k]! * variance[i]! : 0), 0);
  const lnZ = value(all, fine);
  const disc = Math.abs(lnZ - value(coarseIdx, coarse));
  const series = runs.map((r) => {
    const y = new Float64Array(steps);
    for (let t = 0; t < steps; t++) {
      let s = 0;
      for (let i = 0; i < T; i++) {
        const m = r.meanLogLikelihood[t * T + i]!;
        s += fine.w[i]! * m;
        if (corrected) s += fine.c[i]! * (r.meanSquareLogLikelihood![t * T + i]! - 2 * mean[i]! * m);
      }
      y[t] = s;
    }
    return y;
  });
  const constant = series.every((y) => y.every((v) => v === series[0]![0]));
  const mcse = constant ? 0 : mcseMean(series);
  return { lnZ, discretisationError: disc, mcse, totalError: Math.hypot(disc, mcse), meanLogLikelihood: mean, varianceLogLikelihood: variance, betas, rule: corrected ? 'corrected-trapezoid' : 'trapezoid' };
}

/** A Bayes factor of nested models from two evidences. */
export interface EvidenceBayesFactor {
  /** ln B₀₁ = ln Z₀ − ln Z₁ */
  lnBf01: number;
  bf01: number;
  /** errors of ln B₀₁ (the runs are independent: added in quadrature) */
  discretisationError: number;
  mcse: number;
  totalError: number;
}

/**
 * B₀₁ = Z₀/Z₁ for a nested model 0 against the full model 1 (Kass & Raftery 1995,
 * doi:10.1080/01621459.1995.10476572).
 * @param nested - evidence of the nested model (e.g. q = 0)
 * @param full - evidence of the full model
 * @returns ln B₀₁, B₀₁ and the errors of ln B₀₁
 */
export function evidenceBayesFactor(nested: ThermodynamicEvidence, full: ThermodynamicEvidence): EvidenceBayesFactor {
  const lnBf01 = nested.lnZ - full.lnZ;
  const disc = Math.hypot(nested.discretisationError, full.discretisationError);
  const mcse = Math.hypot(nested.mcse, full.mcse);
  return { lnBf01, bf01: Math.exp(lnBf01), discretisationError: disc, mcse, totalError: Math.hypot(disc, mcse) };
}
