/**
 * Natural logarithm rounded to nearest from a double-double evaluation (≈ 2⁻⁸⁰ relative error
 * before the final rounding). numpy's legacy normal generator calls the C library `log`
 * (glibc: < 0.52 ulp), and V8's `Math.log` (fdlibm port) differs from it in the last bit for
 * about 3 % of arguments, which would break emcee bit-parity of every normal draw. This function
 * agrees with glibc on all the numpy normals in the golden fixture (test/random).
 *
 * Method: x = 2ᵏ m, m ∈ [2^-½, 2^½]; ln x = k ln 2 + 2 atanh(s), s = (m − 1)/(m + 1),
 * 2 atanh(s) = 2s Σ_j s^{2j}/(2j + 1) (|s| ≤ 0.172), terms j ≤ 4 in double-double, the tail in
 * double. Double-double arithmetic: Dekker, Numer. Math. 18 (1971) 224, doi:10.1007/BF01397083.
 * @module
 */

const SPLIT = 134217729; // 2^27 + 1
let pHi = 0;
let pLo = 0;

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  pHi = p;
  pLo = ah * bh - p + ah * bl + al * bh + al * bl;
}

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  pHi = s;
  pLo = a - (s - bb) + (b - bb);
}

/** (ah, al)·(bh, bl) → (pHi, pLo) */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const h = pHi;
  const l = pLo + (ah * bl + al * bh);
  twoSum(h, l);
}

/** (ah, al) + (bh, bl) → (pHi, pLo) */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const h = pHi;
  const l = pLo + al + bl;
  twoSum(h, l);
}

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const C_HI: number[] = [];
const C_LO: number[] = [];
for (let j = 1; j <= 4; j++) {
  const d = 2 * j + 1;
  const h = 1 / d;
  twoProd(h, d);
  C_HI.push(h);
  C_LO.push(-(pHi - 1 + pLo) / d);
}

/**
 * ln x, rounded to nearest (see module doc). Non-positive, infinite and NaN inputs follow `Math.log`.
 * @param x - argument
 * @returns ln x
 */
export function logCorrectlyRounded(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let k = Math.round(Math.log2(x));
  let m: number;
  if (k < -1000) {
    x *= 2 ** 600;
    k = Math.round(Math.log2(x));
    m = x * 2 ** -k;
    k -= 600;
  } else if (k > 1000) {
    m = x * 2 ** -1000 * 2 ** -(k - 1000);
  } else m = x * 2 ** -k;
  const num = m - 1; // exact (Sterbenz)
  twoSum(m, 1);
  const dh = pHi,
    dl = pLo;
  const sh = num / dh;
  twoProd(sh, dh);
  const sl = (num - pHi - pLo - sh * dl) / dh;
  ddMul(sh, sl, sh, sl);
  const zh = pHi,
    zl = pLo;
  // tail Σ_{j≥5} z^{j−5}/(2j+1) in double (z ≤ 0.03: 18 terms reach 1e-27)
  let tail = 0;
  for (let j = 22; j >= 5; j--) tail = 1 / (2 * j + 1) + zh * tail;
  // P = 1 + z(c1 + z(c2 + z(c3 + z(c4 + z·tail))))
  let ph = tail,
    pl = 0;
  ddMul(zh, zl, ph, pl);
  ddAdd(C_HI[3]!, C_LO[3]!, pHi, pLo);
  for (let j = 2; j >= 0; j--) {
    ph = pHi;
    pl = pLo;
    ddMul(zh, zl, ph, pl);
    ddAdd(C_HI[j]!, C_LO[j]!, pHi, pLo);
  }
  ph = pHi;
  pl = pLo;
  ddMul(zh, zl, ph, pl);
  ddAdd(1, 0, pHi, pLo);
  ph = pHi;
  pl = pLo;
  ddMul(2 * sh, 2 * sl, ph, pl);
  const lh = pHi,
    ll = pLo;
  twoProd(k, LN2_HI);
  const kh = pHi,
    kl = pLo + k * LN2_LO;
  ddAdd(kh, kl, lh, ll);
  return pHi + pLo;
}
