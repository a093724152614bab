/**
 * numpy `RandomState` (legacy) draws on @stdlib's mt19937, bit for bit: the stream emcee 3.1.x
 * uses, so nuem can reproduce emcee chains exactly (golden test, test/sampler/emceeGolden.test.ts).
 * Reference: numpy 1.24 `numpy/random/mtrand.pyx`, `src/legacy/legacy-distributions.c`
 * (`legacy_gauss`), `src/distributions/distributions.c` (`random_interval`,
 * `random_bounded_uint64` masked path); Foreman-Mackey et al. 2013, arXiv:1202.3665.
 * @module
 */
import { makeMt19937, mt19937FromState, type Mt19937 } from '../numerics/stdlib.js';
import type { RngState } from './rng.js';
import { Mt19937Draws } from './mt19937Draws.js';
import { logCorrectlyRounded } from './logCorrectlyRounded.js';

/** Words of the mt19937 state. */
const N = 624;
/** Twist offset of mt19937. */
const M = 397;
// @stdlib mt19937 state-array layout: [version, sections, N, mt[0..N−1], 1, index, seedLen, seed…]
const WORDS_AT = 3;
const INDEX_AT = WORDS_AT + N + 1;

/**
 * numpy-legacy-compatible generator (see module doc). The mt19937 recurrence (Matsumoto &
 * Nishimura 1998, doi:10.1145/272991.272995) runs here on a private word array, so the hot draws
 * (`randomSample`, `randomInterval`) inline into the sampler loop; seeding, validation and the
 * saved state use @stdlib's mt19937 state layout, so states round-trip with {@link DefaultRng}
 * and @stdlib exactly.
 */
export class NumpyRandomState extends Mt19937Draws {
  readonly kind = 'emcee' as const;
  /** the 624 mt19937 state words */
  private readonly mt: Uint32Array;
  /** next word to temper (N: twist first) */
  private mti: number;
  /** @stdlib state array with the seed section, used as the template of {@link getState} */
  private readonly layout: Uint32Array;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seedOrState - 32-bit seed (like `RandomState(seed)`) or a saved {@link RngState}
   */
  constructor(seedOrState: number | RngState) {
    super();
    let g: Mt19937;
    if (typeof seedOrState === 'number') {
      if (!Number.isInteger(seedOrState) || seedOrState < 0 || seedOrState > 0xffffffff) {
        throw new RangeError(`seed must be an integer in [0, 2^32 − 1], got ${seedOrState}`);
      }
      // @stdlib rejects seed 0, numpy accepts it: build init_genrand(0) by hand
      g = seedOrState === 0 ? mt19937FromState(seedZeroState()) : makeMt19937(seedOrState);
    } else {
      g = mt19937FromState(seedOrState.mt); // validates the layout
      this.hasGauss = seedOrState.hasGauss;
      this.gauss = seedOrState.gauss;
    }
    this.layout = Uint32Array.from(g.state);
    this.mt = this.layout.slice(WORDS_AT, WORDS_AT + N);
    this.mti = this.layout[INDEX_AT]!;
  }

  /** Regenerates the N state words (the mt19937 twist). */
  private twist(): void {
    const mt = this.mt;
    let k = 0;
    for (; k < N - M; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[k + 1]! & 0x7fffffff);
      mt[k] = mt[k + M]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    for (; k < N - 1; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[k + 1]! & 0x7fffffff);
      mt[k] = mt[k + M - N]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    this.mti = 0;
  }

  /** @returns next raw uint32 */
  uint32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** @returns N(0,1) by the legacy polar method, caching the second value (numpy `legacy_gauss`) */
  standardNormal(): number {
    if (this.hasGauss) {
      const t = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return t;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * logCorrectlyRounded(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** @returns a copy of the state, including the cached gauss */
  getState(): RngState {
    const st = Array.from(this.layout);
    for (let k = 0; k < N; k++) st[WORDS_AT + k] = this.mt[k]!;
    st[INDEX_AT] = this.mti;
    return { mt: st, hasGauss: this.hasGauss, gauss: this.gauss, kind: 'emcee' };
  }
}

/**
 * mt19937 state for seed 0 (numpy `RandomState(0)`, Matsumoto–Nishimura `init_genrand(0)`),
 * which @stdlib's `seed` option refuses: build it from a seeded generator's state layout.
 */
function seedZeroState(): number[] {
  const st = Array.from(makeMt19937(1).state);
  // layout (@stdlib mt19937): [version, sections, N=624, mt[0..623], 1, index, seedLen, seed...]
  st[3] = 0;
  for (let i = 1; i < N; i++) {
    const s = st[3 + i - 1]! ^ (st[3 + i - 1]! >>> 30);
    st[3 + i] = (Math.imul(s, 1812433253) + i) >>> 0;
  }
  st[3 + N + 1] = N; // position: twist before first draw
  st[st.length - 1] = 0; // recorded seed
  return st;
}
