/**
 * Quasi-Newton minimisation with simple bounds: BFGS on the variables that are not held at a
 * bound, with a projected Armijo backtracking line search (the projected-gradient active set of
 * Bertsekas 1982, SIAM J. Control Optim. 20, 221; BFGS update: Nocedal & Wright, "Numerical
 * Optimization", 2nd ed. (2006), eq. 6.17). It is the minimiser of the nuisance profiles: −2 ln L
 * of a Poisson or Gaussian binned likelihood plus prior penalties is smooth and (for
 * normalisation and interpolation nuisances) close to quadratic, so BFGS with an analytic gradient
 * converges in a few tens of iterations for 10–20 nuisances.
 *
 * The problem is solved in scaled coordinates z = (x − x₀)/scale (the caller passes typical
 * widths), so the initial inverse Hessian is the identity in units of those widths.
 * @module
 */

/** Options of {@link boxBfgs}. */
export interface BoxBfgsOptions {
  /** Lower bounds (−∞ allowed); default unbounded. */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds (+∞ allowed); default unbounded. */
  readonly upper?: ArrayLike<number>;
  /** Typical scale of each variable (> 0); default 1. */
  readonly scale?: ArrayLike<number>;
  /** Stop when the projected gradient in scaled coordinates has max-norm below this (default 1e-8). */
  readonly gTol?: number;
  /** Stop when f decreases by less than fTol·(1 + |f|) in two successive iterations (default 1e-14). */
  readonly fTol?: number;
  /** Iteration cap (default 200·n). */
  readonly maxIterations?: number;
  /**
   * Start inverse Hessian in scaled coordinates (row-major n × n, e.g. `inverseHessian` of an
   * earlier fit of a neighbouring problem); default the identity. It is reset to the identity when
   * the set of free variables changes or it gives no descent direction.
   */
  readonly initialInverseHessian?: ArrayLike<number>;
}

/** Result of {@link boxBfgs}. */
export interface BoxBfgsResult {
  /** Minimiser found. */
  readonly x: Float64Array;
  /** f at x. */
  readonly fx: number;
  /** Iterations taken. */
  readonly iterations: number;
  /** Objective evaluations (each with its gradient). */
  readonly evaluations: number;
  /** True if a convergence test (not the cap) stopped it. */
  readonly converged: boolean;
  /** The final BFGS inverse Hessian in scaled coordinates (row-major n × n). */
  readonly inverseHessian: Float64Array;
}

/**
 * Minimises f with gradient over a box (see module doc).
 * @param fg - writes ∇f(x) into `grad` and returns f(x); may return +∞ (e.g. a negative expectation), which the line search rejects
 * @param x0 - start (clamped into the box)
 * @param opts - bounds, scales and tolerances
 * @returns the minimiser and its value
 * @example boxBfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, [0]).x[0] // returns 3
 */
export function boxBfgs(fg: (x: Float64Array, grad: Float64Array) => number, x0: ArrayLike<number>, opts: BoxBfgsOptions = {}): BoxBfgsResult {
  const n = x0.length;
  const lo = Float64Array.from({ length: n }, (_, i) => opts.lower?.[i] ?? -Infinity);
  const hi = Float64Array.from({ length: n }, (_, i) => opts.upper?.[i] ?? Infinity);
  const sc = Float64Array.from({ length: n }, (_, i) => opts.scale?.[i] ?? 1);
  for (let i = 0; i < n; i++) {
    if (!(sc[i]! > 0 && Number.isFinite(sc[i]!))) throw new RangeError(`scale[${i}] must be finite and > 0`);
    if (!(lo[i]! <= hi[i]!)) throw new RangeError(`lower[${i}] > upper[${i}]`);
  }
  const gTol = opts.gTol ?? 1e-8;
  const fTol = opts.fTol ?? 1e-14;
  const maxIt = opts.maxIterations ?? 200 * Math.max(n, 1);
  const clamp = (v: number, i: number): number => Math.min(hi[i]!, Math.max(lo[i]!, v));

  let evaluations = 0;
  const x = Float64Array.from({ length: n }, (_, i) => clamp(x0[i]!, i));
  const gx = new Float64Array(n);
  const eval_ = (pt: Float64Array, g: Float64Array): number => {
    evaluations++;
    const v = fg(pt, g);
    return Number.isNaN(v) ? Infinity : v;
  };
  let f = eval_(x, gx);
  if (n === 0 || !Number.isFinite(f)) return { x, fx: f, iterations: 0, evaluations, converged: n === 0, inverseHessian: new Float64Array(n * n) };

  // inverse Hessian in scaled coordinates (row-major n × n)
  const H = new Float64Array(n * n);
  const resetH = (): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  const H0 = opts.initialInverseHessian;
  if (H0 && H0.length === n * n) for (let i = 0; i < n * n; i++) H[i] = H0[i]!;
  else resetH();
  const free = new Uint8Array(n);
  const prevFree = new Uint8Array(n);
  const gz = new Float64Array(n); // gradient in scaled coordinates
  const d = new Float64Array(n); // direction in scaled coordinates
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let smallSteps = 0;
  let converged = false;
  let it = 0;
  for (; it < maxIt; it++) {
    let pg = 0;
    let changed = false;
    for (let i = 0; i < n; i++) {
      gz[i] = gx[i]! * sc[i]!;
      const atLo = x[i]! <= lo[i]! && gz[i]! > 0;
      const atHi = x[i]! >= hi[i]! && gz[i]! < 0;
      free[i] = atLo || atHi ? 0 : 1;
      if (free[i] !== prevFree[i]) changed = true;
      if (free[i]) pg = Math.max(pg, Math.abs(gz[i]!));
    }
    if (pg < gTol) {
      converged = true;
      break;
    }
    if (changed && it > 0) resetH();
    prevFree.set(free);
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      if (free[i]) for (let j = 0; j < n; j++) if (free[j]) v -= H[i * n + j]! * gz[j]!;
      d[i] = v;
      slope += v * gz[i]!;
    }
    if (!(slope < 0)) {
      // not a descent direction (H lost positive definiteness through rounding): steepest descent
      resetH();
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -gz[i]! : 0;
        slope += d[i]! * gz[i]!;
      }
    }
    // projected backtracking (Armijo on the projected step)
    let t = 1;
    let ft = Infinity;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xt[i] = clamp(x[i]! + t * d[i]! * sc[i]!, i);
        decrease += gx[i]! * (xt[i]! - x[i]!);
      }
      ft = eval_(xt, gt);
      if (Number.isFinite(ft) && ft <= f + 1e-4 * Math.min(decrease, 0)) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    let sy = 0;
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      s[i] = (xt[i]! - x[i]!) / sc[i]!;
      y[i] = (gt[i]! - gx[i]!) * sc[i]!;
      if (!free[i]) s[i] = y[i] = 0;
      sy += s[i]! * y[i]!;
      maxStep = Math.max(maxStep, Math.abs(s[i]!));
    }
    const df = f - ft;
    x.set(xt);
    gx.set(gt);
    f = ft;
    if (sy > 1e-300) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j]! * y[j]!;
        Hy[i] = v;
        yHy += y[i]! * v;
      }
      const c = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + c * s[i]! * s[j]!;
        }
      }
    }
    if (df <= fTol * (1 + Math.abs(f)) || maxStep < 1e-15) {
      if (++smallSteps >= 2) {
        converged = true;
        it++;
        break;
      }
    } else smallSteps = 0;
  }
  return { x, fx: f, iterations: it, evaluations, converged, inverseHessian: H };
}
