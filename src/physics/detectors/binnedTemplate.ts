/**
 * Rebinning of a released background shape (values at the centres of fine bins, e.g. the
 * COHERENT BRN/NIN PE PDFs in 1-PE bins) onto analysis bins, normalised to a given number of
 * events inside [edges[0], edges[last]). Each fine bin is assigned by its centre; the analysis
 * edges must therefore lie on fine-bin boundaries (checked by the loader).
 *
 * Reference: docs/physics.md §D.1 (BRN/NIN per bin from brnPE.txt/ninPE.txt, normalised to the ROI
 * prediction).
 */
import { binIndex } from './histogramCounts.js';

/**
 * Template counts per analysis bin.
 *
 * @param centres - centres of the fine bins (same unit as edges)
 * @param values - template content of each fine bin
 * @param edges - analysis bin edges
 * @param roiEvents - events in the whole range [edges[0], edges[last])
 * @returns counts per analysis bin, summing to `roiEvents`
 * @example binnedTemplate([0.5, 1.5, 2.5], [1, 1, 2], [0, 2, 3], 8) // returns [4, 4]
 * Reference: docs/physics.md §D.1.
 */
export function binnedTemplate(centres: ArrayLike<number>, values: ArrayLike<number>, edges: readonly number[], roiEvents: number): Float64Array {
  const out = new Float64Array(edges.length - 1);
  let total = 0;
  for (let i = 0; i < centres.length; i++) {
    const b = binIndex(centres[i]!, edges);
    if (b < 0) continue;
    out[b]! += values[i]!;
    total += values[i]!;
  }
  for (let b = 0; b < out.length; b++) out[b] = (out[b]! / total) * roiEvents;
  return out;
}
