/**
 * emcee's integrated autocorrelation time of a growing ensemble chain, updated with work
 * proportional to the new steps instead of recomputed over the whole chain at every check.
 *
 * emcee's estimator (src/diagnostics/autocorrTime.ts) needs, per walker and parameter, the
 * normalised autocorrelation ρ(t) = c_t / c_0 only up to Sokal's window M (the smallest M with
 * M ≥ c·τ(M)), where c_t = Σ_{j<N−t} (x_j − x̄)(x_{j+t} − x̄). Expanding the square,
 *
 *     c_t = S_t − x̄ (A_t + B_t) + (N − t) x̄²,
 *     S_t = Σ_{j<N−t} x_j x_{j+t},  A_t = Σ_{j<N−t} x_j,  B_t = Σ_{t≤j<N} x_j,
 *
 * so the raw lag sums S_t (t ≤ L) can be accumulated: each update adds the products whose later
 * factor is a new step — a cross-correlation of the new block with the block and the L steps
 * before it, done with real FFTs of all walkers' and parameters' series at once ({@link BatchedRealFft}) — and A_t, B_t need only the
 * first and last L steps. Each series is shifted by its first value before anything is summed, so
 * the expansion loses no precision to a large mean (the centred products do not depend on the
 * shift). When the window is not found within L lags, L grows and the sums are rebuilt once, by
 * replaying the same blocks (so the result never depends on when L grew).
 *
 * The τ returned after `update(chain, N)` is emcee's `integrated_time` of the first N steps (c = 5,
 * mean of the walkers' normalised ACFs, τ(M) = 2 Σ_{t≤M} ρ̄(t) − 1), equal to
 * {@link autocorrTime} up to rounding (tests: 1e-10 relative against emcee 3.1.4 fixtures and
 * against autocorrTime). The state after a sequence of updates is a deterministic function of the
 * chain and of the update points, so a resumed run that replays the same check points gets the
 * same τ bit for bit.
 * Reference: emcee `autocorr.integrated_time` (Foreman-Mackey et al. 2013, arXiv:1202.3665);
 * Sokal 1997 (doi:10.1007/978-1-4899-0319-8_6); Wiener–Khinchin for the block correlations.
 * @module
 */
import { autoWindow } from './autoWindow.js';
import { BatchedRealFft, nextPowerOfTwo } from '../numerics/fft.js';

/** Options of {@link IncrementalAutocorr}. */
export interface IncrementalAutocorrOptions {
  /** Sokal window factor c (default 5, emcee) */
  c?: number;
  /** typical number of new steps per update (sizes the FFT; default 256) */
  block?: number;
  /**
   * Follow only this parameter (0-based): its nwalkers series, read from the same row-major
   * (N, nwalkers, ndim) chain; `update` then returns one τ. Default: all parameters.
   */
  column?: number;
}

/** Largest number of products for which a block's lag sums are summed directly instead of by FFT. */
const DIRECT_MAX_PRODUCTS = 8192;
/** Series per batched FFT (a group's work arrays stay in the CPU cache). */
const GROUP = 16;

/** FFT plan and scratch arrays of one (length, group) shape. */
interface Work {
  fft: BatchedRealFft;
  vg: Float64Array;
  u: Float64Array;
  vr: Float64Array;
  vi: Float64Array;
  ur: Float64Array;
  ui: Float64Array;
}
/**
 * Plans and scratch arrays shared by every accumulator of this thread, keyed by `P:G`: they hold
 * no state between calls (each block fills them before reading), and a run's monitor keeps one
 * accumulator per parameter and ensemble, which would otherwise each build and zero their own.
 */
const WORKS = new Map<string, Work>();

/**
 * τ per parameter of an ensemble chain (row-major (N, nwalkers, ndim)) that grows between calls
 * (see module doc).
 */
export class IncrementalAutocorr {
  /** walkers */
  readonly nwalkers: number;
  /** parameters of the chain rows */
  readonly ndim: number;
  /** parameters followed: ndim, or 1 with the `column` option */
  private readonly nout: number;
  /** values per chain row (nwalkers·ndim) */
  private readonly rowLen: number;
  /** per series (w·nout + d): offset of its value within a chain row */
  private readonly off: Int32Array;
  /** window factor c */
  readonly c: number;
  /** typical block length (new steps per update) */
  readonly block: number;
  /** steps taken into account so far */
  private n = 0;
  /** update points (steps at the end of each block), in order */
  private readonly bounds: number[] = [];
  /** largest lag kept */
  private lagMax: number;
  /** smallest FFT length of the lag ladder (lagMax = basePow·2^grow − block) */
  private readonly basePow: number;
  private grow = 0;
  /** per series (w·ndim + d): first value (shift) */
  private readonly shift: Float64Array;
  /** per series: Σ x̃_j over the steps so far */
  private readonly total: Float64Array;
  /** S_t for t ≤ lagMax, lag-major: element (t, series) at t·(series count) + series */
  private sums: Float64Array;

  /**
   * @param nwalkers - walkers per step
   * @param ndim - parameters per walker
   * @param opts - window factor and typical block length
   */
  constructor(nwalkers: number, ndim: number, opts: IncrementalAutocorrOptions = {}) {
    if (!(Number.isInteger(nwalkers) && nwalkers > 0 && Number.isInteger(ndim) && ndim > 0)) {
      throw new RangeError(`IncrementalAutocorr: nwalkers (${nwalkers}) and ndim (${ndim}) must be positive integers`);
    }
    this.nwalkers = nwalkers;
    this.ndim = ndim;
    const col = opts.column;
    if (col !== undefined && !(Number.isInteger(col) && col >= 0 && col < ndim)) throw new RangeError(`IncrementalAutocorr: column ${col} is not a parameter index below ndim = ${ndim}`);
    this.nout = col === undefined ? ndim : 1;
    this.rowLen = nwalkers * ndim;
    this.off = col === undefined ? Int32Array.from({ length: nwalkers * ndim }, (_, s) => s) : Int32Array.from({ length: nwalkers }, (_, w) => w * ndim + col);
    this.c = opts.c ?? 5;
    this.block = Math.max(1, Math.floor(opts.block ?? 256));
    this.basePow = nextPowerOfTwo(this.block + 128);
    this.lagMax = this.lagFor(0);
    this.shift = new Float64Array(this.off.length);
    this.total = new Float64Array(this.off.length);
    this.sums = new Float64Array(this.off.length * (this.lagMax + 1));
  }

  /** Steps taken into account so far. */
  get steps(): number {
    return this.n;
  }

  /** Largest lag currently kept (grows when Sokal's window needs more). */
  get maxLag(): number {
    return this.lagMax;
  }

  /** Lags kept at growth step g: P − block for P = basePow·2^g, so a block of the usual length and its L predecessors fill one FFT length. */
  private lagFor(grow: number): number {
    return this.basePow * 2 ** grow - this.block;
  }

  /**
   * Takes steps [steps, nsteps) of `chain` into account and returns τ of the first `nsteps` steps.
   * @param chain - positions, row-major (≥ nsteps, nwalkers, ndim); the first `steps` rows must be
   *   the ones given before (they are read again only for the first and last lags)
   * @param nsteps - chain length to analyse (≥ the previous call's)
   * @param maxBlock - when given, the new steps are added in blocks of at most this many (a
   *   catch-up over many steps then uses FFTs of a few times the kept lags instead of one huge
   *   one); the result depends on the blocks only through rounding
   * @returns τ per parameter followed (ndim values, or one with `column`), in steps (NaN for a
   *   constant series, as emcee)
   */
  update(chain: ArrayLike<number>, nsteps: number, maxBlock?: number): Float64Array {
    const S = this.off.length;
    const D = this.nout;
    if (!Number.isInteger(nsteps) || nsteps < this.n) throw new RangeError(`IncrementalAutocorr.update: nsteps ${nsteps} is below the ${this.n} steps already taken`);
    if (chain.length < nsteps * this.rowLen) throw new RangeError(`IncrementalAutocorr.update: chain has ${chain.length} values, fewer than nsteps·nwalkers·ndim = ${nsteps * this.rowLen}`);
    if (nsteps === 0) throw new RangeError('IncrementalAutocorr.update: no steps');
    if (this.n === 0) for (let s = 0; s < S; s++) this.shift[s] = chain[this.off[s]!]!;
    const step = maxBlock === undefined ? Infinity : Math.max(1, Math.floor(maxBlock));
    while (nsteps > this.n) {
      const to = Math.min(nsteps, this.n + step);
      this.addBlock(chain, this.n, to);
      this.bounds.push(to);
      this.n = to;
    }
    for (;;) {
      const tau = new Float64Array(D);
      let complete = true;
      for (let d = 0; d < D; d++) {
        const r = this.tauOf(chain, d);
        tau[d] = r.tau;
        if (!r.found) complete = false;
      }
      if (complete || this.lagMax >= this.n - 1) return tau;
      // Sokal's window lies beyond the kept lags: keep more and rebuild the sums, in catch-up
      // blocks (the new block bounds are recorded, so the state stays a function of the chain and
      // the update points)
      this.grow++;
      this.lagMax = this.lagFor(this.grow);
      this.sums = new Float64Array(S * (this.lagMax + 1));
      this.bounds.length = 0;
      const big = this.catchUpBlock();
      for (let from = 0; from < this.n; ) {
        const to = Math.min(this.n, from + big);
        this.addBlock(chain, from, to, false);
        this.bounds.push(to);
        from = to;
      }
    }
  }

  /**
   * Keeps at least `lags` lags from the start (before any step is taken), so that a series whose
   * window is expected that far out is not summed twice. Changes only the work, not τ.
   * @param lags - lags to keep (the kept count is the next rung of the FFT ladder)
   */
  reserveLags(lags: number): void {
    if (this.n > 0) throw new RangeError('IncrementalAutocorr.reserveLags: only before the first update');
    while (this.lagMax < lags) {
      this.grow++;
      this.lagMax = this.lagFor(this.grow);
    }
    this.sums = new Float64Array(this.off.length * (this.lagMax + 1));
  }

  /**
   * A good catch-up block for {@link update}: the new steps that, with the kept lags before
   * them, fill an FFT of about four times the kept lags (so the transform cost per new step is
   * ≈ (4/3)·log₂ of it, instead of (L + block)/block times that for the usual small blocks).
   * @returns steps per block (≥ the usual block length)
   */
  catchUpBlock(): number {
    const L = this.lagMax;
    return Math.max(this.block, nextPowerOfTwo(4 * (L + 1)) - L);
  }

  /** Adds the lag products of steps [n0, n1) (and, unless rebuilding, their sum). */
  private addBlock(chain: ArrayLike<number>, n0: number, n1: number, addTotals = true): void {
    const S = this.off.length;
    const R = this.rowLen;
    const off = this.off;
    const L = this.lagMax;
    const k = n1 - n0;
    const a = Math.max(0, n0 - L);
    const m = n1 - a;
    const lags = Math.min(L, n1 - 1);
    const sums = this.sums;
    const shift = this.shift;
    if (addTotals) {
      const total = this.total;
      for (let i = n0; i < n1; i++) for (let q = 0; q < S; q++) total[q] = total[q]! + (chain[i * R + off[q]!]! - shift[q]!);
    }
    if (k * (lags + 1) <= DIRECT_MAX_PRODUCTS) {
      for (let t = 0; t <= lags; t++) {
        for (let q = 0; q < S; q++) {
          let acc = 0;
          const o = off[q]!;
          for (let i = Math.max(n0, t); i < n1; i++) acc += (chain[i * R + o]! - shift[q]!) * (chain[(i - t) * R + o]! - shift[q]!);
          sums[t * S + q] = sums[t * S + q]! + acc;
        }
      }
      return;
    }
    // r_t = Σ_i u_i v_{i−t}, v = the block and the L steps before it, u = the block alone:
    // R = U·conj(V). No wrap-around reaches t ≤ L: with L predecessors (a > 0) every i − t stays in
    // [0, m), so P ≥ m suffices; near the start (a = 0) i − t may be negative and P ≥ m + L keeps
    // those products on zeros. The series go through the batched FFT in groups of G, whose work
    // arrays stay in the CPU cache.
    const P = nextPowerOfTwo(a > 0 ? m : m + L);
    const G = Math.min(S, GROUP);
    const w = this.work(P, G);
    const { fft, vg, u, vr, vi, ur, ui } = w;
    const H = (P / 2 + 1) * G;
    const j0 = n0 - a;
    for (let g0 = 0; g0 < S; g0 += G) {
      const g = Math.min(G, S - g0);
      for (let j = 0; j < m; j++) {
        const src = (a + j) * R;
        const dst = j * G;
        for (let q = 0; q < g; q++) vg[dst + q] = chain[src + off[g0 + q]!]! - shift[g0 + q]!;
      }
      u.fill(0, 0, j0 * G);
      u.set(vg.subarray(j0 * G, m * G), j0 * G);
      fft.forward(vg, m, vr, vi);
      fft.forward(u, m, ur, ui);
      for (let q = 0; q < H; q++) {
        const xr = ur[q]!;
        const xi = ui[q]!;
        const yr = vr[q]!;
        const yi = vi[q]!;
        vr[q] = xr * yr + xi * yi;
        vi[q] = xi * yr - xr * yi;
      }
      fft.inverse(vr, vi, u);
      for (let t = 0; t <= lags; t++) {
        const o = t * S + g0;
        const r = t * G;
        for (let q = 0; q < g; q++) sums[o + q] = sums[o + q]! + u[r + q]!;
      }
    }
  }

  /** FFT plan and work arrays of length P for groups of G series (shared, see {@link WORKS}). */
  private work(P: number, G: number): Work {
    const key = `${P}:${G}`;
    let w = WORKS.get(key);
    if (!w) {
      const H = (P / 2 + 1) * G;
      w = { fft: new BatchedRealFft(P, G), vg: new Float64Array(P * G), u: new Float64Array(P * G), vr: new Float64Array(H), vi: new Float64Array(H), ur: new Float64Array(H), ui: new Float64Array(H) };
      WORKS.set(key, w);
    }
    // (forward() reads only the first m rows and zero-pads the rest itself, so no clearing is needed)
    return w;
  }

  /** τ of parameter d from the kept sums; `found` false when the window is beyond the kept lags. */
  private tauOf(chain: ArrayLike<number>, d: number): { tau: number; found: boolean } {
    const W = this.nwalkers;
    const D = this.nout;
    const S = this.off.length;
    const R = this.rowLen;
    const n = this.n;
    const lags = Math.min(this.lagMax, n - 1);
    const f = new Float64Array(lags + 1);
    for (let w = 0; w < W; w++) {
      const s = w * D + d;
      const sh = this.shift[s]!;
      const tot = this.total[s]!;
      const mu = tot / n;
      let head = 0; // Σ_{j<t} x̃_j
      let tail = 0; // Σ_{n−t≤j<n} x̃_j
      let c0 = 0;
      for (let t = 0; t <= lags; t++) {
        if (t > 0) {
          head += chain[(t - 1) * R + this.off[s]!]! - sh;
          tail += chain[(n - t) * R + this.off[s]!]! - sh;
        }
        const ct = this.sums[t * S + s]! - mu * (tot - tail + (tot - head)) + (n - t) * mu * mu;
        if (t === 0) c0 = ct;
        f[t] = f[t]! + ct / c0;
      }
    }
    const taus = new Float64Array(lags + 1);
    let cum = 0;
    for (let t = 0; t <= lags; t++) {
      cum += f[t]! / W;
      taus[t] = 2 * cum - 1;
    }
    const m = autoWindow(taus, this.c);
    return { tau: taus[m]!, found: !(m < this.c * taus[m]!) };
  }
}
