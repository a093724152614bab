/**
 * The one module that touches `@stdlib`. Deep directory imports of @stdlib break in compiled
 * ESM (`ERR_UNSUPPORTED_DIR_IMPORT`), so everything goes through `createRequire`.
 * Add new functions here (append only); never import `@stdlib/*` elsewhere.
 *
 * Every export loads its @stdlib package on first use and keeps it (`load`): importing this
 * module costs nothing, so CLI verbs that never call a distribution function (e.g. `validate`)
 * do not pay for loading @stdlib. The wrappers only forward their arguments; results, and the
 * mt19937 streams and states, are those of the @stdlib functions themselves.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loads a @stdlib package once and caches it (`require` itself also caches, this skips its lookup). */
function load<T>(id: string): () => T {
  let module: T | undefined;
  return () => (module ??= require(id) as T);
}

type Fn3 = (a: number, b: number, c: number) => number;
type Fn2 = (a: number, b: number) => number;
type Fn1 = (a: number) => number;

const normalCdfModule = load<Fn3>('@stdlib/stats/base/dists/normal/cdf');
/**
 * Normal CDF Φ((x − μ)/σ) (@stdlib `stats/base/dists/normal/cdf`).
 *
 * @param x - point (units of μ)
 * @param mu - mean
 * @param sigma - standard deviation (> 0)
 * @returns P(X ≤ x) for X ~ N(μ, σ²)
 */
export function normalCdf(x: number, mu: number, sigma: number): number {
  return normalCdfModule()(x, mu, sigma);
}
const normalQuantileModule = load<Fn3>('@stdlib/stats/base/dists/normal/quantile');
/**
 * Normal quantile function (@stdlib `stats/base/dists/normal/quantile`).
 *
 * @param p - probability in [0, 1]
 * @param mu - mean
 * @param sigma - standard deviation (> 0)
 * @returns x with Φ((x − μ)/σ) = p
 */
export function normalQuantile(p: number, mu: number, sigma: number): number {
  return normalQuantileModule()(p, mu, sigma);
}
const normalLogpdfModule = load<Fn3>('@stdlib/stats/base/dists/normal/logpdf');
/**
 * Normal log-density (@stdlib `stats/base/dists/normal/logpdf`).
 *
 * @param x - point (units of μ)
 * @param mu - mean
 * @param sigma - standard deviation (> 0)
 * @returns ln of the N(μ, σ²) density at x
 */
export function normalLogpdf(x: number, mu: number, sigma: number): number {
  return normalLogpdfModule()(x, mu, sigma);
}
const chisquareCdfModule = load<Fn2>('@stdlib/stats/base/dists/chisquare/cdf');
/**
 * χ² CDF with k degrees of freedom (@stdlib `stats/base/dists/chisquare/cdf`).
 *
 * @param x - χ² value (dimensionless)
 * @param k - degrees of freedom
 * @returns P(χ²_k ≤ x)
 */
export function chisquareCdf(x: number, k: number): number {
  return chisquareCdfModule()(x, k);
}
const chisquareQuantileModule = load<Fn2>('@stdlib/stats/base/dists/chisquare/quantile');
/**
 * χ² quantile with k degrees of freedom (e.g. 2.7055 for p = 0.9, k = 1; @stdlib `stats/base/dists/chisquare/quantile`).
 *
 * @param p - probability in [0, 1]
 * @param k - degrees of freedom
 * @returns x with P(χ²_k ≤ x) = p
 */
export function chisquareQuantile(p: number, k: number): number {
  return chisquareQuantileModule()(p, k);
}
const gammaCdfModule = load<Fn3>('@stdlib/stats/base/dists/gamma/cdf');
/**
 * Gamma-distribution CDF with shape α and rate β (@stdlib `stats/base/dists/gamma/cdf`).
 *
 * @param x - point (units of 1/β)
 * @param alpha - shape (dimensionless)
 * @param beta - rate (units of 1/x)
 * @returns P(X ≤ x) for X ~ Gamma(α, β)
 */
export function gammaCdf(x: number, alpha: number, beta: number): number {
  return gammaCdfModule()(x, alpha, beta);
}
const gammaincModule = load<(x: number, a: number, regularized?: boolean, upper?: boolean) => number>('@stdlib/math/base/special/gammainc');
/**
 * Incomplete gamma function (@stdlib `math/base/special/gammainc`): regularized P(a, x) by
 * default, Q(a, x) with `upper = true`.
 *
 * @param x - argument (≥ 0)
 * @param a - order (> 0)
 * @param regularized - divide by Γ(a) (default true)
 * @param upper - upper function Q instead of P (default false)
 * @returns the incomplete gamma function
 */
export function gammainc(x: number, a: number, regularized?: boolean, upper?: boolean): number {
  const g = gammaincModule();
  // forward exactly the arguments given, so @stdlib applies its own defaults
  if (upper !== undefined) return g(x, a, regularized, upper);
  if (regularized !== undefined) return g(x, a, regularized);
  return g(x, a);
}
const gammalnModule = load<Fn1>('@stdlib/math/base/special/gammaln');
/**
 * ln Γ(x) (@stdlib `math/base/special/gammaln`).
 *
 * @param x - argument
 * @returns ln |Γ(x)|
 */
export function gammaln(x: number): number {
  return gammalnModule()(x);
}
const erfModule = load<Fn1>('@stdlib/math/base/special/erf');
/**
 * Error function (@stdlib `math/base/special/erf`).
 *
 * @param x - argument
 * @returns erf(x)
 */
export function erf(x: number): number {
  return erfModule()(x);
}
const erfcModule = load<Fn1>('@stdlib/math/base/special/erfc');
/**
 * Complementary error function (@stdlib `math/base/special/erfc`).
 *
 * @param x - argument
 * @returns erfc(x) = 1 − erf(x)
 */
export function erfc(x: number): number {
  return erfcModule()(x);
}
const erfinvModule = load<Fn1>('@stdlib/math/base/special/erfinv');
/**
 * Inverse error function (@stdlib `math/base/special/erfinv`).
 *
 * @param x - argument in [−1, 1]
 * @returns y with erf(y) = x
 */
export function erfinv(x: number): number {
  return erfinvModule()(x);
}
type KsTest = (x: ArrayLike<number>, y: string | ((x: number) => number), ...args: unknown[]) => { pValue: number; statistic: number; rejected: boolean };
const kstestModule = load<KsTest>('@stdlib/stats/kstest');
/**
 * Kolmogorov–Smirnov one-sample test (@stdlib `stats/kstest`).
 *
 * @param x - sample
 * @param y - CDF of the reference distribution, or the name of a @stdlib distribution
 * @param args - parameters of the named distribution, then an optional options object
 * @returns p-value, D statistic and whether H0 is rejected at the default level
 */
export function kstest(x: ArrayLike<number>, y: string | ((x: number) => number), ...args: unknown[]): { pValue: number; statistic: number; rejected: boolean } {
  return kstestModule()(x, y, ...args);
}

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
const mt19937 = load<Mt19937Factory>('@stdlib/random/base/mt19937');

/**
 * New mt19937 seeded like numpy's `RandomState(seed)` (init_genrand for a 32-bit seed).
 *
 * @param seed - unsigned 32-bit integer seed (dimensionless)
 * @returns a stdlib mt19937 generator with its own copy of the state
 * Reference: Matsumoto & Nishimura, ACM TOMACS 8 (1998) 3, doi:10.1145/272991.272995 (init_genrand).
 */
export function makeMt19937(seed: number): Mt19937 {
  return mt19937().factory({ seed });
}
/**
 * Rebuilds an mt19937 from a saved state (`Array.from(rng.state)`), bit for bit.
 *
 * @param state - the saved stdlib state words (as produced by `Array.from(rng.state)`)
 * @returns a generator that continues the saved stream exactly (state copied, not shared)
 */
export function mt19937FromState(state: ArrayLike<number>): Mt19937 {
  return mt19937().factory({ state: Uint32Array.from(state as ArrayLike<number>), copy: true });
}
const betaQuantileModule = load<Fn3>('@stdlib/stats/base/dists/beta/quantile');
/**
 * Beta-distribution quantile: x with I_x(α, β) = p (used by the quantile MCSE, Vehtari et al. 2021;
 * @stdlib `stats/base/dists/beta/quantile`).
 *
 * @param p - probability in [0, 1]
 * @param alpha - first shape parameter (> 0)
 * @param beta - second shape parameter (> 0)
 * @returns the p-quantile of Beta(α, β)
 */
export function betaQuantile(p: number, alpha: number, beta: number): number {
  return betaQuantileModule()(p, alpha, beta);
}
interface ZigguratFactory {
  factory(opts: { state: Uint32Array; copy?: boolean }): () => number;
}
const improvedZiggurat = load<ZigguratFactory>('@stdlib/random/base/improved-ziggurat');
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
  return improvedZiggurat().factory({ state: shared, copy: false });
}
/**
 * mt19937 that works *in place* on the state array `shared` (`copy: false`; see {@link improvedZigguratShared}).
 *
 * @param shared - stdlib mt19937 state array, read and advanced in place
 * @returns a generator whose state is `shared` itself
 */
export function mt19937Shared(shared: Uint32Array): Mt19937 {
  return mt19937().factory({ state: shared, copy: false });
}
const erfcxModule = load<Fn1>('@stdlib/math/base/special/erfcx');
/**
 * Scaled complementary error function erfcx(x) = exp(x²) erfc(x) (@stdlib `math/base/special/erfcx`);
 * finite where erfc underflows, so Gaussian ⊗ exponential densities stay accurate far in the tail.
 *
 * @param x - argument
 * @returns exp(x²) · erfc(x)
 */
export function erfcx(x: number): number {
  return erfcxModule()(x);
}
