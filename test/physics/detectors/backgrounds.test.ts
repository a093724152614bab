import { describe, expect, it } from 'vitest';
import { flatBackgroundCounts } from '../../../src/physics/detectors/flatBackgroundCounts.js';
import { binIndex, histogramCounts } from '../../../src/physics/detectors/histogramCounts.js';
import { binnedTemplate } from '../../../src/physics/detectors/binnedTemplate.js';
import { roiEventsFromTimeDistribution } from '../../../src/physics/detectors/roiEventsFromTimeDistribution.js';

describe('background and binning helpers', () => {
  it('flatBackgroundCounts = b · m · ΔT · t (physics.md §5.2, exact)', () => {
    expect(flatBackgroundCounts(3, 7, 1, 365)).toBe(7665);
    expect(flatBackgroundCounts(10, 22.5, 0.5, 2)).toBe(225);
  });
  it('histogramCounts uses left-closed, right-open bins and drops values outside', () => {
    expect([...histogramCounts([0, 0.5, 8, 11.9, 12, 60, -1, NaN], [0, 8, 12, 60])]).toEqual([2, 2, 1]);
    expect(binIndex(60, [0, 8, 12, 60])).toBe(-1);
    expect(binIndex(8, [0, 8, 12, 60])).toBe(1);
  });
  it('binnedTemplate sums fine bins by centre and normalises to the ROI count', () => {
    expect([...binnedTemplate([0.5, 1.5, 2.5, 3.5], [1, 1, 2, 100], [0, 2, 3], 8)]).toEqual([4, 4]);
  });
  it('roiEventsFromTimeDistribution = Σ_window T · (ROI fraction of the energy PDF)', () => {
    const n = roiEventsFromTimeDistribution([-0.5, 0.5, 1.5, 6.5], [10, 1, 2, 40], [0, 6], [0.5, 1.5], [3, 1], [0, 1]);
    expect(n).toBeCloseTo(3 * 0.75, 14);
  });
});
