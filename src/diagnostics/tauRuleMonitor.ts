/**
 * emcee's τ stopping rule on a growing ensemble chain, evaluated only where it can decide.
 *
 * The rule at check N (a multiple of the check interval e) holds when, for every parameter d,
 * N > factor·τ_d(N) and |τ_d(N) − τ_d(N − e)| / τ_d(N) < relTol, with τ emcee's integrated
 * autocorrelation time of the first N (and N − e) steps (emcee monitor tutorial; Foreman-Mackey et
 * al. 2013, arXiv:1202.3665). The verdict is a conjunction over parameters, so it is known to be
 * false as soon as one parameter fails; and a run that has been told to reach at least M steps
 * (an R̂ extension round) does not use the verdict below M. This monitor therefore
 *
 * - skips checks below the current minimum length M and the first check (which has no previous τ),
 * - evaluates one parameter at a time, starting with the one that failed last ("lead"), and stops
 *   at the first that fails,
 * - keeps one {@link IncrementalAutocorr} per parameter, so a parameter left out of a few checks
 *   is later brought up to date in large blocks (FFTs of ≈ 4× the kept lags), which is cheaper
 *   per step than the check-by-check update.
 *
 * Every τ it computes is emcee's estimator on the chain so far (as {@link IncrementalAutocorr},
 * equal to `emcee.autocorr.integrated_time` up to rounding), and every verdict equals the one of
 * evaluating all parameters at every check ({@link convergenceCheck}); only the τ values not
 * needed for a verdict are not computed (NaN in the history). The sequence of updates is a
 * deterministic function of the chain, the check points and the minimum lengths, so a resumed run
 * that replays them gets the same τ bit for bit.
 * @module
 */
import { IncrementalAutocorr } from './incrementalAutocorr.js';

/** Settings of {@link TauRuleMonitor}. */
export interface TauRuleMonitorOptions {
  /** steps between checks (the rule compares τ at N and N − checkEvery) */
  checkEvery: number;
  /** N > factor·τ (default 50) */
  factor?: number;
  /** |Δτ|/τ < relTol (default 0.01) */
  relTol?: number;
  /** Sokal window factor c (default 5) */
  c?: number;
}

/**
 * Lazy evaluator of the τ rule for one ensemble (see module doc).
 */
export class TauRuleMonitor {
  private readonly acc: IncrementalAutocorr[];
  /** τ rows by step (NaN where not computed) */
  private readonly rows = new Map<number, Float64Array>();
  /** parameter evaluated first at the next check (the last one that failed) */
  private lead = 0;
  private readonly every: number;
  private readonly factor: number;
  private readonly relTol: number;

  /**
   * @param nwalkers - walkers per step
   * @param ndim - parameters
   * @param opts - check interval and rule constants
   */
  constructor(
    readonly nwalkers: number,
    readonly ndim: number,
    opts: TauRuleMonitorOptions,
  ) {
    if (!(Number.isInteger(opts.checkEvery) && opts.checkEvery > 0)) throw new RangeError(`TauRuleMonitor: checkEvery ${opts.checkEvery} must be a positive integer`);
    this.every = opts.checkEvery;
    this.factor = opts.factor ?? 50;
    this.relTol = opts.relTol ?? 0.01;
    this.acc = Array.from({ length: ndim }, (_, d) => new IncrementalAutocorr(nwalkers, ndim, { block: opts.checkEvery, column: d, ...(opts.c !== undefined ? { c: opts.c } : {}) }));
  }

  /** τ of parameter d at `n` steps (computed if needed; n must not be below what d has seen). */
  private tau(chain: ArrayLike<number>, d: number, n: number): number {
    let row = this.rows.get(n);
    if (row && !Number.isNaN(row[d]!)) return row[d]!;
    const a = this.acc[d]!;
    // a parameter taken up late starts with as many lags as the others needed (no rebuild)
    if (a.steps === 0) a.reserveLags(Math.max(0, ...this.acc.map((x) => (x.steps > 0 ? x.maxLag : 0))));
    if (n < a.steps) throw new RangeError(`TauRuleMonitor: τ of parameter ${d} at ${n} steps was not kept (already at ${a.steps})`);
    const v = a.update(chain, n, a.catchUpBlock())[0]!;
    if (!row) {
      row = new Float64Array(this.ndim).fill(NaN);
      this.rows.set(n, row);
    }
    row[d] = v;
    return v;
  }

  /**
   * The τ rule's verdict at check `n`.
   * @param chain - positions, row-major (≥ n, nwalkers, ndim)
   * @param n - steps (a multiple of checkEvery)
   * @param minSteps - the verdict is not needed below this length (0: always needed; Infinity:
   *   never, e.g. a fixed-length run)
   * @returns true when the rule holds; false when it fails or was not evaluated (n < minSteps or
   *   the first check)
   */
  check(chain: ArrayLike<number>, n: number, minSteps: number): boolean {
    const prev = n - this.every;
    if (n < minSteps || prev <= 0) return false;
    for (let i = 0; i < this.ndim; i++) {
      const d = i === 0 ? this.lead : i <= this.lead ? i - 1 : i;
      const before = this.tau(chain, d, prev);
      const now = this.tau(chain, d, n);
      // the same comparisons as convergenceCheck (NaN fails both)
      const ok = Number.isFinite(now) && n / now > this.factor && Math.abs(now - before) / now < this.relTol;
      if (!ok) {
        this.lead = d;
        return false;
      }
    }
    return true;
  }

  /**
   * τ of every parameter at `n` steps (for the final row of the history and the summaries).
   * @param chain - positions, row-major (≥ n, nwalkers, ndim)
   * @param n - steps (at or beyond every step evaluated so far)
   * @returns τ per parameter
   */
  complete(chain: ArrayLike<number>, n: number): Float64Array {
    return Float64Array.from({ length: this.ndim }, (_, d) => this.tau(chain, d, n));
  }

  /**
   * Adds τ for the history (the τ(N) plot) where the rule did not need it: for each parameter, at
   * check points spaced by a factor ≈ 1.5 beyond the last step that parameter was evaluated at,
   * and at `n`. Costs about one catch-up of each parameter, which {@link complete} needs anyway.
   * @param chain - positions, row-major (≥ n, nwalkers, ndim)
   * @param n - final length (steps)
   * @param also - further steps ≤ n to include (e.g. the last check point and the one before, so
   *   that a verdict there can still be evaluated afterwards)
   */
  fillHistory(chain: ArrayLike<number>, n: number, also: readonly number[] = []): void {
    const e = this.every;
    const points = new Set<number>(also.filter((x) => x > 0 && x <= n));
    for (let g = 2 * e; g < n; g = Math.ceil((1.5 * g) / e) * e) points.add(g);
    points.add(n);
    const sorted = [...points].sort((x, y) => x - y);
    for (let d = 0; d < this.ndim; d++) for (const g of sorted) if (g >= this.acc[d]!.steps) this.tau(chain, d, g);
  }

  /** τ per parameter at each step where any was computed, in step order (NaN: not needed there). */
  history(): { steps: number[]; tau: number[][] } {
    const steps = [...this.rows.keys()].sort((a, b) => a - b);
    return { steps, tau: steps.map((s) => Array.from(this.rows.get(s)!)) };
  }

  /** The latest τ computed for each parameter (NaN if none yet). */
  latest(): number[] {
    const out = new Array<number>(this.ndim).fill(NaN);
    const steps = [...this.rows.keys()].sort((a, b) => b - a);
    for (let d = 0; d < this.ndim; d++) {
      for (const s of steps) {
        const v = this.rows.get(s)![d]!;
        if (!Number.isNaN(v)) {
          out[d] = v;
          break;
        }
      }
    }
    return out;
  }
}
