/**
 * The text formats of `nuem export`: GetDist chains (`root.txt` or `root_1.txt…`, `root.paramnames`,
 * `root.ranges`) and CSV tables of the draws and of the summary.
 *
 * GetDist's plain-text format (Lewis, arXiv:1910.13970, and the GetDist documentation
 * https://getdist.readthedocs.io, "Samples file format"): one sample per line, whitespace
 * separated, columns `weight  −ln(posterior)  p1 p2 …`; several chains of one root are
 * `root_1.txt`, `root_2.txt`, …; `root.paramnames` has one line `name  LaTeX-label` per column
 * after the first two; `root.ranges` one line `name  lower  upper` with `N` for an open end.
 *
 * Numbers are written as the shortest decimal that reads back as the same double
 * (ECMAScript Number::toString, ECMA-262 §6.1.6.1.20), so every value round-trips exactly; ±∞ and
 * NaN are written `inf`, `-inf`, `nan`, which numpy, pandas and Python's `float` read.
 * @module
 */
import type { Prior } from '../sampler/priors.js';
import type { ExportData } from './exportData.js';

/**
 * @param x - any double
 * @returns its shortest round-trip decimal (`inf`, `-inf`, `nan` for the non-finite ones)
 * @example num(0.1) // returns '0.1'
 */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/**
 * Hard bounds of a prior for GetDist's `.ranges` (`null` = open).
 *
 * @param prior - the sampling prior, or undefined when unknown
 * @returns lower and upper bound
 */
export function priorRange(prior: Prior | undefined): [number | null, number | null] {
  if (!prior) return [null, null];
  switch (prior.type) {
    case 'uniform':
    case 'loguniform':
    case 'truncnormal':
      return [prior.min, prior.max];
    case 'halfnormal':
    case 'lognormal':
      return [0, null];
    default:
      return [null, null];
  }
}

/**
 * A prior in words for the CSV and the netCDF attributes.
 *
 * @param prior - the sampling prior, or undefined when unknown
 * @returns e.g. `uniform(-0.0000012, 0.0000012)`; `''` when unknown
 */
export function priorText(prior: Prior | undefined): string {
  if (!prior) return '';
  switch (prior.type) {
    case 'uniform':
    case 'loguniform':
      return `${prior.type}(${num(prior.min)}, ${num(prior.max)})`;
    case 'normal':
    case 'lognormal':
      return `${prior.type}(mu=${num(prior.mu)}, sigma=${num(prior.sigma)})`;
    case 'truncnormal':
      return `truncnormal(mu=${num(prior.mu)}, sigma=${num(prior.sigma)}, min=${num(prior.min)}, max=${num(prior.max)})`;
    case 'halfnormal':
      return `halfnormal(sigma=${num(prior.sigma)})`;
  }
}

/**
 * GetDist files: one chain file per input file (`root.txt` for one, `root_1.txt…` for several),
 * weight 1 for every draw (MCMC draws are equally weighted), second column −ln p (the chain's
 * `log_prob`, the log posterior up to a constant), then the parameters; rows in emcee's flat
 * order (step, then walker).
 *
 * @param data - the export
 * @param root - path prefix
 * @returns file contents by path
 */
export function getdistFiles(data: ExportData, root: string): Map<string, string> {
  const files = new Map<string, string>();
  const D = data.parameters.length;
  data.ensembles.forEach((e, i) => {
    const c = e.chain;
    const lines: string[] = [];
    for (const t of e.steps) {
      for (let w = 0; w < c.nwalkers; w++) {
        const row = ['1', num(-(c.logProb[t * c.nwalkers + w] as number))];
        for (let d = 0; d < D; d++) row.push(num(c.chain[(t * c.nwalkers + w) * D + d] as number));
        lines.push(row.join(' '));
      }
    }
    files.set(data.ensembles.length === 1 ? `${root}.txt` : `${root}_${i + 1}.txt`, `${lines.join('\n')}\n`);
  });
  files.set(`${root}.paramnames`, data.parameters.map((p) => `${p.name}\t${p.latex}\n`).join(''));
  files.set(
    `${root}.ranges`,
    data.parameters
      .map((p) => {
        const [lo, hi] = priorRange(p.prior);
        return `${p.name}\t${lo === null ? 'N' : num(lo)}\t${hi === null ? 'N' : num(hi)}\n`;
      })
      .join(''),
  );
  return files;
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV of the kept draws: `ensemble,walker,step,lp,<parameters…>` (ensemble = index of the input
 * file from 0, step = the row of that file from 0, lp = the chain's log_prob), rows in emcee's flat
 * order within each file.
 *
 * @param data - the export
 * @returns the CSV text
 */
export function drawsCsv(data: ExportData): string {
  const D = data.parameters.length;
  const lines = [['ensemble', 'walker', 'step', 'lp', ...data.parameters.map((p) => p.name)].map(field).join(',')];
  data.ensembles.forEach((e, k) => {
    const c = e.chain;
    for (const t of e.steps) {
      for (let w = 0; w < c.nwalkers; w++) {
        const row = [String(k), String(w), String(t), num(c.logProb[t * c.nwalkers + w] as number)];
        for (let d = 0; d < D; d++) row.push(num(c.chain[(t * c.nwalkers + w) * D + d] as number));
        lines.push(row.join(','));
      }
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * CSV of the summary table (the numbers `nuem run` prints, from `summarizeEnsembles`): one row
 * per parameter with label, unit, prior, mean, sd, median, the credible interval or one-sided
 * limit and its kind, MCSEs, τ, τ-based ESS, R̂ across files (empty with one file) and the
 * Savage–Dickey B₀₁ at 0 (physics parameters with a known prior containing 0).
 *
 * @param data - the export
 * @returns the CSV text
 */
export function summaryCsv(data: ExportData): string {
  const head = ['parameter', 'label', 'unit', 'prior', 'mean', 'sd', 'median', 'lo', 'hi', 'prob', 'kind', 'method', 'mcse_mean', 'mcse_median', 'tau', 'ess_tau', 'rhat', 'bf01_at_0', 'bf01_se', 'n_draws', 'discard', 'thin'];
  const rows = data.summary.parameters.map((s, d) => {
    const p = data.parameters[d]!;
    return [
      p.name,
      p.label,
      p.unit,
      priorText(p.prior),
      num(s.mean),
      num(s.sd),
      num(s.median),
      num(s.lo),
      num(s.hi),
      num(s.prob),
      s.kind,
      s.method,
      num(s.mcse.mean),
      num(s.mcse.median),
      num(s.tau),
      num(s.essTau),
      s.rhat === null ? '' : num(s.rhat),
      s.savageDickey ? num(s.savageDickey.bf01) : '',
      s.savageDickey ? num(s.savageDickey.bf01Se) : '',
      String(data.summary.nDraws),
      String(data.discard),
      String(data.thin),
    ]
      .map(field)
      .join(',');
  });
  return `${[head.join(','), ...rows].join('\n')}\n`;
}
