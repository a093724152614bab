/**
 * Fixed quadrature grid in the true recoil energy: composite Gauss–Legendre in u = ln T
 * between break points (kinks of the recoil spectrum: prompt-line endpoints, Z_eff steps), so
 * that the 1/T and 1/T² terms of the millicharge cross sections are integrated accurately near
 * threshold (docs/physics.md §2). ∫ f(T) dT = ∫ f(e^u) e^u du; each node carries the weight
 * w · T (keV).
 *
 * The grid is FIXED (no adaptivity): the reference spectrum is then an exactly linear functional
 * of the cross section, which the fast forward model relies on.
 */
import { gaussLegendreRule } from '../../numerics/gaussLegendre.js';

/** Nodes and weights in recoil energy. */
export interface RecoilQuadrature {
  /** recoil energies T_j (keV), ascending */
  nodes_keV: Float64Array;
  /** weights (keV): Σ_j w_j f(T_j) ≈ ∫ f dT */
  weights_keV: Float64Array;
}

/** Default number of panels per e-fold of T (multiplied by gridScale). */
export const RECOIL_PANELS_PER_EFOLD = 8;
/** Gauss–Legendre points per panel. */
export const RECOIL_POINTS_PER_PANEL = 8;

/**
 * Builds the log-T composite Gauss–Legendre grid.
 *
 * @param lo_keV - lower end of the integral (keV, > 0)
 * @param hi_keV - upper end (keV, > lo)
 * @param breaks_keV - interior break points (keV); those outside (lo, hi) are ignored
 * @param gridScale - multiplies the number of panels (and so of nodes); 1 by default
 * @param maxPanelWidth_keV - optional upper bound on the panel width at the lower end of each interval (e.g. a multiple of the smearing width)
 * @returns the grid
 * @example logRecoilQuadrature(1, Math.E, [], 1) // 8 panels × 8 points, Σw = e − 1
 * Reference: Gauss–Legendre (Abramowitz & Stegun 25.4.29) with the substitution T = e^u.
 */
export function logRecoilQuadrature(
  lo_keV: number,
  hi_keV: number,
  breaks_keV: readonly number[],
  gridScale = 1,
  maxPanelWidth_keV?: (T_keV: number) => number,
): RecoilQuadrature {
  const pts = [lo_keV, ...breaks_keV.filter((b) => b > lo_keV * (1 + 1e-12) && b < hi_keV * (1 - 1e-12)), hi_keV].sort((a, b) => a - b);
  const rule = gaussLegendreRule(RECOIL_POINTS_PER_PANEL);
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const ua = Math.log(pts[k]!);
    const ub = Math.log(pts[k + 1]!);
    let base = Math.max(1, Math.ceil((ub - ua) * RECOIL_PANELS_PER_EFOLD));
    if (maxPanelWidth_keV) {
      // the widest log panel is the last one: T_b (1 − e^{−h}) ≤ width(T_a) keeps every panel narrow enough
      const w = maxPanelWidth_keV(pts[k]!);
      if (w > 0 && Number.isFinite(w)) base = Math.max(base, Math.ceil((ub - ua) / -Math.log(1 - Math.min(0.999, w / pts[k + 1]!))));
    }
    const panels = Math.max(1, Math.round(base * gridScale));
    const h = (ub - ua) / panels;
    for (let p = 0; p < panels; p++) {
      const c = ua + (p + 0.5) * h;
      for (let i = 0; i < rule.nodes.length; i++) {
        const T = Math.exp(c + 0.5 * h * rule.nodes[i]!);
        nodes.push(T);
        weights.push(0.5 * h * rule.weights[i]! * T);
      }
    }
  }
  return { nodes_keV: Float64Array.from(nodes), weights_keV: Float64Array.from(weights) };
}
