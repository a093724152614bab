/** Bisection root finder: slow but unconditionally robust for a sign-changing bracket. */
import type { RootOptions, RootResult } from './brentRoot.js';

/**
 * Finds a root of f in [a, b] by bisection; f(a) and f(b) must not have the same sign.
 * @param f - continuous function
 * @param a - one end of the bracket
 * @param b - other end of the bracket
 * @param opts - absTol/relTol on x and the iteration budget (default 300)
 * @returns the root. Throws RangeError if the bracket does not change sign.
 * Reference: intermediate value theorem; Press et al., Numerical Recipes §9.1.
 */
export function bisectRoot(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const absTol = opts.absTol ?? 1e-12;
  const relTol = opts.relTol ?? 4e-16;
  const maxIt = opts.maxIterations ?? 300;
  let fa = f(a);
  const fb = f(b);
  let evaluations = 2;
  if (fa === 0) return { x: a, fx: 0, evaluations, converged: true };
  if (fb === 0) return { x: b, fx: 0, evaluations, converged: true };
  if (fa * fb > 0) throw new RangeError(`bisectRoot: f(a) and f(b) have the same sign (f(${a}) = ${fa}, f(${b}) = ${fb})`);
  let lo = a;
  let hi = b;
  for (let it = 0; it < maxIt; it++) {
    const m = 0.5 * (lo + hi);
    const fm = f(m);
    evaluations++;
    if (fm === 0 || Math.abs(hi - lo) <= 2 * (absTol + relTol * Math.abs(m))) return { x: m, fx: fm, evaluations, converged: true };
    if (fa * fm < 0) hi = m;
    else {
      lo = m;
      fa = fm;
    }
  }
  const x = 0.5 * (lo + hi);
  return { x, fx: f(x), evaluations: evaluations + 1, converged: false };
}
