/**
 * ln Z by thermodynamic integration over the ladder of a tempered run:
 *   ln Z = ∫₀¹ ⟨ln L⟩_β dβ,  ⟨·⟩_β the expectation under π L^β / Z(β)
 * (Gelman & Meng 1998, Stat. Sci. 13, 163, doi:10.1214/ss/1028905934; Lartillot & Philippe 2006,
 * doi:10.1080/10635150500433722; as in ptemcee, Vousden et al. 2016 §3). The integral is the
 * trapezoid rule with the end-point derivative correction of Friel, Hurn & Wyse (2014, Stat.
 * Comput. 24, 709, doi:10.1007/s11222-013-9397-1), which uses d⟨ln L⟩_β/dβ = Var_β(ln L) = v.
 * Between two positive rungs the rule works in u = ln β (where ⟨ln L⟩ of a likelihood-dominated
 * posterior, ≈ c − D/(2β), turns into the smooth g(u) = β f(β) = cβ − D/2):
 *   ∫ f dβ over [βᵢ, βᵢ₋₁] = ∫ g du ≈ h (gᵢ + gᵢ₋₁)/2 − h²/12 (g'ᵢ₋₁ − g'ᵢ),  h = ln(βᵢ₋₁/βᵢ),
 *   g = β f, g' = β f + β² v;
 * on the last interval [0, β_min] in β itself: h (f₀ + f_min)/2 − h²/12 (v_min − v₀). Both are
 * exact for cubics (Euler–Maclaurin); without second moments the plain trapezoids are used. It needs
 * the hottest rung at β = 0 (the prior, so priors must be proper).
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
  /** ⟨ln L⟩ per rung (averaged over runs), β = 1 first */
  meanLogLikelihood: number[];
  /** Var(ln L) per rung (NaN without second moments) */
  varianceLogLikelihood: number[];
  /** ladder (averaged over runs when their adapted ladders differ) */
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
 * @param runs - independent runs (each with its own fixed ladder of the same length; ≥ 8 kept steps each)
 * @returns ln Z and its errors
 * @throws RangeError when a ladder does not end at β = 0 or the ladders have different lengths
 * @example thermodynamicEvidence([{ betas: [1, 0.5, 0], meanLogLikelihood: lnL, steps: 1000 }]).lnZ
 */
export function thermodynamicEvidence(runs: readonly TemperedLogLikelihoods[]): ThermodynamicEvidence {
  if (runs.length === 0) throw new RangeError('thermodynamicEvidence: no runs');
  const T = runs[0]!.betas.length;
  for (const r of runs) {
    if (r.betas.length !== T || T < 2 || r.betas[T - 1] !== 0 || r.betas[0] !== 1) throw new RangeError('thermodynamicEvidence: every ladder must run from β = 1 to β = 0 (hottest rung = the prior) with the same number of rungs');
  }
  const steps = Math.min(...runs.map((r) => r.steps));
  if (steps < 8) throw new RangeError(`thermodynamicEvidence: need ≥ 8 kept steps, got ${steps}`);
  const corrected = runs.every((r) => r.meanSquareLogLikelihood !== undefined);
  const all = Array.from({ length: T }, (_, i) => i);
  const coarseIdx = all.filter((i) => i % 2 === 0 || i === T - 1);
  // rule on a subset of rungs: ln Z ≈ Σ w f + Σ c v (module doc: ln β for β > 0, β on [0, β_min])
  const rule = (betas: readonly number[], idx: readonly number[]): { w: number[]; c: number[] } => {
    const b = idx.map((i) => betas[i]!);
    const w = b.map(() => 0);
    const c = b.map(() => 0);
    for (let k = 1; k < b.length; k++) {
      const hi = b[k - 1]!;
      const lo = b[k]!;
      if (lo > 0) {
        // g(u) = β f, g'(u) = β f + β² v on u = ln β
        const h = Math.log(hi / lo);
        w[k - 1]! += (h / 2) * hi;
        w[k]! += (h / 2) * lo;
        if (corrected) {
          const e = (h * h) / 12;
          w[k - 1]! -= e * hi;
          c[k - 1]! -= e * hi * hi;
          w[k]! += e * lo;
          c[k]! += e * lo * lo;
        }
      } else {
        const h = hi - lo;
        w[k - 1]! += h / 2;
        w[k]! += h / 2;
        if (corrected) {
          c[k - 1]! -= (h * h) / 12;
          c[k]! += (h * h) / 12;
        }
      }
    }
    return { w, c };
  };
  const pooledMean = all.map(() => 0);
  const pooledVar = all.map(() => 0);
  let value = 0;
  let disc = 0;
  // each run with its own (adapted, then fixed) ladder; ln Z is the mean over runs of their estimates
  const series = runs.map((r) => {
    const mean = all.map(() => 0);
    const meanSq = all.map(() => 0);
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < T; i++) {
        mean[i]! += r.meanLogLikelihood[t * T + i]!;
        if (corrected) meanSq[i]! += r.meanSquareLogLikelihood![t * T + i]!;
      }
    }
    for (let i = 0; i < T; i++) {
      mean[i]! /= steps;
      meanSq[i]! /= steps;
      pooledMean[i]! += mean[i]! / runs.length;
    }
    const variance = corrected ? mean.map((m, i) => Math.max(0, meanSq[i]! - m * m)) : mean.map(() => NaN);
    variance.forEach((v, i) => (pooledVar[i]! += v / runs.length));
    const fine = rule(r.betas, all);
    const coarse = rule(r.betas, coarseIdx);
    const est = (idx: readonly number[], q: { w: number[]; c: number[] }): number => idx.reduce((a, i, k) => a + q.w[k]! * mean[i]! + (corrected ? q.c[k]! * variance[i]! : 0), 0);
    const v = est(all, fine);
    value += v / runs.length;
    disc += Math.abs(v - est(coarseIdx, coarse)) / runs.length;
    // linearised per-step series whose mean is v up to a constant (module doc)
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
  return {
    lnZ: value,
    discretisationError: disc,
    mcse,
    totalError: Math.hypot(disc, mcse),
    meanLogLikelihood: pooledMean,
    varianceLogLikelihood: pooledVar,
    betas: all.map((i) => runs.reduce((a, r) => a + r.betas[i]! / runs.length, 0)),
    rule: corrected ? 'corrected-trapezoid' : 'trapezoid',
  };
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
