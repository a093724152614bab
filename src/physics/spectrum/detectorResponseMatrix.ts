/**
 * Detector response matrix R[i][j]: the probability that a true recoil T_j (one quadrature node)
 * is detected in analysis bin i, including efficiencies. Parameter independent; the reference
 * spectrum and the forward model share it.
 *
 * - COHERENT CsI (docs/physics.md §D.1, §D.3): R_ij = ∫_{bin i} P(x | E_ee(T_j)) ε_E(x) dx,
 *   gamma PDF P in PE, logistic efficiency ε_E. The x-integral uses a fixed composite
 *   Gauss–Legendre grid (panels ≤ 1 PE, 8 points) that starts at the efficiency's zero crossing
 *   (7.07 PE nominal), so the kink of the clipped efficiency is a panel edge. Without the
 *   efficiency the same grid reproduces the incomplete-gamma bin probabilities (tested).
 * - ESS (docs/physics.md §D.3): R_ij = ε · [Φ((hi − E)/σ(E)) − Φ((lo − E)/σ(E))], E the detected
 *   energy on the axis, σ from the Gaussian resolution.
 * - Migration matrix (user data, `MatrixResponse`): R_ij = M[i][t(T_j)], t the true bin of T_j.
 */
import { compositeGaussLegendreGrid } from '../../numerics/gaussLegendre.js';
import { gammaShapeRate } from '../detectors/gammaSmearing.js';
import { gammaln } from '../../numerics/stdlib.js';
import { gaussianBinProbability } from '../detectors/gaussianSmearing.js';
import { logisticEfficiency, logisticEfficiencyZero_PE } from '../detectors/logisticEfficiency.js';
import { detectedEnergy_keV } from './detectedEnergy.js';
import type { Channel, Experiment } from './experiment.js';

/** PE panels: at most this wide (divided by gridScale). */
export const SIGNAL_PANEL_WIDTH_PE = 1;
/** Gauss–Legendre points per PE panel. */
export const SIGNAL_POINTS_PER_PANEL = 8;

/** A fixed quadrature grid over the signal axis (PE), with the bin of every node and ε_E folded into the weights. */
export interface SignalGrid {
  /** signal values x_m (PE) */
  nodes_PE: Float64Array;
  /** weights w_m · ε_E(x_m) */
  weights: Float64Array;
  /** analysis bin of each node */
  bin: Int32Array;
}

/**
 * Quadrature grid over the PE bins of a COHERENT-type response.
 *
 * @param exp - experiment with a 'coherent-csi-gamma' response
 * @param gridScale - multiplies the number of panels
 * @param withEfficiency - fold ε_E into the weights (default true)
 * @returns the grid
 * @example coherentSignalGrid(coherent, 1).nodes_PE.length // ≈ 53 panels × 8 points
 * Reference: docs/physics.md §D.1, §D.3.
 */
export function coherentSignalGrid(exp: Experiment, gridScale = 1, withEfficiency = true): SignalGrid {
  const r = exp.response;
  if (r.type !== 'coherent-csi-gamma') throw new TypeError('coherentSignalGrid: experiment has no gamma response');
  const x0 = withEfficiency ? logisticEfficiencyZero_PE(r.efficiency) : -Infinity;
  const nodes: number[] = [];
  const weights: number[] = [];
  const bins: number[] = [];
  for (let b = 0; b + 1 < exp.edges.length; b++) {
    const lo = Math.max(exp.edges[b]!, x0);
    const hi = exp.edges[b + 1]!;
    if (!(hi > lo)) continue;
    const panels = Math.max(1, Math.round(Math.ceil((hi - lo) / SIGNAL_PANEL_WIDTH_PE) * gridScale));
    const edges: number[] = [];
    for (let p = 0; p <= panels; p++) edges.push(p === panels ? hi : lo + ((hi - lo) * p) / panels);
    const g = compositeGaussLegendreGrid(edges, SIGNAL_POINTS_PER_PANEL);
    for (let m = 0; m < g.nodes.length; m++) {
      const x = g.nodes[m]!;
      nodes.push(x);
      weights.push(g.weights[m]! * (withEfficiency ? logisticEfficiency(x, r.efficiency) : 1));
      bins.push(b);
    }
  }
  return { nodes_PE: Float64Array.from(nodes), weights: Float64Array.from(weights), bin: Int32Array.from(bins) };
}

/**
 * Response matrix for one channel on given recoil nodes.
 *
 * @param exp - experiment
 * @param channel - 'cevns' or 'electron'
 * @param recoilNodes_keV - true recoil energies T_j (keV)
 * @param gridScale - multiplies the PE quadrature (COHERENT); no effect for Gaussian responses (closed form)
 * @returns row-major matrix, R[i * nNodes + j] = P(detected in bin i | T_j) × efficiency
 * @example detectorResponseMatrix(coherent, 'cevns', Float64Array.of(20)) // 9 values summing to ≈ ε-weighted acceptance
 * Reference: docs/physics.md §D.3, §D.1.
 */
export function detectorResponseMatrix(exp: Experiment, channel: Channel, recoilNodes_keV: Float64Array, gridScale = 1): Float64Array {
  const nBins = exp.edges.length - 1;
  const nNodes = recoilNodes_keV.length;
  const out = new Float64Array(nBins * nNodes);
  const r = exp.response;
  if (r.type === 'coherent-csi-gamma') {
    const g = coherentSignalGrid(exp, gridScale);
    const logX = g.nodes_PE.map(Math.log);
    for (let j = 0; j < nNodes; j++) {
      const E = detectedEnergy_keV(exp, channel, recoilNodes_keV[j]!);
      if (!(E > 0)) continue;
      // gamma PDF (gammaSmearingPdf_perPE) with the x-independent part hoisted out of the loop
      const { shape, rate_per_PE } = gammaShapeRate(E, r.resolution);
      const logNorm = shape * Math.log(rate_per_PE) - gammaln(shape);
      for (let m = 0; m < g.nodes_PE.length; m++) {
        const pdf = Math.exp(logNorm + (shape - 1) * logX[m]! - rate_per_PE * g.nodes_PE[m]!);
        out[g.bin[m]! * nNodes + j]! += g.weights[m]! * pdf;
      }
    }
    return out;
  }
  if (r.type === 'matrix') {
    // the column of the true bin holding T_j (half-open bins [lo, hi)); 0 outside the true bins
    const te = r.trueEdges_keV;
    const nTrue = te.length - 1;
    for (let j = 0; j < nNodes; j++) {
      const T = recoilNodes_keV[j]!;
      if (!(T >= te[0]! && T < te[nTrue]!)) continue;
      let t = 0;
      while (T >= te[t + 1]!) t++;
      for (let i = 0; i < nBins; i++) out[i * nNodes + j] = r.matrix[i * nTrue + t]!;
    }
    return out;
  }
  for (let j = 0; j < nNodes; j++) {
    const E = detectedEnergy_keV(exp, channel, recoilNodes_keV[j]!);
    if (!(E > 0)) continue;
    for (let i = 0; i < nBins; i++) {
      out[i * nNodes + j] = r.efficiency * gaussianBinProbability(exp.edges[i]!, exp.edges[i + 1]!, E, r.resolution);
    }
  }
  return out;
}
