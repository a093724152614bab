/**
 * The draws both nuem streams derive from raw mt19937 words in the same way (numpy legacy
 * `RandomState` formulas): 53-bit uniforms, masked-rejection integers, Fisher–Yates shuffle,
 * `choice(p=…)` and `uniform`. A stream supplies `uint32()` and its own normals.
 * Reference: numpy 1.24 `src/distributions/distributions.c` (`random_standard_uniform`,
 * `random_interval`, `random_bounded_uint64` masked path), `mtrand.pyx` (`shuffle`, `choice`,
 * `uniform`); Foreman-Mackey et al. 2013, arXiv:1202.3665.
 * @module
 */
import type { Rng, RngKind, RngState } from './rng.js';

/**
 * Smallest all-ones bit mask ≥ max (numpy `gen_mask`).
 * @param max - unsigned 32-bit integer
 * @returns the mask, as an unsigned 32-bit integer
 */
function mask32(max: number): number {
  let m = max >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

/** Base of {@link NumpyRandomState} and {@link DefaultRng}: every draw but the normals, from `uint32()`. */
export abstract class Mt19937Draws implements Rng {
  abstract readonly kind: RngKind;
  /** @returns next raw uint32 of the mt19937 stream */
  abstract uint32(): number;
  /** @returns N(0, 1) (the streams differ here) */
  abstract standardNormal(): number;
  /** @returns a copy of the state */
  abstract getState(): RngState;

  /** @returns uniform in [0, 1), 53 bits: ((a≫5)·2²⁶ + (b≫6)) / 2⁵³ (numpy `random_standard_uniform`) */
  randomSample(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * @param max - largest value, integer in [0, 2³² − 1]
   * @returns integer in [0, max] by masked rejection (numpy `random_interval`; max = 0 draws nothing)
   */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (max === 0xffffffff) return this.uint32();
    const m = mask32(max);
    let v: number;
    while ((v = (this.uint32() & m) >>> 0) > max);
    return v;
  }

  /**
   * @param n - number of values, integer in [1, 2³²]
   * @returns integer in [0, n) (numpy legacy `randint(n)`: masked rejection on n − 1)
   */
  randint(n: number): number {
    if (!(n >= 1) || n > 4294967296 || !Number.isInteger(n)) throw new RangeError(`randint: n must be an integer in [1, 2^32], got ${n}`);
    return this.randomInterval(n - 1);
  }

  /**
   * @param low - lower end (any units)
   * @param high - upper end (same units)
   * @returns low + (high − low)·u (numpy legacy `uniform`)
   */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.randomSample();
  }

  /**
   * In-place shuffle of a[0..n) in numpy legacy order (i = n−1 … 1, j = random_interval(i)).
   * @param a - the array
   * @param n - how many leading entries to shuffle (default all)
   */
  shuffle(a: { [i: number]: number; length: number }, n: number = a.length): void {
    for (let i = n - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }

  /**
   * @param cdf - normalised cumulative weights (last = 1)
   * @returns first index i with cdf[i] > u, u = randomSample() (numpy `choice(p=…)`)
   */
  choiceCdf(cdf: ArrayLike<number>): number {
    const u = this.randomSample();
    const k = cdf.length;
    for (let i = 0; i < k - 1; i++) if (cdf[i]! > u) return i;
    return k - 1;
  }
}
