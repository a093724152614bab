/**
 * Brent's root finder (bisection, secant and inverse quadratic interpolation).
 * Algorithm: R. P. Brent (1973), ch. 4, procedure `zero`; Press et al., Numerical Recipes §9.3.
 */

/** Options of {@link brentRoot} and {@link bisectRoot}. */
export interface RootOptions {
  /** Absolute tolerance on x (default 1e-12). */
  absTol?: number;
  /** Relative tolerance on x (default 4e-16). */
  relTol?: number;
  /** Maximum iterations (default 200). */
  maxIterations?: number;
}

/** Result of a root search. */
export interface RootResult {
  /** The root estimate. */
  x: number;
  /** f(x). */
  fx: number;
  /** Function evaluations used. */
  evaluations: number;
  /** True if the tolerance was met (or f(x) = 0 exactly). */
  converged: boolean;
}

/**
 * Finds a root of f in [a, b]; f(a) and f(b) must not have the same sign.
 * @param f - continuous function
 * @param a - one end of the bracket
 * @param b - other end of the bracket
 * @param opts - tolerances and iteration budget
 * @returns the root. Throws RangeError if the bracket does not change sign.
 * Reference: Brent (1973), `zero`.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const absTol = opts.absTol ?? 1e-12;
  const relTol = opts.relTol ?? 4e-16;
  const maxIt = opts.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  let evaluations = 2;
  if (fa === 0) return { x: a, fx: 0, evaluations, converged: true };
  if (fb === 0) return { x: b, fx: 0, evaluations, converged: true };
  if (fa * fb > 0) throw new RangeError(`brentRoot: f(a) and f(b) have the same sign (f(${a}) = ${fa}, f(${b}) = ${fb})`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 0; it < maxIt; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * relTol * Math.abs(b) + 0.5 * absTol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { x: b, fx: fb, evaluations, converged: true };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    evaluations++;
  }
  return { x: b, fx: fb, evaluations, converged: false };
}
