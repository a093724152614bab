/**
 * Minimisation of the Poisson (Cash) statistic over the normalisation nuisances α and β.
 *
 * f(α, β) = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] + P_α α² + P_β β², μ_i = (1+α) s_i + (1+β) b_i
 * (Cash 1979, ApJ 228, 939). f is convex in (α, β): each bin term is convex in μ_i and μ_i is
 * linear in (α, β), and the pulls are convex. A damped Newton iteration therefore converges to
 * the unique minimum; each step is halved until all μ_i stay positive and f decreases (Armijo).
 */
import type { BinnedLikelihoodSpec } from './binnedLikelihoodSpec.js';
import type { NuisanceFit, PullCenters } from './profileGaussianNuisances.js';
import { nuisancePrecision } from './nuisancePrior.js';
import { cashStatistic } from './cashStatistic.js';

const MAX_ITERATIONS = 100;

/**
 * Profiles α and β out of the Cash statistic by damped 2-D Newton iteration.
 *
 * @param spec - a spec (either form; only observed, background, bins and the nuisances are used)
 * @param signal - expected signal events per bin (all bins of the experiment)
 * @param centers - pull centres (default 0, 0; pulls P (v − v₀)², see profileGaussianNuisances)
 * @returns the minimising α, β (to ~1e-10 absolute)
 */
export function profilePoissonNuisances(spec: BinnedLikelihoodSpec, signal: ArrayLike<number>, centers?: PullCenters): NuisanceFit {
  const pa = nuisancePrecision(spec.alpha);
  const pb = nuisancePrecision(spec.beta);
  const freeA = pa !== Infinity;
  const freeB = pb !== Infinity;
  let alpha = 0;
  let beta = 0;
  if (!freeA && !freeB) return { alpha, beta };
  const a0 = centers?.alpha ?? 0;
  const b0 = centers?.beta ?? 0;
  const { observed: n, background: b, bins } = spec;
  const f = (a: number, be: number): number =>
    cashStatistic(n, signal, b, bins, a, be) + (freeA ? pa * (a - a0) * (a - a0) : 0) + (freeB ? pb * (be - b0) * (be - b0) : 0);
  let fCur = f(alpha, beta);
  if (!Number.isFinite(fCur)) return { alpha, beta };
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    // gradient and Hessian of f
    let ga = freeA ? 2 * pa * (alpha - a0) : 0;
    let gb = freeB ? 2 * pb * (beta - b0) : 0;
    let haa = freeA ? 2 * pa : 0;
    let hbb = freeB ? 2 * pb : 0;
    let hab = 0;
    for (const i of bins) {
      const s = signal[i]!;
      const bi = b[i]!;
      const ni = n[i]!;
      const mu = (1 + alpha) * s + (1 + beta) * bi;
      const dl = 2 * (1 - ni / mu);
      const c = (2 * ni) / (mu * mu);
      ga += dl * s;
      gb += dl * bi;
      haa += c * s * s;
      hbb += c * bi * bi;
      hab += c * s * bi;
    }
    let da = 0;
    let db = 0;
    if (freeA && freeB) {
      const ridge = 1e-12 * (haa + hbb) + 1e-300;
      const h11 = haa + ridge;
      const h22 = hbb + ridge;
      const det = h11 * h22 - hab * hab;
      if (det > 0) {
        da = -(h22 * ga - hab * gb) / det;
        db = -(h11 * gb - hab * ga) / det;
      } else {
        da = -ga / h11;
        db = -gb / h22;
      }
    } else if (freeA) {
      da = -ga / (haa + 1e-300);
    } else {
      db = -gb / (hbb + 1e-300);
    }
    const slope = ga * da + gb * db; // directional derivative (≤ 0 for a descent step)
    if (!(slope < 0)) break;
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const fTry = f(alpha + t * da, beta + t * db);
      if (Number.isFinite(fTry) && fTry <= fCur + 1e-4 * t * slope) {
        alpha += t * da;
        beta += t * db;
        fCur = fTry;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    if (Math.abs(t * da) < 1e-12 * (1 + Math.abs(alpha)) && Math.abs(t * db) < 1e-12 * (1 + Math.abs(beta))) break;
    if (-slope < 1e-20) break;
  }
  return { alpha, beta };
}
