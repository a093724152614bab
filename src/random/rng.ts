/**
 * The random-number interface every sampler component draws from. Randomness is injected:
 * nothing in nuem calls `Math.random`; moves, priors and initialisers receive an {@link Rng}.
 * Two streams implement it (see {@link ./numpyRandomState.ts} and {@link ./defaultRng.ts}).
 * @module
 */

/** Which stream: `emcee` = numpy `RandomState` legacy draws (bit-compatible), `default` = mt19937 + ziggurat normals. */
export type RngKind = 'emcee' | 'default';

/**
 * Serialisable generator state, enough to continue the stream exactly (checkpoint/resume).
 * `mt` is the full @stdlib mt19937 state array (`Array.from(state)`, 631 words incl. position);
 * `hasGauss`/`gauss` are numpy's cached second polar-method normal (legacy `randn`), part of the state.
 */
export interface RngState {
  mt: number[];
  hasGauss: boolean;
  gauss: number;
  /** stream kind; absent means `emcee` */
  kind?: RngKind;
}

/** A seeded pseudo-random stream with numpy-RandomState-style draws. */
export interface Rng {
  readonly kind: RngKind;
  /** Next raw 32-bit unsigned integer of the mt19937 stream. */
  uint32(): number;
  /** Uniform double in [0, 1) with 53 random bits (numpy `random_sample`: two uint32 draws). */
  randomSample(): number;
  /** Uniform integer in [0, n) (numpy legacy `randint(n)`, masked rejection; n = 1 consumes nothing). */
  randint(n: number): number;
  /** Uniform integer in [0, max] (numpy `random_interval`, used by `shuffle`; max = 0 consumes nothing). */
  randomInterval(max: number): number;
  /** Standard normal N(0, 1). */
  standardNormal(): number;
  /** Uniform double in [low, high): `low + (high − low)·randomSample()` (numpy legacy `uniform`). */
  uniform(low: number, high: number): number;
  /** In-place Fisher–Yates shuffle of the first `n` entries (numpy legacy `shuffle` order). */
  shuffle(a: { [i: number]: number; length: number }, n?: number): void;
  /**
   * Index drawn with probabilities given by the normalised cumulative weights `cdf`
   * (`cdf[last] = 1`): one `randomSample`, then the first i with cdf[i] > u (numpy legacy
   * `choice(k, p=…)`, `searchsorted(side='right')`).
   */
  choiceCdf(cdf: ArrayLike<number>): number;
  /** Snapshot of the state (a copy). */
  getState(): RngState;
}
