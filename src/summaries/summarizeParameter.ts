/**
 * One parameter's reported numbers — median, interval or one-sided limit — each with its Monte Carlo
 * standard error. This is what the report prints.
 * @module
 */
import { type Chains, pooled } from '../diagnostics/chains.js';
import { essMean } from '../diagnostics/essMean.js';
import { essQuantile } from '../diagnostics/essQuantile.js';
import { mcseQuantileFromSorted } from '../diagnostics/mcseQuantile.js';
import { hdi } from './hdi.js';
import { type BandwidthRule } from './kde1d.js';
import { meanAndSd } from './meanAndSd.js';
import { oneSided, type LimitKind } from './oneSided.js';
import { quantileSorted, sortedCopy } from './quantiles.js';

/** Options of {@link summarizeParameter}. */
export interface SummarizeOptions {
  /** Credible probability of the interval/limit (default 0.6826894921; use 0.9 or 0.95 for limits). */
  prob?: number;
  /** Two-sided interval type (default 'equal-tailed'). */
  interval?: 'equal-tailed' | 'hdi';
  /** Hard lower / upper bound (enables GetDist's one-tail decision). */
  lower?: number;
  upper?: number;
  /** Independent chains (e.g. one combined chain per ensemble) for per-quantile ESS. */
  chains?: Chains;
  /** Effective sample size of the draws when `chains` is absent (e.g. ensembleDiagnostics essTau). */
  ess?: number;
  /** KDE bandwidth rule for the one-tail decision (default 'scott'). */
  bandwidth?: BandwidthRule;
}

/** Monte Carlo standard errors of the reported numbers (units of the parameter). */
export interface SummaryMcse {
  mean: number;
  median: number;
  lo: number;
  hi: number;
}

/** Result of {@link summarizeParameter}. */
export interface ParameterSummary {
  median: number;
  mean: number;
  sd: number;
  /** Interval ends (for 'upper' lo is the bound; for 'lower' hi is the bound). */
  lo: number;
  hi: number;
  kind: LimitKind;
  prob: number;
  /** How lo/hi were obtained: 'equal-tailed', 'hdi', 'one-tail', 'bounds' or GetDist's 'equal-density'. */
  method: string;
  mcse: SummaryMcse;
  /** ESS used for the mean's MCSE. */
  ess: number;
  /** True when no chains/ESS were given and the draws were treated as independent. */
  essAssumed: boolean;
  n: number;
}

/**
 * Median, mean, sd and a credible interval (or one-sided limit when a bound is open, GetDist's rule)
 * with MCSEs: quantile MCSEs by the Beta/order-statistic method with the quantile's ESS (Vehtari et
 * al. 2021 §4.4), the mean's as sd/√ESS. HDI ends get the MCSE of the quantiles at their
 * probability levels (an approximation). A bound fixed by the prior has MCSE 0.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221; GetDist (arXiv:1910.13970); Vehtari et al. 2021, arXiv:1903.08008; Hyndman 1996, doi:10.1080/00031305.1996.10474359.
 * @param samples - all draws of the parameter (units u); with `chains`, their concatenation
 * @param opts - probability, interval type, bounds, chains or ESS
 * @returns the summary with MCSEs
 * @example summarizeParameter(draws, { prob: 0.9, lower: 0 }).kind // returns 'upper' when the density piles up at 0
 */
export function summarizeParameter(samples: ArrayLike<number>, opts: SummarizeOptions = {}): ParameterSummary {
  const prob = opts.prob ?? 0.6826894921370859;
  const draws = opts.chains ? pooled(opts.chains) : samples;
  const n = draws.length;
  if (n < 4) throw new RangeError(`summarizeParameter: need at least 4 draws, got ${n}`);
  const s = sortedCopy(draws);
  const { mean, sd } = meanAndSd(s);
  const essAssumed = !opts.chains && opts.ess === undefined;
  const essOf = (p: number): number => (opts.chains ? essQuantile(opts.chains, p) : (opts.ess ?? n));
  const mcseAt = (p: number): number => mcseQuantileFromSorted(s, p, essOf(p));
  const ess = opts.chains ? essMean(opts.chains) : (opts.ess ?? n);
  const median = quantileSorted(s, 0.5);
  const hasBound = opts.lower !== undefined || opts.upper !== undefined;
  let kind: LimitKind = 'two-sided';
  let lo: number;
  let hi: number;
  let method: string;
  let mcseLo: number;
  let mcseHi: number;
  const limit = hasBound ? oneSided(s, { prob, lower: opts.lower, upper: opts.upper, bandwidth: opts.bandwidth }) : null;
  if (limit && limit.kind !== 'two-sided') {
    kind = limit.kind;
    lo = limit.lo;
    hi = limit.hi;
    method = limit.method;
    mcseLo = kind === 'lower' ? mcseAt(1 - prob) : 0;
    mcseHi = kind === 'upper' ? mcseAt(prob) : 0;
  } else if (opts.interval === 'hdi') {
    ({ lo, hi } = hdi(s, prob));
    method = 'hdi';
    mcseLo = mcseAt(fractionBelow(s, lo));
    mcseHi = mcseAt(fractionBelow(s, hi));
  } else {
    lo = quantileSorted(s, (1 - prob) / 2);
    hi = quantileSorted(s, (1 + prob) / 2);
    method = 'equal-tailed';
    mcseLo = mcseAt((1 - prob) / 2);
    mcseHi = mcseAt((1 + prob) / 2);
  }
  return {
    median,
    mean,
    sd,
    lo,
    hi,
    kind,
    prob,
    method,
    mcse: { mean: sd / Math.sqrt(ess), median: mcseAt(0.5), lo: mcseLo, hi: mcseHi },
    ess,
    essAssumed,
    n,
  };
}

/** Fraction of sorted draws ≤ v, clamped to (0, 1) for use as a quantile level. */
function fractionBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(Math.max(lo / sorted.length, 1 / sorted.length), 1 - 1 / sorted.length);
}
