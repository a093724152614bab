/**
 * Choice of the finite-difference steps s_k used by `identifyQuadratic`.
 *
 * Identification is exact for any s_k > 0 apart from rounding. Rounding is smallest when the
 * linear and quadratic parts at u_k = 1 are about as large as f(θ0) itself: much smaller steps
 * lose the quadratic coefficient in cancellation, much larger ones lose f(θ0). For a millicharge
 * this is the charge at which the coupling shift is comparable with the weak charge (docs/physics.md
 * §4: Q_0 ≈ 3e-7 for CEvNS on Cs; ≈1e-10 when electron scattering is included, docs/physics.md §6).
 * Rather than hard-coding those values per experiment, we start from a rough guess and rescale
 * with the measured coefficients: with A = Σ_o |a_o|, B = Σ_o |b_o|, F = Σ_o |f_o(θ0)| at step s,
 * the new step is s·min(F/A, √(F/B)), i.e. the step where the larger of the two parts equals F.
 * One round suffices when the guess is within ~10⁵ of the balanced value; we repeat up to
 * `maxRounds` times until the factor is within [1/2, 2].
 *
 * Known structure saves evaluations: a variable in which f is even about θ0 (only u_k², e.g. a
 * transition charge or magnetic moment expanded about 0) needs only f(θ0 + s e_k), since
 * f(θ0 − s e_k) is the same; a variable that f does not depend on by construction needs none.
 */

/**
 * What is known about f in one variable: `general` (any quadratic), `even` (only the square
 * term about the centre: f(θ0 + s e_k) = f(θ0 − s e_k)), `absent` (f does not depend on it).
 */
export type VariableShape = 'general' | 'even' | 'absent';

/** Result of `balancedScales`. */
export interface BalancedScales {
  /** Balanced steps s_k (units of the variables). */
  readonly scale: Float64Array;
  /** Number of evaluations of f used. */
  readonly evaluations: number;
  /** Per variable: false when f did not depend on it at all (A = B = 0) or it is `absent`; its step is left at the guess. */
  readonly active: boolean[];
}

/**
 * Rescales finite-difference steps so that each variable's linear and quadratic parts are O(1)
 * relative to f(θ0) (see module header).
 * @param f black-box vector function of the absolute variables θ (an exact quadratic)
 * @param center expansion point θ0, length d (units of θ)
 * @param guess initial steps, length d, > 0 (units of θ)
 * @param maxRounds maximum number of rescaling rounds per variable (default 3)
 * @param shapes per variable, what is known about f (default: all `general`); `even` variables
 *   are probed on one side only, `absent` ones not at all
 * @returns balanced steps and bookkeeping
 * @example balancedScales((t) => [1 + 1e6 * t[0] ** 2], [0], [1]).scale // returns [0.001]
 * Reference: rounding analysis of central differences, e.g. Press et al., Numerical Recipes 3rd ed. §5.7.
 */
export function balancedScales(
  f: (theta: Float64Array) => ArrayLike<number>,
  center: ArrayLike<number>,
  guess: ArrayLike<number>,
  maxRounds = 3,
  shapes?: readonly VariableShape[],
): BalancedScales {
  const d = center.length;
  const theta = Float64Array.from(center);
  let evaluations = 1;
  const f0 = Float64Array.from(f(theta));
  let F = 0;
  for (let o = 0; o < f0.length; o++) F += Math.abs(f0[o]);
  const scale = Float64Array.from(guess);
  const active: boolean[] = [];
  for (let k = 0; k < d; k++) {
    const shape = shapes?.[k] ?? 'general';
    let isActive = shape !== 'absent';
    for (let round = 0; isActive && round < maxRounds; round++) {
      theta[k] = center[k] + scale[k];
      const fp = f(theta);
      evaluations++;
      let fm = fp;
      if (shape === 'general') {
        theta[k] = center[k] - scale[k];
        fm = f(theta);
        evaluations++;
      }
      theta[k] = center[k];
      let A = 0;
      let B = 0;
      for (let o = 0; o < f0.length; o++) {
        A += Math.abs(0.5 * (fp[o] - fm[o]));
        B += Math.abs(0.5 * (fp[o] + fm[o]) - f0[o]);
      }
      if (A === 0 && B === 0) {
        isActive = false;
        break;
      }
      if (F === 0) break;
      const r = Math.min(A > 0 ? F / A : Infinity, B > 0 ? Math.sqrt(F / B) : Infinity);
      scale[k] *= r;
      if (r >= 0.5 && r <= 2) break;
    }
    active.push(isActive);
  }
  return { scale, evaluations, active };
}
