/**
 * Temperature ladders of the parallel-tempered ensemble sampler (β = 1/T, β₀ = 1 first).
 *
 * Default: uniform in ln β from 1 to 1e−6, then β = 0 (see {@link LadderOptions}).
 * Geometric spacing (Vousden, Farr & Mandel 2016, MNRAS 455, 1919, doi:10.1093/mnras/stv2422, §2.2,
 * and their `ptemcee` package): geometric in T with the ratio that gives ≈ 25% swap acceptance
 * between neighbouring temperatures of a D-dimensional Gaussian, tabulated for D ≤ 10 and
 * 1 + 2√(ln 4)/√D beyond (the large-D limit of the same argument). With `hottest: 'prior'` the
 * last rung is β = 0, which samples the prior: the thermodynamic integral then covers [0, 1].
 * @module
 */

/** T-ratio between neighbours for ≈ 25% swap acceptance on a D-dimensional Gaussian (D = 1…10), from ptemcee `make_ladder`. */
const TSTEP_25 = [25.2741, 7.0, 4.47502, 3.5236, 3.0232, 2.71225, 2.49879, 2.34226, 2.22198, 2.12628];

/**
 * @param ndim - dimension of the target
 * @returns the geometric temperature ratio of the default ladder
 * @example defaultTemperatureStep(4) // returns 3.5236
 */
export function defaultTemperatureStep(ndim: number): number {
  if (!(Number.isInteger(ndim) && ndim >= 1)) throw new RangeError(`ladder: ndim must be a positive integer, got ${ndim}`);
  return ndim <= TSTEP_25.length ? TSTEP_25[ndim - 1]! : 1 + (2 * Math.sqrt(Math.log(4))) / Math.sqrt(ndim);
}

/** Options of {@link makeLadder}. */
export interface LadderOptions {
  /** 'prior': the last rung is β = 0 (proper priors only; needed for the evidence); a number: T_max of a purely geometric ladder */
  hottest?: 'prior' | number;
  /**
   * With `hottest: 'prior'`: 'log' (default) βᵢ = β_min^{i/(N−2)} for i < N − 1, then 0: uniform in
   * ln β from 1 to `betaMin`, the variable in which the thermodynamic integral is computed
   * (src/sampler/tempering/thermodynamicEvidence.ts); 'power' βᵢ = (1 − i/(N−1))⁵, the power-posterior ladder of
   * Friel & Pettitt (2008, doi:10.1111/j.1467-9868.2007.00650.x), dense near β = 0 where ⟨ln L⟩_β
   * changes fastest, which keeps the thermodynamic integral's discretisation error small; or
   * 'geometric': ptemcee's ratio down to the second-hottest rung, then β = 0.
   */
  spacing?: 'log' | 'power' | 'geometric';
  /** smallest positive β of the 'log' ladder (default 1e−6) */
  betaMin?: number;
}

/** Exponent of the power-posterior ladder (Friel & Pettitt 2008 use 4–5). */
export const POWER_LADDER_EXPONENT = 5;

/**
 * Inverse temperatures β₀ = 1 > β₁ > … ≥ 0.
 * @param ndim - dimension of the target
 * @param ntemps - number of temperatures (≥ 1)
 * @param opts - hottest rung
 * @returns betas, coldest first
 * @example makeLadder(4, 4) // returns [1, 1e-3, 1e-6, 0]
 */
export function makeLadder(ndim: number, ntemps: number, opts: LadderOptions = {}): number[] {
  if (!(Number.isInteger(ntemps) && ntemps >= 1)) throw new RangeError(`ladder: the number of temperatures must be a positive integer, got ${ntemps}`);
  const hottest = opts.hottest ?? 'prior';
  if (ntemps === 1) return [1];
  const spacing = opts.spacing ?? 'log';
  if (hottest === 'prior' && spacing === 'log') {
    const bmin = opts.betaMin ?? 1e-6;
    if (!(bmin > 0 && bmin < 1)) throw new RangeError(`ladder: betaMin must be in (0, 1), got ${bmin}`);
    if (ntemps === 2) return [1, 0];
    return [...Array.from({ length: ntemps - 1 }, (_, i) => bmin ** (i / (ntemps - 2))), 0];
  }
  if (hottest === 'prior' && spacing === 'power') {
    return Array.from({ length: ntemps }, (_, i) => (i === ntemps - 1 ? 0 : (1 - i / (ntemps - 1)) ** POWER_LADDER_EXPONENT));
  }
  if (hottest === 'prior') {
    const step = defaultTemperatureStep(ndim);
    return [...Array.from({ length: ntemps - 1 }, (_, i) => step ** -i), 0];
  }
  if (!(hottest > 1 && Number.isFinite(hottest))) throw new RangeError(`ladder: T_max must be a finite number > 1, got ${hottest}`);
  return Array.from({ length: ntemps }, (_, i) => hottest ** (-i / (ntemps - 1)));
}

/**
 * Checks a user ladder: starts at 1, strictly decreasing, ends ≥ 0.
 * @param betas - inverse temperatures
 * @returns an error message, or null when valid
 */
export function ladderProblem(betas: readonly number[]): string | null {
  if (betas.length === 0) return 'the ladder is empty';
  if (betas[0] !== 1) return `the first inverse temperature must be 1 (the posterior), got ${betas[0]}`;
  for (let i = 1; i < betas.length; i++) {
    const b = betas[i]!;
    if (!(b >= 0 && b < betas[i - 1]! && Number.isFinite(b))) return `inverse temperatures must decrease strictly and stay ≥ 0 (β${i} = ${b} after ${betas[i - 1]})`;
  }
  return null;
}

/** Settings of the ladder adaptation (ptemcee defaults: lag 10 000, time 100). */
export interface AdaptationSettings {
  /** t₀: the adjustment decays as t₀/(t + t₀) */
  lag: number;
  /** ν: adjustment rate 1/ν */
  time: number;
}

/**
 * One adaptation step of the ladder (Vousden et al. 2016 eqs. 12–13; ptemcee `_update_ladder`):
 * with Sᵢ = ln(Tᵢ − Tᵢ₋₁) and Aᵢ the swap acceptance between rungs i − 1 and i in this step,
 * Sᵢ += κ(t)(Aᵢ − Aᵢ₊₁), κ(t) = t₀/(ν(t + t₀)). T₀ = 1 and the hottest rung stay fixed, so the
 * spacings move until neighbouring pairs accept swaps equally often.
 * @param betas - current ladder (mutated: the interior rungs move)
 * @param acceptance - swap acceptance fraction of each adjacent pair in this step (length T − 1)
 * @param t - steps done so far
 * @param s - lag and time
 */
export function adaptLadder(betas: number[], acceptance: ArrayLike<number>, t: number, s: AdaptationSettings): void {
  const T = betas.length;
  if (T < 3) return;
  const kappa = s.lag / (t + s.lag) / s.time;
  const temps = betas.slice(0, T - 1).map((b) => 1 / b);
  let acc = temps[0]!;
  for (let i = 1; i < T - 1; i++) {
    const dS = kappa * (acceptance[i - 1]! - acceptance[i]!);
    acc += (temps[i]! - temps[i - 1]!) * Math.exp(dS);
    betas[i] = 1 / acc;
  }
}
