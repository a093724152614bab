/**
 * Hand-written radix-2 complex FFT (iterative Cooley–Tukey, decimation in time, bit-reversal
 * permutation first) plus the real-signal helpers the autocorrelation estimators need.
 *
 * Convention (same as numpy.fft): forward X_k = Σ_j x_j e^{−2πi jk/n}; the inverse carries the 1/n.
 * Twiddle factors are taken from one table of cos/sin evaluated directly (no recurrence), so the
 * rounding error grows like O(ε log n).
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
  // bit-reversal permutation
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  // twiddle table w_k = exp(∓2πik/n), k < n/2
  const half = n >> 1;
  const cosT = new Float64Array(half);
  const sinT = new Float64Array(half);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < half; k++) {
    const a = (2 * Math.PI * k) / n;
    cosT[k] = Math.cos(a);
    sinT[k] = sign * Math.sin(a);
  }
  for (let size = 2; size <= n; size *= 2) {
    const h = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0, t = 0; k < h; k++, t += step) {
        const wr = cosT[t];
        const wi = sinT[t];
        const a = start + k;
        const b = a + h;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
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

/**
 * Autocovariance sums c_t = Σ_{j=0}^{n−1−t} y_j y_{j+t} of the mean-removed series y = x − mean(x),
 * for t = 0…n−1, by the Wiener–Khinchin theorem with zero padding to a power of two ≥ `minPadding`
 * (≥ 2n−1 avoids wrap-around). No 1/n or 1/(n−t) factor is applied.
 * Reference: emcee `autocorr.function_1d` (inference.md §2.8); Vehtari et al. 2021 (doi:10.1214/20-BA1221).
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
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const m = nextPowerOfTwo(Math.max(minPadding ?? 2 * n, 2 * n - 1));
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  for (let i = 0; i < n; i++) re[i] = x[i] - mean;
  fftInPlace(re, im);
  for (let k = 0; k < m; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fftInPlace(re, im, true);
  for (let t = 0; t < n; t++) out[t] = re[t];
  return out;
}
