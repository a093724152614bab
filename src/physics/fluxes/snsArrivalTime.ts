/**
 * Arrival-time distributions of π-DAR neutrinos at the SNS relative to the beam trigger, for a
 * Gaussian proton pulse (mean μ, width s):
 *
 * - prompt ν_μ (π⁺ → μ⁺ ν_μ): t = t_p + t_π, t_p ~ N(μ, s²), t_π ~ Exp(τ_π); the CDF is the
 *   exponentially modified Gaussian CDF, F_P(t) = Φ(z) − E_π(t), z = (t − μ)/s, with
 *   E_τ(t) = exp(−(t − μ)/τ + s²/(2τ²)) · Φ(z − s/τ);
 * - delayed ν_e and ν̄_μ (μ⁺ → e⁺ ν_e ν̄_μ): t = t_p + t_π + t_μ; the pion and muon decay times
 *   add to a hypoexponential time, and
 *   F_D(t) = Φ(z) − [τ_μ E_μ(t) − τ_π E_π(t)]/(τ_μ − τ_π).
 *
 * Both follow from convolving the Gaussian with the exponential densities (Grushka, Anal. Chem. 44
 * (1972) 1733 for the exponentially modified Gaussian; the hypoexponential is its two-stage form).
 * The neutrinos' flight time is not added: the release's pulse mean (440 ± 200 ns) is the
 * position of the CEvNS signal on the t_trig axis before the decays (arXiv:2006.12659 §2.8,
 * snsPOTTraceTiming). Lifetimes: PDG 2024 (τ_π = 26.033 ns, τ_μ = 2.1969811 µs).
 */
import { erfc } from '../../numerics/stdlib.js';
import type { Flavor } from '../parameters.js';

/** Charged-pion lifetime τ_π in µs (PDG 2024: 26.033 ns). */
export const PION_LIFETIME_us = 0.026033;
/** Muon lifetime τ_μ in µs (PDG 2024: 2.1969811 µs). */
export const MUON_LIFETIME_us = 2.1969811;

/** Gaussian proton pulse on the t_trig axis. */
export interface ProtonPulse {
  /** mean (µs) */
  mean_us: number;
  /** standard deviation (µs, > 0) */
  width_us: number;
}

/** Prompt (π decay) or delayed (μ decay) emission. */
export type DarTimeComponent = 'prompt' | 'delayed';

/**
 * Which emission a π-DAR flavour comes from: ν_μ prompt, ν_e and ν̄_μ delayed.
 *
 * @param flavor - flavour
 * @returns 'prompt' or 'delayed'
 * @example darTimeComponent('numu') // returns 'prompt'
 */
export function darTimeComponent(flavor: Flavor): DarTimeComponent {
  return flavor === 'numu' ? 'prompt' : 'delayed';
}

const Phi = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** E_τ(t) = exp(−(t−μ)/τ + s²/(2τ²)) Φ(z − s/τ), evaluated as exp(… + ln Φ) so neither factor overflows. */
function expTerm(t: number, pulse: ProtonPulse, tau: number): number {
  const s = pulse.width_us;
  const w = (t - pulse.mean_us) / s - s / tau;
  const p = Phi(w);
  if (p === 0) return 0;
  return Math.exp(-(t - pulse.mean_us) / tau + (s * s) / (2 * tau * tau) + Math.log(p));
}

/**
 * Cumulative arrival-time distribution F(t) = P(arrival ≤ t).
 *
 * @param component - 'prompt' (π decay) or 'delayed' (μ decay)
 * @param t_us - time on the t_trig axis (µs)
 * @param pulse - proton pulse (µs)
 * @returns F(t) in [0, 1]
 * @example darArrivalTimeCdf('prompt', 10, { mean_us: 0.44, width_us: 0.15 }) // returns 1
 * Reference: module header (Grushka 1972; PDG lifetimes).
 */
export function darArrivalTimeCdf(component: DarTimeComponent, t_us: number, pulse: ProtonPulse): number {
  const z = (t_us - pulse.mean_us) / pulse.width_us;
  const ePi = expTerm(t_us, pulse, PION_LIFETIME_us);
  if (component === 'prompt') return Math.min(1, Math.max(0, Phi(z) - ePi));
  const eMu = expTerm(t_us, pulse, MUON_LIFETIME_us);
  const d = MUON_LIFETIME_us - PION_LIFETIME_us;
  return Math.min(1, Math.max(0, Phi(z) - (MUON_LIFETIME_us * eMu - PION_LIFETIME_us * ePi) / d));
}

/**
 * Probability of arriving in each time bin [edge_k, edge_{k+1}).
 *
 * @param component - 'prompt' or 'delayed'
 * @param edges_us - increasing bin edges (µs)
 * @param pulse - proton pulse (µs)
 * @param out - destination, length edges.length − 1
 * @returns `out`; Σ out < 1 when the window does not cover the whole distribution
 * @example darTimeBinProbabilities('delayed', [-0.1, 4.9], { mean_us: 0.44, width_us: 0.15 }, new Float64Array(1)) // ≈ [0.867]
 * Reference: module header.
 */
export function darTimeBinProbabilities(component: DarTimeComponent, edges_us: ArrayLike<number>, pulse: ProtonPulse, out: Float64Array): Float64Array {
  let prev = darArrivalTimeCdf(component, edges_us[0]!, pulse);
  for (let k = 0; k + 1 < edges_us.length; k++) {
    const next = darArrivalTimeCdf(component, edges_us[k + 1]!, pulse);
    out[k] = next - prev;
    prev = next;
  }
  return out;
}
