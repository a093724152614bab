/**
 * The `--rng default` stream: the same mt19937 (seeded like numpy `RandomState(seed)`) and the
 * same uniform / integer / shuffle / choice draws as {@link NumpyRandomState}, but standard normals
 * come from @stdlib's improved ziggurat (Doornik 2005, doi:10.1016/j.csda.2004.03.003) drawing from
 * the *same* mt19937 state. Faster normals, no cached value; not comparable with emcee for moves
 * that draw normals (walk, DE, Gaussian). Stretch and DE-snooker chains are identical to `emcee`.
 * @module
 */
import { improvedZigguratShared, mt19937Shared, type Mt19937 } from '../numerics/stdlib.js';
import { NumpyRandomState } from './numpyRandomState.js';
import type { Rng, RngState } from './rng.js';

/** mt19937 + ziggurat-normal stream (see module doc). */
export class DefaultRng implements Rng {
  readonly kind = 'default' as const;
  private readonly shared: Uint32Array;
  private readonly mt: Mt19937;
  private readonly zig: () => number;

  /**
   * @param seedOrState - 32-bit seed or a saved {@link RngState} (kind `default`)
   */
  constructor(seedOrState: number | RngState) {
    const start =
      typeof seedOrState === 'number'
        ? new NumpyRandomState(seedOrState).getState().mt
        : seedOrState.mt;
    this.shared = Uint32Array.from(start);
    this.mt = mt19937Shared(this.shared);
    this.zig = improvedZigguratShared(this.shared);
  }

  /** @returns next raw uint32 */
  uint32(): number {
    return this.mt();
  }

  /** @returns uniform in [0, 1) with 53 bits, numpy `random_sample` formula */
  randomSample(): number {
    const a = this.mt() >>> 5;
    const b = this.mt() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** @returns integer in [0, max] (masked rejection, numpy `random_interval`) */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (max === 0xffffffff) return this.mt();
    let m = max >>> 0;
    m |= m >>> 1;
    m |= m >>> 2;
    m |= m >>> 4;
    m |= m >>> 8;
    m |= m >>> 16;
    let v: number;
    while ((v = (this.mt() & m) >>> 0) > max);
    return v;
  }

  /** @returns integer in [0, n) */
  randint(n: number): number {
    if (!(n >= 1) || n > 4294967296 || !Number.isInteger(n)) throw new RangeError(`randint: n must be an integer in [1, 2^32], got ${n}`);
    return this.randomInterval(n - 1);
  }

  /** @returns N(0,1) from the improved ziggurat on the shared mt19937 state */
  standardNormal(): number {
    return this.zig();
  }

  /** @returns low + (high − low)·u */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.randomSample();
  }

  /** In-place shuffle of a[0..n) (numpy legacy order). */
  shuffle(a: { [i: number]: number; length: number }, n: number = a.length): void {
    for (let i = n - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }

  /** @returns first index with cdf[i] > randomSample() */
  choiceCdf(cdf: ArrayLike<number>): number {
    const u = this.randomSample();
    const k = cdf.length;
    for (let i = 0; i < k - 1; i++) if (cdf[i]! > u) return i;
    return k - 1;
  }

  /** @returns a copy of the shared mt19937 state (no cached normal) */
  getState(): RngState {
    return { mt: Array.from(this.shared), hasGauss: false, gauss: 0, kind: 'default' };
  }
}
