/**
 * Brent's one-dimensional minimizer (golden-section search with parabolic interpolation).
 * Algorithm: R. P. Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 5,
 * procedure `localmin`; also Press et al., Numerical Recipes §10.3.
 */

/** Options of {@link brentMinimize}. */
export interface BrentMinimizeOptions {
  /** Relative tolerance on x (default 1.5e-8 ≈ √ε; smaller values do not help). */
  relTol?: number;
  /** Absolute tolerance on x (default 1e-12). */
  absTol?: number;
  /** Maximum number of iterations (default 200). */
  maxIterations?: number;
}

/** Result of {@link brentMinimize}. */
export interface MinimizeResult {
  /** Location of the minimum. */
  x: number;
  /** f(x). */
  fx: number;
  /** Function evaluations used. */
  evaluations: number;
  /** True if the x tolerance was met. */
  converged: boolean;
}

const GOLD = 0.5 * (3 - Math.sqrt(5));

/**
 * Finds a local minimum of f on [a, b].
 * @param f - function to minimize
 * @param a - left end of the bracket
 * @param b - right end of the bracket
 * @param opts - tolerances and iteration budget
 * @returns the minimum found. Reference: Brent (1973), `localmin`.
 */
export function brentMinimize(f: (x: number) => number, a: number, b: number, opts: BrentMinimizeOptions = {}): MinimizeResult {
  const relTol = opts.relTol ?? 1.5e-8;
  const absTol = opts.absTol ?? 1e-12;
  const maxIt = opts.maxIterations ?? 200;
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  let x = lo + GOLD * (hi - lo);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let evaluations = 1;
  let d = 0;
  let e = 0;
  for (let it = 0; it < maxIt; it++) {
    const m = 0.5 * (lo + hi);
    const tol = relTol * Math.abs(x) + absTol;
    const t2 = 2 * tol;
    if (Math.abs(x - m) <= t2 - 0.5 * (hi - lo)) return { x, fx, evaluations, converged: true };
    let useGolden = true;
    if (Math.abs(e) > tol) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (lo - x) && p < q * (hi - x)) {
        d = p / q;
        const u = x + d;
        if (u - lo < t2 || hi - u < t2) d = x < m ? tol : -tol;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < m ? hi : lo) - x;
      d = GOLD * e;
    }
    const u = Math.abs(d) >= tol ? x + d : x + (d > 0 ? tol : -tol);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) hi = x;
      else lo = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evaluations, converged: false };
}
