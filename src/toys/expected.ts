/**
 * Expected limits under the Standard Model (all free EM parameters 0): the distribution of the
 * lower and upper ends of the 1-D confidence intervals over pseudo-experiments generated at the
 * SM, summarised as the median and the ±1σ, ±2σ bands (quantiles Φ(−2), Φ(−1), ½, Φ(1), Φ(2) =
 * 2.275%, 15.87%, 50%, 84.13%, 97.725%), as dark-matter searches publish their sensitivity bands
 * (e.g. XENON1T, Phys. Rev. Lett. 121, 111302 (2018), Fig. 4); and the same limits on the Asimov
 * data set (expected counts with nominal nuisances; Cowan, Cranmer, Gross, Vitells, Eur. Phys. J.
 * C 71 (2011) 1554, Sec. 3.2). Both the Wilks and the Feldman–Cousins intervals are reported.
 * An interval's "lower" and "upper" ends are those of its hull (the smallest interval containing
 * every piece of the set).
 */
import { quantileSorted } from '../summaries/quantiles.js';
import { normalCdf } from '../numerics/stdlib.js';
import { beltIntervals, type BeltInterval } from './belt.js';
import { toyData, type ConstructionContext, type GridProfile } from './construction.js';
import type { ToyResult } from './result.js';

/** Stream family of the SM toys. */
export const EXPECTED_FAMILY = 2_000_000;

/** Band probabilities −2σ, −1σ, median, +1σ, +2σ. */
export const BAND_PROBABILITIES = [-2, -1, 0, 1, 2].map((z) => normalCdf(z, 0, 1));

/** The band of one limit. */
export interface LimitBand {
  /** Interval kind. */
  readonly method: 'wilks' | 'fc';
  /** Which end. */
  readonly limit: 'lower' | 'upper';
  /** Quantiles at {@link BAND_PROBABILITIES}. */
  readonly band: number[];
  /** The limit on the Asimov data. */
  readonly asimov: number;
  /** Fraction of toys whose set reaches the grid end on this side (limit at least as wide as quoted). */
  readonly openFraction: number;
}

function hull(set: readonly BeltInterval[], xs: readonly number[]): { lo: number; hi: number; loOpen: boolean; hiOpen: boolean } {
  if (set.length === 0) return { lo: NaN, hi: NaN, loOpen: false, hiOpen: false };
  const first = set[0]!.lo;
  const last = set[set.length - 1]!.hi;
  return { lo: first.open ? xs[0]! : first.at, hi: last.open ? xs[xs.length - 1]! : last.at, loOpen: first.open, hiOpen: last.open };
}

function limits(prof: GridProfile, xs: readonly number[], result: ToyResult): { wilks: ReturnType<typeof hull>; fc: ReturnType<typeof hull> } {
  const t = Array.from(prof.chi2, (c) => Math.max(0, c - prof.min));
  const zero = t.map(() => 0);
  return {
    wilks: hull(beltIntervals(xs, t, t.map(() => result.wilks.deltaChi2), zero), xs),
    fc: hull(beltIntervals(xs, t, result.tcSmooth, zero), xs),
  };
}

/**
 * Expected limits (1-D constructions).
 *
 * @param ctx - construction context
 * @param result - the finished construction (for t_c)
 * @param toys - pseudo-experiments at the SM
 * @param onToy - progress callback
 * @returns four bands: Wilks and FC, lower and upper
 */
export function computeExpectedLimits(ctx: ConstructionContext, result: ToyResult, toys: number, onToy?: (done: number) => void): LimitBand[] {
  if (ctx.config.axes.length !== 1) throw new Error('expected limits are implemented for 1-D constructions');
  const xs = ctx.nodes[0]!;
  const sm = new Float64Array(ctx.backend.real.physicsNames.length);
  const nuHat = ctx.backend.conditionalNuisances(sm);
  const asimov = limits(ctx.gridProfile(ctx.backend.bind(ctx.backend.expected(sm, ctx.backend.nominalNuisances()))), xs, result);
  const rows = { wilks: { lo: [] as number[], hi: [] as number[], loOpen: 0, hiOpen: 0 }, fc: { lo: [] as number[], hi: [] as number[], loOpen: 0, hiOpen: 0 } };
  for (let i = 0; i < toys; i++) {
    const l = limits(ctx.gridProfile(ctx.backend.bind(toyData(ctx, sm, nuHat, EXPECTED_FAMILY, i))), xs, result);
    for (const m of ['wilks', 'fc'] as const) {
      if (Number.isNaN(l[m].lo)) continue;
      rows[m].lo.push(l[m].lo);
      rows[m].hi.push(l[m].hi);
      if (l[m].loOpen) rows[m].loOpen++;
      if (l[m].hiOpen) rows[m].hiOpen++;
    }
    onToy?.(i + 1);
  }
  const out: LimitBand[] = [];
  for (const m of ['wilks', 'fc'] as const) {
    for (const side of ['lower', 'upper'] as const) {
      const v = Float64Array.from(side === 'lower' ? rows[m].lo : rows[m].hi).sort();
      out.push({
        method: m,
        limit: side,
        band: BAND_PROBABILITIES.map((p) => quantileSorted(v, p)),
        asimov: side === 'lower' ? asimov[m].lo : asimov[m].hi,
        openFraction: (side === 'lower' ? rows[m].loOpen : rows[m].hiOpen) / Math.max(1, v.length),
      });
    }
  }
  return out;
}

/**
 * The bands as CSV (one row per method and end).
 *
 * @param bands - from {@link computeExpectedLimits}
 * @param parameter - parameter name
 * @param cl - confidence level
 * @param toys - pseudo-experiments
 * @returns CSV text
 */
export function expectedCsv(bands: readonly LimitBand[], parameter: string, cl: number, toys: number): string {
  const head = `# expected ${(cl * 100).toFixed(1)}% CL limits on ${parameter} under the SM from ${toys} pseudo-experiments; quantiles 2.275/15.87/50/84.13/97.725%\nmethod,limit,minus2sigma,minus1sigma,median,plus1sigma,plus2sigma,asimov,open_fraction\n`;
  return head + bands.map((b) => [b.method, b.limit, ...b.band, b.asimov, b.openFraction].join(',')).join('\n') + '\n';
}
