// Reference values: Python decimal.Context(prec=60).ln(Decimal(x)) rounded once to double
// (correct rounding); V8's Math.log and glibc's log both misround some of these.
import { describe, expect, it } from 'vitest';
import { logCorrectlyRounded } from '../../src/random/logCorrectlyRounded.js';

describe('logCorrectlyRounded', () => {
  it('matches 60-digit decimal ln on arguments where glibc log is off by one ulp (exact)', () => {
    const cases: [number, number][] = [
      [0.3535348626679904, -1.0397731770995389],
      [0.6996231823995839, -0.35721339973777744],
      [0.7851652629523068, -0.2418610573033345],
      [0.9372449468869547, -0.06481061480561107],
    ];
    for (const [x, y] of cases) expect(logCorrectlyRounded(x)).toBe(y);
  });
  it('exact identities and edge cases: ln 1 = 0, ln 2ᵏ = k·ln2 rounded, ln 0 = −∞, ln(−1) = NaN, tiny arguments', () => {
    expect(logCorrectlyRounded(1)).toBe(0);
    expect(logCorrectlyRounded(2)).toBe(Math.LN2);
    expect(logCorrectlyRounded(0)).toBe(-Infinity);
    expect(logCorrectlyRounded(-1)).toBeNaN();
    expect(logCorrectlyRounded(Infinity)).toBe(Infinity);
    // ln(1e-300) = -690.7755278982137 (decimal reference, prec 60)
    expect(logCorrectlyRounded(1e-300)).toBe(-690.7755278982137);
    expect(logCorrectlyRounded(5e-324)).toBe(-744.4400719213812);
  });
});
