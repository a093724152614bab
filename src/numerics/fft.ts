/**
 * Hand-written radix-2 complex FFT (iterative Cooley–Tukey, decimation in time, bit-reversal
 * permutation first) plus the real-signal helpers the autocorrelation estimators need.
 *
 * Convention (same as numpy.fft): forward X_k = Σ_j x_j e^{−2πi jk/n}; the inverse carries the 1/n.
 * Twiddle factors are taken from one table of cos/sin per length, evaluated directly (no
 * recurrence) and cached, so the rounding error grows like O(ε log n). Real signals go through
 * {@link RealFft} (one complex transform of half the length).
 *
 * Reference: J. W. Cooley and J. W. Tukey, Math. Comp. 19 (1965) 297, doi:10.1090/S0025-5718-1965-0178586-1.
 * @module
 */

/**
 * Smallest power of two ≥ n (emcee's `next_pow_two`).
 * @param n - a positive integer (dimensionless count)
 * @returns 2^k ≥ n, with 1 for n ≤ 1
 * @example nextPowerOfTwo(1000) // returns 1024
 */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place complex FFT of length n = 2^k (Cooley & Tukey 1965, doi:10.1090/S0025-5718-1965-0178586-1).
 * @param re - real parts, length n (overwritten)
 * @param im - imaginary parts, length n (overwritten)
 * @param inverse - false: X_k = Σ x_j e^{−2πijk/n}; true: x_j = (1/n) Σ X_k e^{+2πijk/n}
 * @returns nothing; `re` and `im` hold the transform
 * @throws RangeError if the lengths differ or are not a power of two
 * @example const re = Float64Array.of(1, 0, 0, 0), im = new Float64Array(4); fftInPlace(re, im); // re = [1,1,1,1]
 */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`fftInPlace: re has length ${n} but im has ${im.length}`);
  if (n === 0 || (n & (n - 1)) !== 0) throw new RangeError(`fftInPlace: length ${n} is not a power of two`);
  if (n === 1) return;
  complexTransform(complexPlan(n), re, im, inverse ? 1 : -1);
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] /= n;
      im[i] /= n;
    }
  }
}

/**
 * Forward FFT of a real signal zero-padded to `length` (numpy `fft.fft(x, n=length)`).
 * @param x - real samples (any units); length ≤ `length`
 * @param length - transform length, a power of two
 * @returns `{re, im}` of the full complex spectrum, each of length `length`
 * @example realFft(Float64Array.of(1, 2), 4) // re = [3, 1, -1, 1], im = [0, -2, 0, 2]
 */
export function realFft(x: ArrayLike<number>, length: number): { re: Float64Array; im: Float64Array } {
  if (x.length > length) throw new RangeError(`realFft: ${x.length} samples exceed transform length ${length}`);
  const re = new Float64Array(length);
  const im = new Float64Array(length);
  for (let i = 0; i < x.length; i++) re[i] = x[i];
  fftInPlace(re, im);
  return { re, im };
}

/** Precomputed tables of a length-n complex FFT (bit reversal and twiddles). */
interface ComplexPlan {
  n: number;
  /** bit-reversed index of i, for the swap pass (only pairs i < rev[i] are swapped) */
  rev: Uint32Array;
  /** cos(2πk/n), k < n/2 */
  cos: Float64Array;
  /** sin(2πk/n), k < n/2 (sign applied by the caller's direction) */
  sin: Float64Array;
}

const complexPlans = new Map<number, ComplexPlan>();

function complexPlan(n: number): ComplexPlan {
  let p = complexPlans.get(n);
  if (p) return p;
  const rev = new Uint32Array(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    rev[i] = j;
  }
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const a = (2 * Math.PI * k) / n;
    cos[k] = Math.cos(a);
    sin[k] = Math.sin(a);
  }
  p = { n, rev, cos, sin };
  complexPlans.set(n, p);
  return p;
}

/** Radix-2 complex FFT with a cached plan; `sign` −1 forward, +1 inverse (no 1/n). */
function complexTransform(plan: ComplexPlan, re: Float64Array, im: Float64Array, sign: number): void {
  const n = plan.n;
  if (n <= 1) return;
  const rev = plan.rev;
  for (let i = 1; i < n; i++) {
    const j = rev[i]!;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  const cosT = plan.cos;
  const sinT = plan.sin;
  // size-2 butterflies need no twiddle
  for (let a = 0; a < n; a += 2) {
    const b = a + 1;
    const xr = re[b]!;
    const xi = im[b]!;
    re[b] = re[a]! - xr;
    im[b] = im[a]! - xi;
    re[a] = re[a]! + xr;
    im[a] = im[a]! + xi;
  }
  for (let size = 4; size <= n; size <<= 1) {
    const h = size >> 1;
    const step = (n / size) | 0;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < h; k++) {
        const t = k * step;
        const wr = cosT[t]!;
        const wi = sign * sinT[t]!;
        const a = start + k;
        const b = a + h;
        const br = re[b]!;
        const bi = im[b]!;
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
}

/**
 * Real-input FFT of a fixed length P = 2^k (P ≥ 2) through one complex FFT of length P/2: the even
 * and odd samples are packed as real and imaginary parts, transformed, and separated with the
 * twiddles e^{−2πik/P} (the standard "two real transforms for one complex" split; W. H. Press et
 * al., Numerical Recipes, 3rd ed., §12.3, and Cooley & Tukey 1965,
 * doi:10.1090/S0025-5718-1965-0178586-1). Tables are computed once per length; work buffers are
 * reused, so a plan is not re-entrant (one per thread, which is what `RealFft.forLength` gives).
 * Convention as numpy.fft.rfft / irfft: forward X_k = Σ_j x_j e^{−2πijk/P} for k = 0…P/2, the
 * inverse carries the 1/P.
 */
export class RealFft {
  /** transform length P */
  readonly length: number;
  private readonly half: number;
  private readonly plan: ComplexPlan;
  /** cos(2πk/P), sin(2πk/P) for k < P/2 */
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private static readonly cache = new Map<number, RealFft>();

  /**
   * Shared plan of a length (cached; plans are cheap to keep and costly to rebuild).
   * @param length - P, a power of two ≥ 2
   * @returns the plan
   */
  static forLength(length: number): RealFft {
    let p = RealFft.cache.get(length);
    if (!p) {
      p = new RealFft(length);
      RealFft.cache.set(length, p);
    }
    return p;
  }

  /**
   * @param length - P, a power of two ≥ 2
   * @throws RangeError for any other length
   */
  constructor(length: number) {
    if (!(length >= 2) || (length & (length - 1)) !== 0) throw new RangeError(`RealFft: length ${length} is not a power of two ≥ 2`);
    this.length = length;
    this.half = length >> 1;
    this.plan = complexPlan(this.half);
    this.wr = new Float64Array(this.half);
    this.wi = new Float64Array(this.half);
    for (let k = 0; k < this.half; k++) {
      const a = (2 * Math.PI * k) / length;
      this.wr[k] = Math.cos(a);
      this.wi[k] = Math.sin(a);
    }
    this.zr = new Float64Array(this.half);
    this.zi = new Float64Array(this.half);
  }

  /**
   * Forward transform of x (zero-padded to P) into the half spectrum k = 0…P/2.
   * @param x - real samples (any units u), length ≤ P
   * @param outRe - real parts X_k, length ≥ P/2 + 1
   * @param outIm - imaginary parts, length ≥ P/2 + 1 (X_0 and X_{P/2} are real)
   */
  forward(x: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.half;
    const zr = this.zr;
    const zi = this.zi;
    const len = x.length;
    if (len > this.length) throw new RangeError(`RealFft.forward: ${len} samples exceed length ${this.length}`);
    for (let j = 0; j < n; j++) {
      const e = 2 * j;
      zr[j] = e < len ? x[e]! : 0;
      zi[j] = e + 1 < len ? x[e + 1]! : 0;
    }
    complexTransform(this.plan, zr, zi, -1);
    outRe[0] = zr[0]! + zi[0]!;
    outIm[0] = 0;
    outRe[n] = zr[0]! - zi[0]!;
    outIm[n] = 0;
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 1; k < n; k++) {
      const ar = zr[k]!;
      const ai = zi[k]!;
      const br = zr[n - k]!;
      const bi = -zi[n - k]!; // conj(Z_{n−k})
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // O = −½i (Z_k − conj Z_{n−k})
      const or = 0.5 * (ai - bi);
      const oi = -0.5 * (ar - br);
      // X_k = E + e^{−2πik/P} O
      const c = wr[k]!;
      const s = -wi[k]!;
      outRe[k] = er + c * or - s * oi;
      outIm[k] = ei + c * oi + s * or;
    }
  }

  /**
   * Inverse transform of a Hermitian half spectrum (k = 0…P/2) into P real samples, with 1/P.
   * @param re - real parts X_k, length ≥ P/2 + 1
   * @param im - imaginary parts (those of X_0 and X_{P/2} are ignored)
   * @param out - P real samples (units of x)
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const n = this.half;
    const zr = this.zr;
    const zi = this.zi;
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 0; k < n; k++) {
      const ar = re[k]!;
      const ai = k === 0 ? 0 : im[k]!;
      const br = re[n - k]!;
      const bi = k === 0 ? 0 : -im[n - k]!; // conj(X_{n−k})
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // O = ½ (X_k − conj X_{n−k}) e^{+2πik/P}
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      const c = wr[k]!;
      const s = wi[k]!;
      const or = dr * c - di * s;
      const oi = dr * s + di * c;
      // Z = E + i O
      zr[k] = er - oi;
      zi[k] = ei + or;
    }
    complexTransform(this.plan, zr, zi, 1);
    const scale = 1 / n;
    for (let j = 0; j < n; j++) {
      out[2 * j] = zr[j]! * scale;
      out[2 * j + 1] = zi[j]! * scale;
    }
  }
}

/**
 * Autocovariance sums c_t = Σ_{j=0}^{n−1−t} y_j y_{j+t} of the mean-removed series y = x − mean(x),
 * for t = 0…n−1, by the Wiener–Khinchin theorem with zero padding to a power of two ≥ `minPadding`
 * (≥ 2n−1 avoids wrap-around), through the real-input transform {@link RealFft} (forward, |X_k|²,
 * inverse). No 1/n or 1/(n−t) factor is applied.
 * Reference: emcee `autocorr.function_1d` (Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)); Vehtari et al. 2021 (doi:10.1214/20-BA1221).
 * @param x - samples of one chain (any units u)
 * @param minPadding - minimum transform length; defaults to 2·n (emcee pads to 2·nextPowerOfTwo(n))
 * @returns Float64Array of length n, units u²
 * @example autocovarianceSums(Float64Array.of(1, -1)) // returns [2, -1]
 */
export function autocovarianceSums(x: ArrayLike<number>, minPadding?: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const m = Math.max(2, nextPowerOfTwo(Math.max(minPadding ?? 2 * n, 2 * n - 1)));
  const plan = RealFft.forLength(m);
  const y = new Float64Array(m);
  for (let i = 0; i < n; i++) y[i] = x[i]! - mean;
  const re = new Float64Array(m / 2 + 1);
  const im = new Float64Array(m / 2 + 1);
  plan.forward(y, re, im);
  for (let k = 0; k <= m / 2; k++) {
    re[k] = re[k]! * re[k]! + im[k]! * im[k]!;
    im[k] = 0;
  }
  plan.inverse(re, im, y);
  for (let t = 0; t < n; t++) out[t] = y[t]!;
  return out;
}

/** Radix-2 complex FFTs of S interleaved signals: element (j, s) at j·S + s; `sign` −1 forward, +1 inverse (no 1/n). */
function complexTransformBatched(plan: ComplexPlan, re: Float64Array, im: Float64Array, S: number, sign: number): void {
  const n = plan.n;
  if (n <= 1) return;
  const rev = plan.rev;
  for (let i = 1; i < n; i++) {
    const j = rev[i]!;
    if (i < j) {
      const a = i * S;
      const b = j * S;
      for (let s = 0; s < S; s++) {
        let t = re[a + s]!;
        re[a + s] = re[b + s]!;
        re[b + s] = t;
        t = im[a + s]!;
        im[a + s] = im[b + s]!;
        im[b + s] = t;
      }
    }
  }
  const cosT = plan.cos;
  const sinT = plan.sin;
  for (let size = 2; size <= n; size <<= 1) {
    const h = size >> 1;
    const step = (n / size) | 0;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < h; k++) {
        const t = k * step;
        const wr = cosT[t]!;
        const wi = sign * sinT[t]!;
        const a0 = (start + k) * S;
        const b0 = a0 + h * S;
        for (let s = 0; s < S; s++) {
          const a = a0 + s;
          const b = b0 + s;
          const br = re[b]!;
          const bi = im[b]!;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a]!;
          const ai = im[a]!;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  }
}

/**
 * {@link RealFft} of S signals at once, stored interleaved (element (j, s) at j·S + s — the layout
 * of an ensemble chain block, steps × (walker, parameter) series). Every butterfly runs over the S
 * signals in its innermost, contiguous loop, so the twiddle and loop overhead are shared; for S =
 * 128 this is several times faster per signal than one transform at a time. Same mathematics and
 * convention as {@link RealFft} (forward: half spectrum k = 0…P/2; inverse with 1/P).
 */
export class BatchedRealFft {
  /** transform length P */
  readonly length: number;
  /** signals per batch */
  readonly signals: number;
  private readonly half: number;
  private readonly plan: ComplexPlan;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;

  /**
   * @param length - P, a power of two ≥ 2
   * @param signals - S ≥ 1
   */
  constructor(length: number, signals: number) {
    if (!(length >= 2) || (length & (length - 1)) !== 0) throw new RangeError(`BatchedRealFft: length ${length} is not a power of two ≥ 2`);
    if (!(Number.isInteger(signals) && signals >= 1)) throw new RangeError(`BatchedRealFft: signals must be a positive integer, got ${signals}`);
    this.length = length;
    this.signals = signals;
    this.half = length >> 1;
    this.plan = complexPlan(this.half);
    this.wr = new Float64Array(this.half);
    this.wi = new Float64Array(this.half);
    for (let k = 0; k < this.half; k++) {
      const a = (2 * Math.PI * k) / length;
      this.wr[k] = Math.cos(a);
      this.wi[k] = Math.sin(a);
    }
    this.zr = new Float64Array(this.half * signals);
    this.zi = new Float64Array(this.half * signals);
  }

  /**
   * Forward transforms of S signals given as `rows` × S interleaved samples (zero-padded to P).
   * @param x - samples, element (j, s) at j·S + s, rows ≤ P
   * @param rows - samples per signal
   * @param outRe - real parts, ((P/2 + 1) × S) interleaved
   * @param outIm - imaginary parts, same layout
   */
  forward(x: Float64Array, rows: number, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.half;
    const S = this.signals;
    const zr = this.zr;
    const zi = this.zi;
    if (rows > this.length) throw new RangeError(`BatchedRealFft.forward: ${rows} rows exceed length ${this.length}`);
    for (let j = 0; j < n; j++) {
      const e = 2 * j;
      const o = j * S;
      if (e + 1 < rows) {
        const xe = e * S;
        const xo = xe + S;
        for (let s = 0; s < S; s++) {
          zr[o + s] = x[xe + s]!;
          zi[o + s] = x[xo + s]!;
        }
      } else if (e < rows) {
        const xe = e * S;
        for (let s = 0; s < S; s++) {
          zr[o + s] = x[xe + s]!;
          zi[o + s] = 0;
        }
      } else {
        zr.fill(0, o, o + S);
        zi.fill(0, o, o + S);
      }
    }
    complexTransformBatched(this.plan, zr, zi, S, -1);
    const nS = n * S;
    for (let s = 0; s < S; s++) {
      outRe[s] = zr[s]! + zi[s]!;
      outIm[s] = 0;
      outRe[nS + s] = zr[s]! - zi[s]!;
      outIm[nS + s] = 0;
    }
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 1; k < n; k++) {
      const c = wr[k]!;
      const sn = -wi[k]!;
      const ka = k * S;
      const kb = (n - k) * S;
      for (let s = 0; s < S; s++) {
        const ar = zr[ka + s]!;
        const ai = zi[ka + s]!;
        const br = zr[kb + s]!;
        const bi = -zi[kb + s]!;
        const er = 0.5 * (ar + br);
        const ei = 0.5 * (ai + bi);
        const or = 0.5 * (ai - bi);
        const oi = -0.5 * (ar - br);
        outRe[ka + s] = er + c * or - sn * oi;
        outIm[ka + s] = ei + c * oi + sn * or;
      }
    }
  }

  /**
   * Inverse transforms of S Hermitian half spectra into P real samples each (with 1/P).
   * @param re - real parts, ((P/2 + 1) × S) interleaved
   * @param im - imaginary parts (those of k = 0 and P/2 are ignored)
   * @param out - P × S interleaved samples
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const n = this.half;
    const S = this.signals;
    const zr = this.zr;
    const zi = this.zi;
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 0; k < n; k++) {
      const c = wr[k]!;
      const sn = wi[k]!;
      const ka = k * S;
      const kb = (n - k) * S;
      for (let s = 0; s < S; s++) {
        const ar = re[ka + s]!;
        const ai = k === 0 ? 0 : im[ka + s]!;
        const br = re[kb + s]!;
        const bi = k === 0 ? 0 : -im[kb + s]!;
        const er = 0.5 * (ar + br);
        const ei = 0.5 * (ai + bi);
        const dr = 0.5 * (ar - br);
        const di = 0.5 * (ai - bi);
        const or = dr * c - di * sn;
        const oi = dr * sn + di * c;
        zr[ka + s] = er - oi;
        zi[ka + s] = ei + or;
      }
    }
    complexTransformBatched(this.plan, zr, zi, S, 1);
    const scale = 1 / n;
    for (let j = 0; j < n; j++) {
      const o = j * S;
      const e = 2 * j * S;
      for (let s = 0; s < S; s++) {
        out[e + s] = zr[o + s]! * scale;
        out[e + S + s] = zi[o + s]! * scale;
      }
    }
  }
}
