/**
 * Which EM parameters act on which π-DAR flavour (docs/physics.md §4, §2).
 * ν_μ (prompt) and ν̄_μ (delayed) use the μ parameters with the same sign; ν_e uses the e ones.
 * Transition charges q_ℓℓ' (hermitian, only |q| matters) act on both flavours ℓ and ℓ':
 * q_eμ on ν_e, ν_μ and ν̄_μ; q_μτ on ν_μ and ν̄_μ; q_eτ on ν_e.
 */
import type { EmParameterName, Flavor } from '../parameters.js';

/** The parameter names that act on one flavour. */
export interface FlavorParameterNames {
  /** Diagonal millicharge (coherent with the weak amplitude). */
  charge: EmParameterName;
  /** Transition millicharges (incoherent, enter squared). */
  transitions: readonly EmParameterName[];
  /** Effective magnetic moment (incoherent, enters squared). */
  magneticMoment: EmParameterName;
  /** Charge radius ⟨r²⟩ (coherent). */
  chargeRadius: EmParameterName;
  /** Anapole moment (coherent). */
  anapole: EmParameterName;
}

const E: FlavorParameterNames = Object.freeze({ charge: 'qee', transitions: Object.freeze(['qemu', 'qetau'] as EmParameterName[]), magneticMoment: 'mue', chargeRadius: 'r2e', anapole: 'ae' });
const MU: FlavorParameterNames = Object.freeze({ charge: 'qmumu', transitions: Object.freeze(['qemu', 'qmutau'] as EmParameterName[]), magneticMoment: 'mumu', chargeRadius: 'r2mu', anapole: 'amu' });

/**
 * The EM parameters that act on a flavour.
 * @param flavor - π-DAR flavour
 * @returns the names of its diagonal charge, transitions, magnetic moment, charge radius and anapole
 */
export function flavorParameters(flavor: Flavor): FlavorParameterNames {
  return flavor === 'nue' ? E : MU;
}
