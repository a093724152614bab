/**
 * Nelder–Mead downhill-simplex minimiser for a few (n ≥ 1) unconstrained variables.
 *
 * Steps (reflection, expansion, outside/inside contraction, shrink) and their acceptance rules
 * follow Lagarias, Reeds, Wright & Wright, SIAM J. Optim. 9 (1998) 112, doi:10.1137/S1052623496303470
 * (the method itself: Nelder & Mead, Comput. J. 7 (1965) 308, doi:10.1093/comjnl/7.4.308).
 * Coefficients depend on the dimension n as proposed by Gao & Han, Comput. Optim. Appl. 51
 * (2012) 259, doi:10.1007/s10589-010-9329-3: reflection 1, expansion 1 + 2/n, contraction
 * 3/4 − 1/(2n), shrink 1 − 1/n (for n = 1 the classical 1, 2, 1/2, 1/2, which the adaptive
 * values equal at n = 2).
 *
 * Nelder–Mead can stall at a non-stationary point (McKinnon, SIAM J. Optim. 9 (1998) 148,
 * doi:10.1137/S1052623496303482). As a guard, every converged run is restarted from a fresh
 * simplex of the initial size around the best vertex (the remedy discussed by Kelley, SIAM J.
 * Optim. 10 (1999) 43, doi:10.1137/S1052623497315203); the result is accepted once a restart no
 * longer lowers f by more than `fTol`.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /**
   * Edge lengths of the initial simplex, one per coordinate or one for all (units of x).
   * Default: 5% of |x0ᵢ|, or 2.5e-4 where x0ᵢ = 0.
   */
  readonly initialStep?: number | readonly number[];
  /** Convergence: every vertex within this distance (max-norm, units of x) of the best one. Default 1e-10. */
  readonly xTol?: number;
  /** Convergence: every vertex's f within this of the best f (units of f). Default 1e-12. */
  readonly fTol?: number;
  /** Hard cap on the number of calls of f, restarts included. Default 1000·n. */
  readonly maxEvaluations?: number;
  /** At most this many restarts after the first convergence. Default 3. */
  readonly maxRestarts?: number;
}

/** Result of {@link nelderMead}. */
export interface NelderMeadResult {
  /** Best point found (units of x). */
  readonly x: number[];
  /** f(x); +∞ if f was nowhere finite. */
  readonly fx: number;
  /** Calls of f (never above `maxEvaluations`). */
  readonly evaluations: number;
  /** Restarts performed after the first convergence. */
  readonly restarts: number;
  /**
   * True if a run met both tolerances and the restart after it did not lower f by more than
   * `fTol` (with `maxRestarts: 0`, if the first run met the tolerances); false when the budget ran out.
   */
  readonly converged: boolean;
}

class BudgetExhausted extends Error {}

/**
 * Minimises f from the start x0 with the adaptive Nelder–Mead simplex method and restarts.
 * f may return NaN or −∞ where it is undefined (e.g. outside a feasible box): such values are
 * treated as +∞, so the simplex never moves there.
 *
 * @param f - objective; receives a point (units of x) that it must not keep
 * @param x0 - start point (length n ≥ 1, finite)
 * @param opts - simplex size, tolerances, evaluation budget, restarts
 * @returns the best vertex found and how the run ended
 * @throws RangeError for an empty or non-finite start, or a non-positive budget/step
 * @example nelderMead(([x, y]) => (x! - 1) ** 2 + (y! + 2) ** 2, [0, 0]).x // returns ≈ [1, −2]
 * Reference: Gao & Han (2012), doi:10.1007/s10589-010-9329-3; Lagarias et al. (1998), doi:10.1137/S1052623496303470.
 */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  if (n < 1 || !x0.every(Number.isFinite)) throw new RangeError(`nelderMead: the start must be a non-empty finite vector (got [${x0.join(', ')}])`);
  const steps = Array.from({ length: n }, (_, i) => {
    const s = opts.initialStep;
    if (typeof s === 'number') return s;
    if (s) return s[i]!;
    return x0[i] !== 0 ? 0.05 * Math.abs(x0[i]!) : 2.5e-4;
  });
  if (!steps.every((s) => Number.isFinite(s) && s !== 0)) throw new RangeError('nelderMead: initialStep must be finite and non-zero');
  const xTol = opts.xTol ?? 1e-10;
  const fTol = opts.fTol ?? 1e-12;
  const maxEvaluations = opts.maxEvaluations ?? 1000 * n;
  if (!(maxEvaluations >= 1)) throw new RangeError(`nelderMead: maxEvaluations must be ≥ 1 (got ${maxEvaluations})`);
  const maxRestarts = opts.maxRestarts ?? 3;
  const reflect = 1;
  const expand = n >= 2 ? 1 + 2 / n : 2;
  const contract = n >= 2 ? 0.75 - 1 / (2 * n) : 0.5;
  const shrink = n >= 2 ? 1 - 1 / n : 0.5;

  let evaluations = 0;
  let bestX = [...x0];
  let bestF = Infinity;
  const evaluate = (x: number[]): number => {
    if (evaluations >= maxEvaluations) throw new BudgetExhausted();
    evaluations++;
    const v = f(x);
    const w = Number.isNaN(v) || v === -Infinity ? Infinity : v;
    if (w < bestF) {
      bestF = w;
      bestX = [...x];
    }
    return w;
  };

  // vertices and their f values, kept sorted by f after every iteration
  let xs: number[][] = [];
  let fs: number[] = [];
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((a, b) => fs[a]! - fs[b]!);
    xs = idx.map((i) => xs[i]!);
    fs = idx.map((i) => fs[i]!);
  };
  const along = (c: number[], d: number[], t: number): number[] => c.map((ci, j) => ci + t * (d[j]! - ci));
  const converged = (): boolean => {
    for (let i = 1; i <= n; i++) {
      if (!(Math.abs(fs[i]! - fs[0]!) <= fTol) && !(fs[i] === Infinity && fs[0] === Infinity)) return false;
      for (let j = 0; j < n; j++) if (!(Math.abs(xs[i]![j]! - xs[0]![j]!) <= xTol)) return false;
    }
    return true;
  };

  let restarts = 0;
  let ok: boolean;
  try {
    let previous = Infinity;
    for (let run = 0; ; run++) {
      const start = run === 0 ? [...x0] : [...bestX];
      xs = [start];
      fs = [run === 0 ? evaluate(start) : bestF];
      for (let i = 0; i < n; i++) {
        const v = [...start];
        v[i] = v[i]! + steps[i]!;
        xs.push(v);
        fs.push(evaluate(v));
      }
      order();
      while (!converged()) {
        const worst = xs[n]!;
        const centroid = new Array<number>(n).fill(0);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += xs[i]![j]! / n;
        const xr = along(centroid, worst, -reflect);
        const fr = evaluate(xr);
        let accept: [number[], number] | null = null;
        if (fr < fs[0]!) {
          const xe = along(centroid, worst, -reflect * expand);
          const fe = evaluate(xe);
          accept = fe < fr ? [xe, fe] : [xr, fr];
        } else if (fr < fs[n - 1]!) {
          accept = [xr, fr];
        } else if (fr < fs[n]!) {
          const xc = along(centroid, worst, -reflect * contract);
          const fc = evaluate(xc);
          if (fc <= fr) accept = [xc, fc];
        } else {
          const xc = along(centroid, worst, contract);
          const fc = evaluate(xc);
          if (fc < fs[n]!) accept = [xc, fc];
        }
        if (accept) {
          xs[n] = accept[0];
          fs[n] = accept[1];
        } else {
          for (let i = 1; i <= n; i++) {
            xs[i] = along(xs[0]!, xs[i]!, shrink);
            fs[i] = evaluate(xs[i]!);
          }
        }
        order();
      }
      if (run > 0 && !(previous - bestF > fTol)) {
        ok = true; // the restart confirmed the minimum
        break;
      }
      if (run >= maxRestarts) {
        ok = run === 0; // restarts exhausted while each one still improved f: not confirmed
        break;
      }
      previous = bestF;
      restarts++;
    }
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    ok = false;
  }
  return { x: bestX, fx: bestF, evaluations, restarts, converged: ok };
}
