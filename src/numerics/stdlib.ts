/**
 * The one module that touches `@stdlib`. Deep directory imports of @stdlib break in compiled
 * ESM (`ERR_UNSUPPORTED_DIR_IMPORT`), so everything goes through `createRequire`.
 * Add new functions here (append only); never import `@stdlib/*` elsewhere.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Standard normal and general normal CDF Φ((x−μ)/σ). */
export const normalCdf = require('@stdlib/stats/base/dists/normal/cdf') as (x: number, mu: number, sigma: number) => number;
/** Normal quantile function. */
export const normalQuantile = require('@stdlib/stats/base/dists/normal/quantile') as (
  p: number,
  mu: number,
  sigma: number,
) => number;
/** Normal log-density. */
export const normalLogpdf = require('@stdlib/stats/base/dists/normal/logpdf') as (x: number, mu: number, sigma: number) => number;
/** χ² CDF with k degrees of freedom. */
export const chisquareCdf = require('@stdlib/stats/base/dists/chisquare/cdf') as (x: number, k: number) => number;
/** χ² quantile with k degrees of freedom (e.g. 2.7055 for p = 0.9, k = 1). */
export const chisquareQuantile = require('@stdlib/stats/base/dists/chisquare/quantile') as (p: number, k: number) => number;
/** Gamma-distribution CDF with shape α and rate β. */
export const gammaCdf = require('@stdlib/stats/base/dists/gamma/cdf') as (x: number, alpha: number, beta: number) => number;
/** Regularized incomplete gamma: P(a, x) by default, Q(a, x) with `upper = true`. `gammainc(x, a, regularized, upper)` */
export const gammainc = require('@stdlib/math/base/special/gammainc') as (
  x: number,
  a: number,
  regularized?: boolean,
  upper?: boolean,
) => number;
/** ln Γ(x). */
export const gammaln = require('@stdlib/math/base/special/gammaln') as (x: number) => number;
/** Error function. */
export const erf = require('@stdlib/math/base/special/erf') as (x: number) => number;
/** Complementary error function. */
export const erfc = require('@stdlib/math/base/special/erfc') as (x: number) => number;
/** Inverse error function. */
export const erfinv = require('@stdlib/math/base/special/erfinv') as (x: number) => number;
/** Kolmogorov–Smirnov one-sample test. */
export const kstest = require('@stdlib/stats/kstest') as (
  x: ArrayLike<number>,
  y: string | ((x: number) => number),
  ...args: unknown[]
) => { pValue: number; statistic: number; rejected: boolean };

interface Mt19937Factory {
  factory(opts: { seed?: number | ArrayLike<number>; state?: Uint32Array; copy?: boolean }): Mt19937;
}
/** An mt19937 generator: call it for a uint32, `.normalized()` for a 53-bit double in [0, 1). */
export interface Mt19937 {
  (): number;
  normalized: () => number;
  state: Uint32Array;
  readonly seed: Uint32Array;
  readonly MAX: number;
  toJSON(): unknown;
}
const mt19937 = require('@stdlib/random/base/mt19937') as Mt19937Factory;

/**
 * New mt19937 seeded like numpy's `RandomState(seed)` (init_genrand for a 32-bit seed).
 *
 * @param seed - unsigned 32-bit integer seed (dimensionless)
 * @returns a stdlib mt19937 generator with its own copy of the state
 * Reference: Matsumoto & Nishimura, ACM TOMACS 8 (1998) 3, doi:10.1145/272991.272995 (init_genrand).
 */
export function makeMt19937(seed: number): Mt19937 {
  return mt19937.factory({ seed });
}
/**
 * Rebuilds an mt19937 from a saved state (`Array.from(rng.state)`), bit for bit.
 *
 * @param state - the saved stdlib state words (as produced by `Array.from(rng.state)`)
 * @returns a generator that continues the saved stream exactly (state copied, not shared)
 */
export function mt19937FromState(state: ArrayLike<number>): Mt19937 {
  return mt19937.factory({ state: Uint32Array.from(state as ArrayLike<number>), copy: true });
}
/** Beta-distribution quantile: x with I_x(α, β) = p (used by the quantile MCSE, Vehtari et al. 2021). */
export const betaQuantile = require('@stdlib/stats/base/dists/beta/quantile') as (p: number, alpha: number, beta: number) => number;
interface ZigguratFactory {
  factory(opts: { state: Uint32Array; copy?: boolean }): () => number;
}
const improvedZiggurat = require('@stdlib/random/base/improved-ziggurat') as ZigguratFactory;
/**
 * Standard-normal generator (@stdlib improved ziggurat, Doornik 2005) that draws from the mt19937
 * state array `shared` *in place* (`copy: false`): combined with {@link mt19937Shared} on the same
 * array, uniforms and normals come from one stream whose state is that one array.
 *
 * @param shared - stdlib mt19937 state array, read and advanced in place
 * @returns a function returning one N(0, 1) deviate per call
 * Reference: Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples" (2005).
 */
export function improvedZigguratShared(shared: Uint32Array): () => number {
  return improvedZiggurat.factory({ state: shared, copy: false });
}
/**
 * mt19937 that works *in place* on the state array `shared` (`copy: false`; see {@link improvedZigguratShared}).
 *
 * @param shared - stdlib mt19937 state array, read and advanced in place
 * @returns a generator whose state is `shared` itself
 */
export function mt19937Shared(shared: Uint32Array): Mt19937 {
  return mt19937.factory({ state: shared, copy: false });
}
