/**
 * Feldman–Cousins confidence intervals for a Poisson signal mean μ ≥ 0 with a known background
 * b (Feldman & Cousins, Phys. Rev. D 57, 3873 (1998), Sec. IV.B, arXiv:physics/9711021).
 *
 * The construction is over counts and needs no toys:
 * 1. for a signal mean μ, every count n gets the likelihood ratio
 *    R(n) = P(n | μ + b) / P(n | μ_best + b) with μ_best = max(0, n − b) (FC eq. 4.1–4.2);
 * 2. counts enter the acceptance region of μ in decreasing order of R until the summed
 *    probability reaches at least the confidence level (FC: "until the sum of P(n|μ) meets or
 *    exceeds the desired C.L.");
 * 3. the confidence interval for an observed n0 is the set of μ whose acceptance region holds
 *    n0. Because n is discrete, that set can have holes (FC Sec. IV.B and the remark on the
 *    non-monotonic belt); like FC we quote the smallest interval that contains it, i.e. the
 *    belt edges are "pushed outward": μ_lo = inf{μ : n2(μ) ≥ n0}, μ_hi = sup{μ : n1(μ) ≤ n0}
 *    with [n1(μ), n2(μ)] the acceptance region.
 *
 * The acceptance region is piecewise constant in μ. We locate the two edges to 1e-9 in μ by a
 * scan with step 1e-3 followed by bisection, so the result is exact to far better than the two
 * decimals of the published tables.
 */
import { gammaln } from '../numerics/stdlib.js';

/** Result of {@link feldmanCousinsPoisson}. */
export interface PoissonInterval {
  /** Lower end of the interval for μ (signal events). */
  readonly lo: number;
  /** Upper end. */
  readonly hi: number;
}

const LOG_FACTORIAL: number[] = [0];
function logFactorial(n: number): number {
  while (LOG_FACTORIAL.length <= n) LOG_FACTORIAL.push(gammaln(LOG_FACTORIAL.length + 1));
  return LOG_FACTORIAL[n]!;
}

function logPoisson(n: number, mean: number): number {
  if (mean === 0) return n === 0 ? 0 : -Infinity;
  return n * Math.log(mean) - mean - logFactorial(n);
}

/**
 * The FC acceptance region [n1, n2] (inclusive) of counts for signal mean μ.
 *
 * @param mu - signal mean (events, ≥ 0)
 * @param b - known background mean (events, ≥ 0)
 * @param cl - confidence level in (0, 1)
 * @returns first and last accepted count
 * @example poissonAcceptanceRegion(0.5, 3, 0.9) // returns [0, 7]
 */
export function poissonAcceptanceRegion(mu: number, b: number, cl: number): [number, number] {
  const mean = mu + b;
  const logMean = Math.log(mean);
  // ln P(n | μ + b) and ln R(n) = ln P(n | μ + b) − ln P(n | max(0, n − b) + b)
  const lp = (n: number): number => (mean === 0 ? (n === 0 ? 0 : -Infinity) : n * logMean - mean - logFactorial(n));
  const lr = (n: number): number => lp(n) - logPoisson(n, Math.max(n, b));
  // ln R is unimodal in n (increasing for n < μ + b, decreasing above: d/dn ln R = ln((μ+b)/max(n,b))
  // in the continuum), so adding counts in decreasing R is a two-pointer walk outward from the mode.
  let mode = Math.max(0, Math.floor(mean));
  if (lr(mode + 1) > lr(mode)) mode += 1;
  let n1 = mode;
  let n2 = mode;
  let sum = Math.exp(lp(mode));
  let left = n1 > 0 ? lr(n1 - 1) : -Infinity;
  let right = lr(n2 + 1);
  while (sum < cl) {
    // equal R keeps the lower count first
    if (left >= right) {
      n1 -= 1;
      sum += Math.exp(lp(n1));
      left = n1 > 0 ? lr(n1 - 1) : -Infinity;
    } else {
      n2 += 1;
      sum += Math.exp(lp(n2));
      right = lr(n2 + 1);
    }
  }
  return [n1, n2];
}

function bisect(pred: (x: number) => boolean, aTrue: number, bFalse: number, tol = 1e-10): number {
  // pred(aTrue) is true, pred(bFalse) is false; returns the transition point to `tol`
  let a = aTrue;
  let b = bFalse;
  while (Math.abs(b - a) > tol) {
    const m = 0.5 * (a + b);
    if (pred(m)) a = m;
    else b = m;
  }
  return 0.5 * (a + b);
}

/** A signal mean above which n0 can no longer be accepted: P(n ≤ n0 | μ + b) < 1e-12. */
function muCeiling(n0: number, b: number): number {
  let hi = Math.max(1, n0 + 1);
  const tail = (mu: number): number => {
    let s = 0;
    for (let n = 0; n <= n0; n++) s += Math.exp(logPoisson(n, mu + b));
    return s;
  };
  while (tail(hi) > 1e-12) hi *= 1.5;
  return hi;
}

/**
 * Upper edge of the plain construction: sup{μ ≥ 0 : n1(μ) ≤ n0}, scanning down from `muTop`
 * (where n1 > n0) with `step`, then bisecting; 0 if no μ in [0, muTop] accepts n0 from below.
 */
function plainUpperEdge(n0: number, b: number, cl: number, muTop: number, step: number): number {
  const below = (mu: number): boolean => poissonAcceptanceRegion(mu, b, cl)[0] <= n0;
  let prev = muTop;
  for (let k = Math.ceil(muTop / step) - 1; k >= 0; k--) {
    const mu = k * step;
    if (below(mu)) return bisect(below, mu, prev);
    prev = mu;
  }
  return 0;
}

/** Options of {@link feldmanCousinsPoisson}. */
export interface PoissonFcOptions {
  /**
   * Apply FC's second compensation (Sec. IV.B): the upper end μ2(n0, b) is made non-increasing in
   * b by taking the largest plain upper end over backgrounds b' ≥ b (default true, as in the
   * published tables). Without it, e.g. n0 = 0, b = 3, 90% CL gives 0.95 instead of FC's 1.08.
   */
  readonly monotoneInBackground?: boolean;
  /** How far above b the backgrounds b' are scanned (events; default 2). */
  readonly backgroundSpan?: number;
}

/**
 * Feldman–Cousins interval for a Poisson signal mean with known background (see module doc).
 *
 * With `monotoneInBackground` (default) the plain upper end is followed along b' ∈ [b, b + span]
 * in steps of 0.005: between jumps it falls smoothly, so each step rescans only up to 1 event
 * above the previous edge; every upward jump is located by bisection in b' and its value right
 * after the jump enters the maximum. FC scanned b in steps of 0.001 over [0, 25]; the jumps we
 * follow are spaced by ≳ 0.4 in b' and their peaks decrease with b', so the span of 3 is ample
 * for the tabulated range (default span 2).
 *
 * @param n0 - observed total count (integer ≥ 0)
 * @param b - known mean background (events, ≥ 0)
 * @param cl - confidence level in (0, 1), e.g. 0.9
 * @param opts - see {@link PoissonFcOptions}
 * @returns the interval [lo, hi] for the signal mean (events)
 * @example feldmanCousinsPoisson(0, 0, 0.9) // returns { lo: 0, hi: ~2.44 } (FC Table IV)
 */
export function feldmanCousinsPoisson(n0: number, b: number, cl: number, opts: PoissonFcOptions = {}): PoissonInterval {
  if (!(Number.isInteger(n0) && n0 >= 0)) throw new RangeError(`observed count must be an integer >= 0 (got ${n0})`);
  if (!(b >= 0 && Number.isFinite(b))) throw new RangeError(`background must be finite and >= 0 (got ${b})`);
  if (!(cl > 0 && cl < 1)) throw new RangeError(`confidence level must be in (0, 1) (got ${cl})`);
  const step = 1e-3;
  // lower edge: first μ with n2(μ) ≥ n0
  const above = (mu: number): boolean => poissonAcceptanceRegion(mu, b, cl)[1] >= n0;
  let lo = 0;
  if (!above(0)) {
    let prev = 0;
    for (let k = 1; ; k++) {
      const mu = k * step;
      if (above(mu)) {
        lo = bisect(above, mu, prev);
        break;
      }
      prev = mu;
    }
  }
  let hi = plainUpperEdge(n0, b, cl, muCeiling(n0, b), step);
  if (opts.monotoneInBackground ?? true) {
    const span = opts.backgroundSpan ?? 2;
    const db = 0.005;
    const jump = 1.0;
    let prevB = b;
    let prevEdge = hi;
    for (let k = 1; k * db <= span + 1e-12; k++) {
      const bb = b + k * db;
      const edge = plainUpperEdge(n0, bb, cl, prevEdge + jump, 5e-3);
      if (edge > prevEdge + 1e-3) {
        // an upward jump between prevB and bb: locate it and take the edge just after it
        const jumped = (x: number): boolean => plainUpperEdge(n0, x, cl, prevEdge + jump, 5e-3) > prevEdge + 1e-3;
        const bStar = bisect((x) => !jumped(x), prevB, bb, 1e-7);
        hi = Math.max(hi, plainUpperEdge(n0, bStar + 1e-7, cl, prevEdge + jump, 1e-3));
      }
      hi = Math.max(hi, edge);
      prevB = bb;
      prevEdge = edge;
    }
  }
  return { lo, hi };
}
