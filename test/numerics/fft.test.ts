import { describe, expect, it } from 'vitest';
import { autocovarianceSums, fftInPlace, nextPowerOfTwo, realFft } from '../../src/numerics/fft.js';
import { makeMt19937 } from '../../src/numerics/stdlib.js';

/** Naive O(n²) DFT, the definition X_k = Σ_j x_j e^{−2πijk/n}. */
function naiveDft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  }
  return { re: outRe, im: outIm };
}

function randomComplex(seed: number, n: number): { re: Float64Array; im: Float64Array } {
  const rng = makeMt19937(seed);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = rng.normalized() - 0.5;
    im[i] = rng.normalized() - 0.5;
  }
  return { re, im };
}

describe('fftInPlace', () => {
  it('nextPowerOfTwo(n) is the smallest 2^k ≥ n (emcee next_pow_two)', () => {
    expect([0, 1, 2, 3, 5, 1000, 1024, 1025].map(nextPowerOfTwo)).toEqual([1, 1, 2, 4, 8, 1024, 1024, 2048]);
  });

  for (const n of [1, 2, 4, 8, 64, 512]) {
    it(`fftInPlace(re, im) equals the naive DFT for n = ${n} (tolerance 1e-12·n, definition)`, () => {
      const { re, im } = randomComplex(n, n);
      const ref = naiveDft(re, im);
      fftInPlace(re, im);
      for (let k = 0; k < n; k++) {
        expect(Math.abs(re[k] - ref.re[k])).toBeLessThan(1e-12 * n);
        expect(Math.abs(im[k] - ref.im[k])).toBeLessThan(1e-12 * n);
      }
    });
  }

  it('fftInPlace(.., inverse = true) undoes the forward transform (n = 4096, 1e-14)', () => {
    const { re, im } = randomComplex(3, 4096);
    const re0 = re.slice();
    const im0 = im.slice();
    fftInPlace(re, im);
    fftInPlace(re, im, true);
    for (let k = 0; k < re.length; k++) {
      expect(Math.abs(re[k] - re0[k])).toBeLessThan(1e-14);
      expect(Math.abs(im[k] - im0[k])).toBeLessThan(1e-14);
    }
  });

  it("satisfies Parseval's identity Σ|x|² = (1/n) Σ|X|² (n = 65536, relative 1e-13)", () => {
    const { re, im } = randomComplex(11, 65536);
    let ex = 0;
    for (let k = 0; k < re.length; k++) ex += re[k] ** 2 + im[k] ** 2;
    fftInPlace(re, im);
    let eX = 0;
    for (let k = 0; k < re.length; k++) eX += re[k] ** 2 + im[k] ** 2;
    expect(Math.abs(eX / re.length - ex) / ex).toBeLessThan(1e-13);
  });

  it('realFft(x, n) of a real signal has Hermitian symmetry X_{n−k} = conj(X_k) (exact up to 1e-13)', () => {
    const x = randomComplex(5, 100).re;
    const { re, im } = realFft(x, 128);
    for (let k = 1; k < 128; k++) {
      expect(Math.abs(re[128 - k] - re[k])).toBeLessThan(1e-13);
      expect(Math.abs(im[128 - k] + im[k])).toBeLessThan(1e-13);
    }
    expect(Math.abs(im[0])).toBeLessThan(1e-15);
  });

  it('rejects lengths that are not powers of two or differ between re and im', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
    expect(() => fftInPlace(new Float64Array(8), new Float64Array(4))).toThrow(/length/);
  });

  it('autocovarianceSums(x) equals the direct sums Σ y_j y_{j+t} (n = 300, 1e-12, definition)', () => {
    const x = randomComplex(9, 300).re;
    const c = autocovarianceSums(x);
    let mean = 0;
    for (const v of x) mean += v / x.length;
    for (const t of [0, 1, 2, 17, 150, 299]) {
      let s = 0;
      for (let j = 0; j + t < x.length; j++) s += (x[j] - mean) * (x[j + t] - mean);
      expect(Math.abs(c[t] - s)).toBeLessThan(1e-12);
    }
  });
});
