/**
 * Modes of a 1-D marginal and the posterior mass of each: a Gaussian KDE (Silverman's rule, which
 * smooths less than Scott's and so keeps close modes apart) on a 512-point grid; its local maxima
 * are modes when they rise at least 5% of the global peak and the density between two of them
 * dips below 80% of the lower peak (otherwise they merge; thresholds chosen so that KDE ripples
 * of a unimodal density are not called modes). The boundary between neighbouring modes is the
 * density minimum between them; a mode's mass is the fraction of draws inside its region, with
 * the MCSE of that fraction from the indicator's per-step series (Vehtari et al. 2021 §3.2,
 * `mcseMean` over chains). Mode masses are what a sampler that cannot cross between modes gets
 * wrong first; they are compared with exact 1-D integration in test/sampler/tempering.test.ts and
 * bench/modes.ts.
 * References: Silverman 1986, *Density Estimation*, §3.4.2 (bandwidth); Hyndman 1996,
 * doi:10.1080/00031305.1996.10474359 (highest-density regions); Vehtari et al. 2021,
 * doi:10.1214/20-BA1221.
 * @module
 */
import { mcseMean } from '../diagnostics/mcseMean.js';
import { kde1d } from './kde1d.js';

/** One mode of a marginal. */
export interface MarginalMode {
  /** location of the KDE peak (units u) */
  peak: number;
  /** region of the mode: from the previous boundary (or −∞) to the next (or +∞) */
  lo: number;
  hi: number;
  /** fraction of the draws in the region */
  mass: number;
  /** MCSE of the fraction (NaN when no chains were given) */
  mcse: number;
}

/** Options of {@link marginalModes}. */
export interface MarginalModesOptions {
  /** hard bounds (KDE reflection) */
  lower?: number;
  upper?: number;
  /** the draws of each independent ensemble in sampler order (step-major, `walkers` draws per step): for the MCSE */
  chains?: readonly ArrayLike<number>[];
  /** draws per step in each chain (default 1); the indicator is averaged over them per step */
  walkers?: number;
  /** minimum peak height relative to the global maximum (default 0.05) */
  minHeight?: number;
  /** maximum dip (relative to the lower of two peaks) for them to count as separate (default 0.8) */
  maxDip?: number;
}

/**
 * The modes of a marginal (module doc); one entry when the marginal is unimodal.
 * @param samples - pooled draws (units u)
 * @param opts - bounds, chains for the MCSE, thresholds
 * @returns modes in ascending order, masses summing to 1
 * @example marginalModes(draws).length // returns 2 for a well separated two-component mixture
 */
export function marginalModes(samples: ArrayLike<number>, opts: MarginalModesOptions = {}): MarginalMode[] {
  const n = samples.length;
  if (n < 20) throw new RangeError(`marginalModes: need at least 20 draws, got ${n}`);
  const kde = kde1d(samples, { bandwidth: 'silverman', gridSize: 512, lower: opts.lower, upper: opts.upper });
  const x = kde.x;
  const f = kde.density;
  const minH = opts.minHeight ?? 0.05;
  const maxDip = opts.maxDip ?? 0.8;
  let fmax = 0;
  for (const v of f) fmax = Math.max(fmax, v);
  // local maxima above the height cut
  let peaks: number[] = [];
  for (let i = 0; i < f.length; i++) {
    const left = i === 0 ? -Infinity : f[i - 1]!;
    const right = i === f.length - 1 ? -Infinity : f[i + 1]!;
    if (f[i]! >= left && f[i]! > right && f[i]! >= minH * fmax) peaks.push(i);
  }
  // merge neighbours whose valley does not dip below maxDip × the lower peak
  const valley = (a: number, b: number): number => {
    let m = a;
    for (let i = a; i <= b; i++) if (f[i]! < f[m]!) m = i;
    return m;
  };
  let merged = true;
  while (merged && peaks.length > 1) {
    merged = false;
    for (let k = 0; k + 1 < peaks.length; k++) {
      const a = peaks[k]!;
      const b = peaks[k + 1]!;
      const v = valley(a, b);
      if (f[v]! > maxDip * Math.min(f[a]!, f[b]!)) {
        peaks = [...peaks.slice(0, k), f[a]! >= f[b]! ? a : b, ...peaks.slice(k + 2)];
        merged = true;
        break;
      }
    }
  }
  const bounds = peaks.slice(0, -1).map((a, k) => x[valley(a, peaks[k + 1]!)]!);
  const edges = [-Infinity, ...bounds, Infinity];
  const fractionIn = (c: ArrayLike<number>, lo: number, hi: number): number => {
    let k = 0;
    for (let i = 0; i < c.length; i++) if (c[i]! > lo && c[i]! <= hi) k++;
    return k / c.length;
  };
  return peaks.map((p, k) => {
    const lo = edges[k]!;
    const hi = edges[k + 1]!;
    let mcse = NaN;
    if (opts.chains && opts.chains.length > 0 && peaks.length > 1) {
      const W = opts.walkers ?? 1;
      const ind = opts.chains.map((c) => {
        const steps = Math.floor(c.length / W);
        const y = new Float64Array(steps);
        for (let t = 0; t < steps; t++) {
          let s = 0;
          for (let w = 0; w < W; w++) {
            const v = c[t * W + w]!;
            if (v > lo && v <= hi) s++;
          }
          y[t] = s / W;
        }
        return y;
      });
      const allSame = ind.every((c) => c.every((v) => v === ind[0]![0]));
      mcse = allSame ? 0 : mcseMean(ind);
    }
    return { peak: x[p]!, lo, hi, mass: peaks.length === 1 ? 1 : fractionIn(samples, lo, hi), mcse: peaks.length === 1 ? 0 : mcse };
  });
}
