import { describe, expect, it } from 'vitest';
import { meanAndSd } from '../../src/summaries/meanAndSd.js';

describe('meanAndSd (two-pass, ddof 1)', () => {
  it('equals numpy: mean([1,2,3,4]) = 2.5, std(ddof=1) = sqrt(5/3) = 1.2909944487358056 (exact to the last bit)', () => {
    expect(meanAndSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: 1.2909944487358056 });
  });
  it('is exact where the one-pass formula Σx² − n·mean² cancels: 1e9 + {0, 1, 2} has sd 1 exactly', () => {
    expect(meanAndSd(Float64Array.of(1e9, 1e9 + 1, 1e9 + 2)).sd).toBe(1);
  });
  it('one draw has mean = the draw and sd NaN (no spread estimate with ddof 1)', () => {
    const r = meanAndSd([3]);
    expect(r.mean).toBe(3);
    expect(Number.isNaN(r.sd)).toBe(true);
  });
});
