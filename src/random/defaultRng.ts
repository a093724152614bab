/**
 * The `--rng default` stream: the same mt19937 (seeded like numpy `RandomState(seed)`) and the
 * same uniform / integer / shuffle / choice draws as {@link NumpyRandomState} (both inherit them
 * from {@link Mt19937Draws}), but standard normals come from @stdlib's improved ziggurat (Doornik
 * 2005, doi:10.1016/j.csda.2004.03.003) drawing from the *same* mt19937 state. Faster normals, no cached value; not comparable with emcee for moves
 * that draw normals (walk, DE, Gaussian). Stretch and DE-snooker chains are identical to `emcee`.
 * @module
 */
import { improvedZigguratShared, mt19937Shared, type Mt19937 } from '../numerics/stdlib.js';
import { NumpyRandomState } from './numpyRandomState.js';
import type { RngState } from './rng.js';
import { Mt19937Draws } from './mt19937Draws.js';

/** mt19937 + ziggurat-normal stream (see module doc). */
export class DefaultRng extends Mt19937Draws {
  readonly kind = 'default' as const;
  private readonly shared: Uint32Array;
  private readonly mt: Mt19937;
  private readonly zig: () => number;

  /**
   * @param seedOrState - 32-bit seed or a saved {@link RngState} (kind `default`)
   */
  constructor(seedOrState: number | RngState) {
    super();
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

  /** @returns N(0,1) from the improved ziggurat on the shared mt19937 state */
  standardNormal(): number {
    return this.zig();
  }

  /** @returns a copy of the shared mt19937 state (no cached normal) */
  getState(): RngState {
    return { mt: Array.from(this.shared), hasGauss: false, gauss: 0, kind: 'default' };
  }
}
