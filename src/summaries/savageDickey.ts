/**
 * Savage–Dickey density ratio for a nested point hypothesis (e.g. millicharge q = 0).
 * @module
 */
import { kde1d, type BandwidthRule } from './kde1d.js';

/** Options of {@link savageDickey}. */
export interface SavageDickeyOptions {
  /** KDE bandwidth rule for the posterior density (default 'scott'). */
  bandwidth?: BandwidthRule;
  /** Hard bounds of the parameter (reflection in the KDE; needed when the point sits on a bound). */
  lower?: number;
  upper?: number;
  /** Number of contiguous batches for the uncertainty (default 20). */
  batches?: number;
}

/** Result of {@link savageDickey}. */
export interface SavageDickeyResult {
  /** B₀₁ = p(θ₀ | data) / p(θ₀): evidence for the nested model (θ = θ₀) over the full model. */
  bayesFactor01: number;
  /** B₁₀ = 1 / B₀₁. */
  bayesFactor10: number;
  /** KDE posterior density at θ₀ (1/u). */
  posteriorDensity: number;
  /** Prior density at θ₀ (1/u), as given. */
  priorDensity: number;
  /** Batch-means standard error of B₀₁. */
  bayesFactor01Se: number;
  /** KDE bandwidth used (units u). */
  bandwidth: number;
}

/**
 * B₀₁ = p(θ₀|D)/p(θ₀) (Dickey 1971), valid when the nuisance priors of the nested model equal the
 * full model's conditional priors at θ₀. The posterior density at θ₀ is a Gaussian KDE (bandwidth
 * from all draws). Uncertainty by batch means: the draws, in sampler order, are cut into K
 * contiguous batches; each batch gives a KDE value at θ₀ with the same bandwidth; the standard
 * error of the full estimate is sd(batch values)/√K. Batches longer than a few τ make them nearly
 * independent, so this accounts for autocorrelation (pass flattened draws in step order).
 * The KDE's smoothing bias (≈ h²f''/2) is not included in the error.
 * Reference: J. M. Dickey, Ann. Math. Stat. 42 (1971) 204, doi:10.1214/aoms/1177693507;
 * Wagenmakers et al. 2010, doi:10.1016/j.cogpsych.2009.12.001; batch means: Flegal & Jones 2010,
 * doi:10.1214/09-AOS735.
 * @param samples - posterior draws of θ in sampler order (units u)
 * @param point - θ₀ (units u)
 * @param priorDensity - prior density p(θ₀) (1/u), > 0
 * @param opts - bandwidth, bounds, batches
 * @returns B₀₁, B₁₀, densities and the standard error of B₀₁
 * @example savageDickey(draws, 0, 1 / 20).bayesFactor01 // returns p̂(0|D)·20 for a U(−10, 10) prior
 */
export function savageDickey(samples: ArrayLike<number>, point: number, priorDensity: number, opts: SavageDickeyOptions = {}): SavageDickeyResult {
  if (!(priorDensity > 0 && Number.isFinite(priorDensity))) {
    throw new RangeError(`savageDickey: prior density at the point must be positive and finite, got ${priorDensity}`);
  }
  const k = opts.batches ?? 20;
  const n = samples.length;
  if (!(Number.isInteger(k) && k >= 2 && n >= 10 * k)) throw new RangeError(`savageDickey: need ≥ 10 draws per batch (n = ${n}, batches = ${k})`);
  const kde = kde1d(samples, { bandwidth: opts.bandwidth, lower: opts.lower, upper: opts.upper, gridSize: 2 });
  const h = kde.bandwidth;
  const posteriorDensity = kde.evaluate(point);
  const size = Math.floor(n / k);
  const values: number[] = [];
  for (let b = 0; b < k; b++) {
    const batch = Array.prototype.slice.call(samples, b * size, (b + 1) * size) as number[];
    values.push(kde1d(batch, { bandwidth: h, lower: opts.lower, upper: opts.upper, gridSize: 2 }).evaluate(point));
  }
  const mean = values.reduce((a, c) => a + c, 0) / k;
  const sd = Math.sqrt(values.reduce((a, c) => a + (c - mean) ** 2, 0) / (k - 1));
  const bayesFactor01 = posteriorDensity / priorDensity;
  return {
    bayesFactor01,
    bayesFactor10: 1 / bayesFactor01,
    posteriorDensity,
    priorDensity,
    bayesFactor01Se: sd / Math.sqrt(k) / priorDensity,
    bandwidth: h,
  };
}
