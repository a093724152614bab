/**
 * The run-until-converged rule for ensemble chains, and the burn-in / thinning it implies.
 * @module
 */

/** Options of {@link convergenceCheck}. */
export interface ConvergenceOptions {
  /** Required chain length in units of τ (default 50; emcee's monitor tutorial uses 100). */
  factor?: number;
  /** Required relative stability of τ between the last two checks (default 0.01). */
  relTol?: number;
}

/** Verdict of {@link convergenceCheck}. */
export interface ConvergenceVerdict {
  /** True when every parameter passes both tests. */
  converged: boolean;
  /** Latest τ per parameter, in steps. */
  tau: Float64Array;
  /** N / τ per parameter (must exceed `factor`). */
  lengthInTau: Float64Array;
  /** |τ_now − τ_before| / τ_now per parameter (NaN with fewer than two checks). */
  relChange: Float64Array;
  /** Human-readable reasons it is not converged yet (empty when converged). */
  reasons: string[];
}

/**
 * Converged when, for every parameter, N > factor·τ and |Δτ|/τ < relTol, with Δτ the change
 * since the previous check. A non-finite τ never converges.
 * Reference: emcee docs, tutorials/monitor (Foreman-Mackey et al. 2013, arXiv:1202.3665);
 * Sokal 1997 (doi:10.1007/978-1-4899-0319-8_6); Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr).
 * @param tauHistory - τ per parameter (steps) at each check so far, oldest first (at least one)
 * @param nsteps - steps per walker run so far
 * @param opts - factor (default 50) and relTol (default 0.01)
 * @returns the verdict with the numbers behind it
 * @example convergenceCheck([Float64Array.of(20.5), Float64Array.of(20.4)], 5000).converged // returns true
 */
export function convergenceCheck(
  tauHistory: readonly ArrayLike<number>[],
  nsteps: number,
  opts: ConvergenceOptions = {},
): ConvergenceVerdict {
  const factor = opts.factor ?? 50;
  const relTol = opts.relTol ?? 0.01;
  if (tauHistory.length === 0) throw new RangeError('convergenceCheck: tauHistory is empty; compute tau at least once');
  const now = Float64Array.from(tauHistory[tauHistory.length - 1]);
  const before = tauHistory.length > 1 ? tauHistory[tauHistory.length - 2] : null;
  const ndim = now.length;
  const lengthInTau = Float64Array.from(now, (t) => nsteps / t);
  const relChange = Float64Array.from(now, (t, d) => (before ? Math.abs(t - before[d]) / t : NaN));
  const reasons: string[] = [];
  for (let d = 0; d < ndim; d++) {
    if (!Number.isFinite(now[d]) || !(lengthInTau[d] > factor)) {
      reasons.push(`parameter ${d}: N/tau = ${lengthInTau[d].toFixed(1)} is not above ${factor}`);
    }
    if (!(relChange[d] < relTol)) {
      reasons.push(
        before
          ? `parameter ${d}: tau changed by ${(100 * relChange[d]).toFixed(2)}% since the last check (needs < ${100 * relTol}%)`
          : `parameter ${d}: tau stability needs at least two checks`,
      );
    }
  }
  return { converged: reasons.length === 0, tau: now, lengthInTau, relChange, reasons };
}

/**
 * Burn-in and thinning from τ: burn = ⌈2·max τ⌉ steps, thin = max(1, ⌊½·min τ⌋) — the rule the
 * emcee tutorial applies ("burn-in a few times τ, thin by about half τ").
 * Reference: emcee docs, tutorials/autocorr and quickstart (arXiv:1202.3665);  table
 * (thinning/burn-in row).
 * @param tau - τ per parameter, in steps
 * @returns `{ burn, thin }` in steps
 * @example burnAndThin(Float64Array.of(32, 31)) // returns { burn: 64, thin: 15 }
 */
export function burnAndThin(tau: ArrayLike<number>): { burn: number; thin: number } {
  let max = -Infinity;
  let min = Infinity;
  for (let d = 0; d < tau.length; d++) {
    if (!Number.isFinite(tau[d])) throw new RangeError(`burnAndThin: tau[${d}] = ${tau[d]} is not finite`);
    max = Math.max(max, tau[d]);
    min = Math.min(min, tau[d]);
  }
  return { burn: Math.ceil(2 * max), thin: Math.max(1, Math.floor(0.5 * min)) };
}
