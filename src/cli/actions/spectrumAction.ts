/**
 * The action of `nuem spectrum` (loaded on demand by src/cli/commands/spectrum.ts): expected counts
 * per bin from `computeSpectrum` (reference integration, docs/reproduction.md), printed as a table or as
 * JSON. Reference: issue 2 (CLI contract).
 */
import { sanitizeForTerminal, UserError } from '../userError.js';
import { emParams, FLAVORS, parseParameterAssignments } from '../../physics/parameters.js';
import { computeSpectrum, type SpectrumResult } from '../../physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import { loadExperiment, withExposureYears } from '../../experiments/loadExperiment.js';
import { checkFiniteSpectrum } from '../../pipeline/checkFiniteSpectrum.js';

/** One bin of the `--json` output. */
export interface SpectrumJsonBin {
  /** lower edge */
  lo: number;
  /** upper edge */
  hi: number;
  /** expected signal counts */
  expected: number;
  /** signal per flavour */
  byFlavor: Record<string, number>;
  /** signal per channel of the experiment */
  byChannel: Record<string, number>;
  /** observed counts, if any */
  observed?: number;
  /** observed uncertainty, if any */
  observedSigma?: number;
  /** background counts, if any */
  background?: number;
}

/**
 * The `--json` document for a spectrum.
 *
 * @param exp - experiment
 * @param r - spectrum
 * @returns `{ experiment, unit, bins: [...], total }`
 * @example spectrumJson(exp, r).total.expected // sum over bins
 * Reference: issue 2 (CLI contract).
 */
export function spectrumJson(exp: Experiment, r: SpectrumResult) {
  const bins: SpectrumJsonBin[] = [];
  for (let i = 0; i < r.expected.length; i++) {
    const b: SpectrumJsonBin = {
      lo: r.edges[i]!,
      hi: r.edges[i + 1]!,
      expected: r.expected[i]!,
      byFlavor: Object.fromEntries(FLAVORS.map((f) => [f, r.byFlavor[f][i]!])),
      byChannel: Object.fromEntries(exp.channels.map((c) => [c, r.byChannel[c][i]!])),
    };
    if (r.observed) b.observed = r.observed[i]!;
    if (r.observedSigma) b.observedSigma = r.observedSigma[i]!;
    if (r.background) b.background = r.background[i]!;
    bins.push(b);
  }
  const sum = (a?: Float64Array): number | undefined => (a ? a.reduce((s, x) => s + x, 0) : undefined);
  const total: Record<string, unknown> = {
    expected: sum(r.expected),
    byFlavor: Object.fromEntries(FLAVORS.map((f) => [f, sum(r.byFlavor[f])])),
    byChannel: Object.fromEntries(exp.channels.map((c) => [c, sum(r.byChannel[c])])),
  };
  if (r.observed) total.observed = sum(r.observed);
  if (r.background) total.background = sum(r.background);
  return { experiment: exp.id, unit: r.unit, bins, total };
}

function edge(x: number): string {
  return String(Number(x.toPrecision(5)));
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-3 ? x.toExponential(3) : x.toFixed(a >= 100 ? 1 : 3);
}

/**
 * The human-readable table.
 *
 * @param exp - experiment
 * @param r - spectrum
 * @returns the table text (one line per bin plus a total line)
 * @example spectrumTable(exp, r).split('\n')[0] // header line
 * Reference: issue 2 (CLI contract).
 */
export function spectrumTable(exp: Experiment, r: SpectrumResult): string {
  const cols = ['bin', `lo-hi [${r.unit}]`, 'expected', ...FLAVORS, ...(exp.channels.length > 1 ? exp.channels : []), ...(r.observed ? ['observed', 'sigma'] : []), ...(r.background ? ['background'] : [])];
  const rows: string[][] = [];
  const sums = new Array(cols.length).fill(0) as number[];
  for (let i = 0; i < r.expected.length; i++) {
    const vals = [
      r.expected[i]!,
      ...FLAVORS.map((f) => r.byFlavor[f][i]!),
      ...(exp.channels.length > 1 ? exp.channels.map((c) => r.byChannel[c][i]!) : []),
      ...(r.observed ? [r.observed[i]!, r.observedSigma![i]!] : []),
      ...(r.background ? [r.background[i]!] : []),
    ];
    vals.forEach((v, k) => (sums[k + 2]! += v));
    rows.push([String(i + 1), `${edge(r.edges[i]!)}-${edge(r.edges[i + 1]!)}`, ...vals.map(fmt)]);
  }
  const totalRow = ['sum', '', ...sums.slice(2).map(fmt)];
  if (r.observedSigma) totalRow[cols.indexOf('sigma')] = '';
  rows.push(totalRow);
  const width = cols.map((c, k) => Math.max(c.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, k) => (k < 2 ? c.padEnd(width[k]!) : c.padStart(width[k]!))).join('  ');
  const head = `${exp.title} (${exp.id}); channels: ${exp.channels.join(', ')}; signal counts exclude background`;
  return [head, line(cols), ...rows.map(line)].join('\n');
}

/**
 * Runs `nuem spectrum`.
 *
 * @param experiment - experiment id (models/experiments/<id>.yaml) or path
 * @param opts - `--set` assignments, `--exposure-years` (raw string) and `--json`
 * @returns nothing; writes the table or the JSON document to stdout
 * @throws UserError for bad input (exit code 2)
 */
export function spectrumAction(experiment: string, opts: { set: string[]; exposureYears?: string; json?: boolean }): void {
  const p = emParams(parseParameterAssignments(opts.set, '--set'));
  let exp = loadExperiment(experiment);
  if (opts.exposureYears !== undefined) {
    const raw = opts.exposureYears.trim();
    const years = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(years > 0)) throw new UserError('--exposure-years', `"${opts.exposureYears}" is not a positive number`, 'give e.g. --exposure-years 3');
    exp = withExposureYears(exp, years);
  }
  const r = computeSpectrum(exp, p);
  // inputs that overflow double precision must not print NaN rows with exit code 0
  checkFiniteSpectrum(exp, r, exp.file ?? experiment);
  process.stdout.write(opts.json ? `${JSON.stringify(spectrumJson(exp, r), null, 2)}\n` : `${sanitizeForTerminal(spectrumTable(exp, r))}\n`);
}
