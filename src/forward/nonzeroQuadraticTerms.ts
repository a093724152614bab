/**
 * The monomials of the expected counts that can be nonzero, from how each free parameter enters
 * each flavour (`parameterCoupling`, docs/physics.md §4, §6).
 *
 * Per flavour f and channel the counts are, integrated over flux, response and bin,
 *
 * ```text
 * N_f(θ) = Σ [ (a0 + Σ_{k ∈ coh(f)} c_k θ_k)² + Σ_{k ∈ inc(f)} d_k θ_k² ]
 * ```
 *
 * so with u_k = (θ_k − θ0_k)/s_k the only monomials are 1; u_k, u_k² and u_k u_l for k, l in
 * coh(f); u_k² for k in inc(f), plus u_k when θ0_k ≠ 0 (expanding d_k (θ0_k + s_k u_k)² about a
 * nonzero centre gives a linear term). Cross terms between parameters of different flavours,
 * between incoherent parameters, or between an incoherent and a coherent one are exactly zero.
 * The total (and each channel) is a sum over flavours, so it has the union of the flavour sets.
 */
import { parameterCoupling, type ParameterCoupling } from '../physics/electromagnetic/parameterCoupling.js';
import { FLAVORS, type EmParameterName, type Flavor } from '../physics/parameters.js';
import type { VariableShape } from './balancedScales.js';
import { FORWARD_CHANNELS } from './forwardModel.js';
import { fullQuadraticTerms, type QuadraticTerm } from './quadraticMonomials.js';

/** Result of `nonzeroQuadraticTerms`. */
export interface NonzeroQuadraticTerms {
  /** Union over flavours of the monomials that can be nonzero, in storage order (subset of `fullQuadraticTerms(d)`). */
  readonly terms: readonly QuadraticTerm[];
  /** Per flavour, whether each entry of `terms` can be nonzero for that flavour. */
  readonly byFlavor: Readonly<Record<Flavor, readonly boolean[]>>;
  /** Per free parameter: `general` (linear and square terms), `even` (square only) or `absent` (no term). */
  readonly shapes: readonly VariableShape[];
  /** Per flavour and parameter, the coupling used (strongest over the channels: coherent > incoherent > none). */
  readonly coupling: Readonly<Record<Flavor, readonly ParameterCoupling[]>>;
}

const RANK: Record<ParameterCoupling, number> = { none: 0, incoherent: 1, coherent: 2 };

/**
 * Monomials that can be nonzero for the free parameters `names` expanded about `center`.
 * @param names free parameters, in θ order
 * @param center expansion point θ0 (parameter units), length d
 * @param coupling how a parameter enters a flavour in a channel (default: the physics, `parameterCoupling`)
 * @returns the union of the per-flavour monomial sets and the per-flavour masks
 * @example nonzeroQuadraticTerms(['qee', 'qmumu'], [0, 0]).terms // returns [[], [0], [1], [0, 0], [1, 1]]
 * Reference: docs/physics.md §4, §6 (coherent amplitude shifts, incoherent squares); see module header.
 */
export function nonzeroQuadraticTerms(
  names: readonly EmParameterName[],
  center: ArrayLike<number>,
  coupling: (flavor: Flavor, name: EmParameterName, channel: 'cevns' | 'electron') => ParameterCoupling = parameterCoupling,
): NonzeroQuadraticTerms {
  const d = names.length;
  if (center.length !== d) throw new Error(`nonzeroQuadraticTerms: ${d} parameters but ${center.length} centre values`);
  const kinds = {} as Record<Flavor, ParameterCoupling[]>;
  for (const f of FLAVORS) {
    kinds[f] = names.map((n) => FORWARD_CHANNELS.map((c) => coupling(f, n, c)).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'none'));
  }
  const possible = (f: Flavor, term: QuadraticTerm): boolean => {
    const k = kinds[f];
    if (term.length === 0) return true;
    if (term.length === 1) return k[term[0]] === 'coherent' || (k[term[0]] === 'incoherent' && center[term[0]] !== 0);
    if (term[0] === term[1]) return k[term[0]] !== 'none';
    return k[term[0]] === 'coherent' && k[term[1]] === 'coherent';
  };
  const terms = fullQuadraticTerms(d).filter((t) => FLAVORS.some((f) => possible(f, t)));
  const byFlavor = {} as Record<Flavor, boolean[]>;
  for (const f of FLAVORS) byFlavor[f] = terms.map((t) => possible(f, t));
  const shapes = names.map((_, k): VariableShape => {
    const lin = terms.some((t) => t.length === 1 && t[0] === k);
    const sq = terms.some((t) => t.length === 2 && t[0] === k && t[1] === k);
    return lin ? 'general' : sq ? 'even' : 'absent';
  });
  return { terms, byFlavor, shapes, coupling: kinds };
}
