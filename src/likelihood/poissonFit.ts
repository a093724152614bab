/**
 * Maximum-likelihood fit of a binned Poisson model with Gaussian-constrained and free parameters,
 * by damped Gauss–Newton (Levenberg–Marquardt) steps on
 *
 *   F(x) = D(μ(x)) + Σ_k ((x_k − m_k)/s_k)²,   D = 2 Σ_b [μ_b − n_b + n_b ln(n_b/μ_b)],
 *
 * the Poisson deviance (Baker & Cousins 1984, NIM 221, 437) plus the Gaussian penalties of the
 * constrained parameters. Gradient g = 2 Σ_b (1 − n_b/μ_b) J_b + 2(x − m)/s², curvature
 * H = 2 Σ_b (n_b/μ_b²) J_b J_bᵀ + 2/s² (the Gauss–Newton form of the Poisson Hessian, exact at a
 * perfect fit), J the Jacobian ∂μ/∂x by forward differences. Steps solve (H + λ diag H) δ = −g
 * (Levenberg 1944, Q. Appl. Math. 2, 164; Marquardt 1963, SIAM J. Appl. Math. 11, 431), are
 * projected into the box [lower, upper], accepted if F decreases (λ ← λ/3) and rejected otherwise
 * (λ ← 4λ). Converged when F changes by < fTol and every step is below xTol·scale.
 * The covariance estimate is 2 H⁻¹ at the minimum (F = −2 ln L up to a constant).
 */

/** A fit problem. */
export interface PoissonFitProblem {
  /** number of variables */
  nVars: number;
  /** number of bins */
  nBins: number;
  /** observed counts per bin */
  data: ArrayLike<number>;
  /** expected counts at x (writes nBins values) */
  expected: (x: Float64Array, out: Float64Array) => void;
  /** Gaussian penalty per variable: centre and width, or null for an unconstrained variable */
  penalties: ReadonlyArray<{ mean: number; sigma: number } | null>;
  /** typical scale per variable (finite-difference steps are 1e-5 of it; convergence in units of it) */
  scales: ArrayLike<number>;
  /** lower bounds (−∞ allowed) */
  lower?: ArrayLike<number>;
  /** upper bounds (+∞ allowed) */
  upper?: ArrayLike<number>;
}

/** Options. */
export interface PoissonFitOptions {
  /** convergence in F (default 1e-9) */
  fTol?: number;
  /** convergence of steps in units of the scales (default 1e-7) */
  xTol?: number;
  /** iteration cap (default 200) */
  maxIterations?: number;
  /** indices of variables held fixed at their start values */
  fixed?: readonly number[];
}

/** Result of a fit. */
export interface PoissonFitResult {
  /** minimising x */
  x: Float64Array;
  /** F at the minimum (deviance + penalties) */
  f: number;
  /** deviance part */
  deviance: number;
  /** covariance estimate 2H⁻¹ over the free variables (fixed rows/columns are 0) */
  covariance: Float64Array;
  /** iterations used */
  iterations: number;
  /** true when the tolerances were met */
  converged: boolean;
  /** calls of `expected` */
  evaluations: number;
}

/**
 * Solves A y = b in place by Gaussian elimination with partial pivoting (Golub & Van Loan,
 * Matrix Computations, 4th ed., §3.4).
 *
 * @param A - n×n matrix, row-major (overwritten)
 * @param b - right-hand side (overwritten with the solution y)
 * @param n - dimension
 * @returns false when a pivot is exactly zero (singular matrix)
 * @example solveLinear(Float64Array.of(2, 0, 0, 4), Float64Array.of(2, 8), 2) // returns true; b = [1, 2]
 */
export function solveLinear(A: Float64Array, b: Float64Array, n: number): boolean {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[p * n + c]!)) p = r;
    if (!(Math.abs(A[p * n + c]!) > 0)) return false;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k]!;
        A[c * n + k] = A[p * n + k]!;
        A[p * n + k] = t;
      }
      const t = b[c]!;
      b[c] = b[p]!;
      b[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! / A[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k]! -= f * A[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= A[r * n + k]! * b[k]!;
    b[r] = s / A[r * n + r]!;
  }
  return true;
}

/**
 * Minimises F from x0.
 *
 * @param prob - the problem
 * @param x0 - start (inside the bounds)
 * @param opts - tolerances, fixed variables
 * @returns the fit
 * @example fitPoisson({ nVars: 1, nBins: 1, data: [5], expected: (x, o) => { o[0] = x[0]; }, penalties: [null], scales: [1] }, [1]).x[0] // returns ~5
 * Reference: module header.
 */
export function fitPoisson(prob: PoissonFitProblem, x0: ArrayLike<number>, opts: PoissonFitOptions = {}): PoissonFitResult {
  const { nVars: n, nBins: m, data } = prob;
  const lower = prob.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = prob.upper ?? new Array<number>(n).fill(Infinity);
  const fixed = new Set(opts.fixed ?? []);
  const free = Array.from({ length: n }, (_, k) => k).filter((k) => !fixed.has(k));
  const d = free.length;
  const fTol = opts.fTol ?? 1e-9;
  const xTol = opts.xTol ?? 1e-7;
  const maxIt = opts.maxIterations ?? 200;
  let evaluations = 0;
  const mu = new Float64Array(m);
  const mu2 = new Float64Array(m);
  const J = new Float64Array(d * m);
  const x = Float64Array.from(x0);
  const clamp = (k: number, v: number): number => Math.min(upper[k]!, Math.max(lower[k]!, v));
  for (let k = 0; k < n; k++) x[k] = clamp(k, x[k]!);

  const deviance = (mv: Float64Array): number => {
    let s = 0;
    for (let b = 0; b < m; b++) {
      const nb = data[b]!;
      const v = mv[b]!;
      if (nb > 0) {
        if (!(v > 0)) return Infinity;
        s += v - nb + nb * Math.log(nb / v);
      } else {
        if (!(v >= 0)) return Infinity;
        s += v;
      }
    }
    return 2 * s;
  };
  const penalty = (xv: Float64Array): number => {
    let s = 0;
    for (let k = 0; k < n; k++) {
      const p = prob.penalties[k];
      if (p) s += ((xv[k]! - p.mean) / p.sigma) ** 2;
    }
    return s;
  };
  const objective = (xv: Float64Array, out: Float64Array): { f: number; dev: number } => {
    prob.expected(xv, out);
    evaluations++;
    const dev = deviance(out);
    return { f: dev + penalty(xv), dev };
  };

  let cur = objective(x, mu);
  let lambda = 1e-3;
  const H = new Float64Array(d * d);
  const g = new Float64Array(d);
  const A = new Float64Array(d * d);
  const step = new Float64Array(d);
  const trial = new Float64Array(n);
  let converged = false;
  let it = 0;
  for (; it < maxIt && d > 0; it++) {
    // Jacobian by forward differences (backward at an upper bound)
    for (let q = 0; q < d; q++) {
      const k = free[q]!;
      let h = 1e-5 * prob.scales[k]!;
      if (x[k]! + h > upper[k]!) h = -h;
      trial.set(x);
      trial[k] = x[k]! + h;
      prob.expected(trial, mu2);
      evaluations++;
      for (let b = 0; b < m; b++) J[q * m + b] = (mu2[b]! - mu[b]!) / h;
    }
    g.fill(0);
    H.fill(0);
    for (let b = 0; b < m; b++) {
      const v = mu[b]!;
      const nb = data[b]!;
      const gw = 2 * (1 - nb / v);
      const hw = nb > 0 ? (2 * nb) / (v * v) : 0;
      for (let q = 0; q < d; q++) {
        const jq = J[q * m + b]!;
        if (jq === 0) continue;
        g[q]! += gw * jq;
        if (hw === 0) continue;
        for (let r = 0; r <= q; r++) H[q * d + r]! += hw * jq * J[r * m + b]!;
      }
    }
    for (let q = 0; q < d; q++) {
      for (let r = 0; r < q; r++) H[r * d + q] = H[q * d + r]!;
      const p = prob.penalties[free[q]!];
      if (p) {
        g[q]! += (2 * (x[free[q]!]! - p.mean)) / (p.sigma * p.sigma);
        H[q * d + q]! += 2 / (p.sigma * p.sigma);
      }
      // a variable the data and penalties do not constrain at all gets a tiny curvature
      if (!(H[q * d + q]! > 0)) H[q * d + q] = 1e-12 / (prob.scales[free[q]!]! ** 2);
    }
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      A.set(H);
      for (let q = 0; q < d; q++) A[q * d + q]! *= 1 + lambda;
      for (let q = 0; q < d; q++) step[q] = -g[q]!;
      if (!solveLinear(A, step, d)) {
        lambda *= 4;
        continue;
      }
      trial.set(x);
      let big = 0;
      for (let q = 0; q < d; q++) {
        const k = free[q]!;
        trial[k] = clamp(k, x[k]! + step[q]!);
        big = Math.max(big, Math.abs(trial[k]! - x[k]!) / prob.scales[k]!);
      }
      const next = objective(trial, mu2);
      if (next.f <= cur.f) {
        const df = cur.f - next.f;
        x.set(trial);
        mu.set(mu2);
        cur = next;
        lambda = Math.max(lambda / 3, 1e-9);
        accepted = true;
        if (df < fTol && big < xTol * 1e3) converged = true;
        if (big < xTol) converged = true;
        break;
      }
      lambda *= 4;
      if (big < xTol) {
        converged = true;
        break;
      }
    }
    if (converged || !accepted) {
      if (!accepted) converged = true;
      break;
    }
  }
  if (d === 0) converged = true;
  // covariance 2 H⁻¹ over the free variables
  const cov = new Float64Array(n * n);
  if (d > 0) {
    for (let r = 0; r < d; r++) {
      A.set(H);
      const e = new Float64Array(d);
      e[r] = 1;
      if (solveLinear(A, e, d)) for (let q = 0; q < d; q++) cov[free[q]! * n + free[r]!] = 2 * e[q]!;
    }
  }
  return { x, f: cur.f, deviance: cur.dev, covariance: cov, iterations: it, converged, evaluations };
}
