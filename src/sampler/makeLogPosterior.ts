/**
 * Log-posterior = Σ log-prior + log-likelihood, batched. The likelihood is evaluated only for the
 * walkers inside every prior's support (the others get −∞ without a likelihood call).
 * Reference: Bayes' theorem, ln p(θ|d) = ln p(d|θ) + ln p(θ) + const (Gelman et al., BDA3 §1.3).
 * @module
 */
import { compilePriorLogPdf, type SampledParameter } from './priors.js';
import type { BatchLogProb } from './types.js';

/**
 * @param params - sampled parameters in coordinate order (physics and nuisance alike)
 * @param logLikeBatch - batched log-likelihood over the same coordinates
 * @returns batched log-posterior
 */
export function makeLogPosterior(params: readonly SampledParameter[], logLikeBatch: BatchLogProb): BatchLogProb {
  const D = params.length;
  const priors = params.map((p) => compilePriorLogPdf(p.prior));
  let sub = new Float64Array(0);
  let subOut = new Float64Array(0);
  let idx = new Int32Array(0);
  let lpri = new Float64Array(0);
  return (coords, n, out) => {
    if (idx.length < n) {
      sub = new Float64Array(n * D);
      subOut = new Float64Array(n);
      idx = new Int32Array(n);
      lpri = new Float64Array(n);
    }
    let m = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < D && s !== -Infinity; d++) s += priors[d]!(coords[i * D + d]!);
      if (s === -Infinity) {
        out[i] = -Infinity;
        continue;
      }
      lpri[m] = s;
      idx[m] = i;
      for (let d = 0; d < D; d++) sub[m * D + d] = coords[i * D + d]!;
      m++;
    }
    if (m === 0) return;
    logLikeBatch(sub, m, subOut);
    for (let k = 0; k < m; k++) out[idx[k]!] = lpri[k]! + subOut[k]!;
  };
}
