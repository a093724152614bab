/**
 * The action of `nuem reproduce`, loaded on demand by src/cli/commands/reproduce.ts.
 * `nuem reproduce <khan2022|ess2024> [--json] [--no-write] [--no-contours] [--no-variants]`:
 * computes every interval of a paper's analyses (models/analyses/<paper>-*.yaml), compares them
 * with the published numbers using the tolerances written in the analysis files, computes the
 * variant / sensitivity tables, and rewrites the paper's generated block of docs/reproduction.md.
 * `--json` prints `[{ analysis, parameter, published: [lo, hi], ours: [lo, hi], pass }]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../userError.js';
import { PAPERS } from '../commands/reproduce.js';
import { PACKAGE_ROOT } from '../../provenance.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { applyExperimentOverrides, listAnalysisIds, loadAnalysis, type LoadedAnalysis } from '../../experiments/loadAnalysis.js';
import { loadExperiment } from '../../experiments/loadExperiment.js';
import { forwardModelPrediction } from '../../likelihood/forwardModelPrediction.js';
import { reproduceAnalysis, type ContourRow, type IntervalRow } from '../../profile/reproduceAnalysis.js';
import { coherent2021Markdown, reproduceCoherent2021 } from '../../experimentTypes/coherentCsi2d/reproduce.js';

type Paper = (typeof PAPERS)[number];

/** A configuration variant: a label and a transformation of the loaded analysis. */
interface Variant {
  label: string;
  apply: (a: LoadedAnalysis) => LoadedAnalysis;
}

const withLikelihood = (a: LoadedAnalysis, patch: Record<string, unknown>): LoadedAnalysis =>
  ({ ...a, spec: { ...a.spec, likelihood: { ...a.spec.likelihood, ...patch } } }) as LoadedAnalysis;
const withOverrides = (a: LoadedAnalysis, o: Parameters<typeof applyExperimentOverrides>[1]): LoadedAnalysis => ({
  ...a,
  experiments: a.experiments.map((e) => applyExperimentOverrides(e, o, `${a.file}: experimentOverrides`)),
});

/** Khan: the energy-only prediction without the timing efficiency (Khan's literal statement). */
function khanVariants(): Variant[] {
  return [
    {
      label: 'no timing efficiency (coherent-csi-2021)',
      apply: (a) => ({ ...a, experiments: a.experiments.map((e) => (e.id === 'coherent-csi-2021-timing' ? loadExperiment('coherent-csi-2021') : e)) }),
    },
    { label: 'σ_α = 0 (no signal nuisance)', apply: (a) => withLikelihood(a, { sigmaAlpha: 0 }) },
  ];
}

/** ESS: one configuration choice changed at a time from the calibrated defaults. */
function essVariants(): Variant[] {
  return [
    { label: '20 bins', apply: (a) => withOverrides(a, { uniformBins: 20 }) },
    { label: '40 bins', apply: (a) => withOverrides(a, { uniformBins: 40 }) },
    { label: '80 bins', apply: (a) => withOverrides(a, { uniformBins: 80 }) },
    { label: 'background over beam hours (208.3 d/yr)', apply: (a) => withOverrides(a, { backgroundDaysPerYear: 208.33 }) },
    { label: 'background over calendar days (365.25 d/yr)', apply: (a) => withOverrides(a, { backgroundDaysPerYear: 365.25 }) },
    { label: 'exposure 1 year', apply: (a) => withOverrides(a, { exposureYears: 1 }) },
    { label: 'σ_α = 0.05', apply: (a) => withLikelihood(a, { sigmaAlpha: 0.05 }) },
    { label: 'σ_α = 0.2', apply: (a) => withLikelihood(a, { sigmaAlpha: 0.2 }) },
    { label: 'σ_β = 0.01', apply: (a) => withLikelihood(a, { sigmaBeta: 0.01 }) },
    { label: 'σ_β = 0.5', apply: (a) => withLikelihood(a, { sigmaBeta: 0.5 }) },
    { label: 'σ(T) = σ₀√(T·T_th) reading', apply: (a) => withOverrides(a, { resolutionForm: 'sqrt-product' }) },
    { label: 'Poisson (Cash) Asimov likelihood', apply: (a) => withLikelihood(a, { type: 'asimov-poisson' }) },
  ];
}

const e = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));
const pct = (r: number): string => `${r >= 0 ? '' : ''}${(r * 100).toFixed(0)}%`;

function intervalTable(rows: IntervalRow[]): string[] {
  const out = ['| analysis | parameter | published (90% CL) | ours (90% CL) | ours/published (lo, hi) | tolerance (lo, hi, side) | pass | notes |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const c = r.comparison;
    const pieces = r.pieces.length > 1 ? `; union of ${r.pieces.map(([a, b]) => `[${e(a)}, ${e(b)}]`).join(' ∪ ')}` : '';
    const notes = [...(c?.failures ?? []), ...(r.open && !c ? ['reaches the scan boundary'] : [])].join('; ') + pieces;
    out.push(
      c
        ? `| ${r.analysis} | ${r.parameter} | [${e(c.published[0])}, ${e(c.published[1])}] | [${e(r.ours[0])}, ${e(r.ours[1])}] | ${c.ratio[0].toFixed(2)}, ${c.ratio[1].toFixed(2)} | ±${pct(c.tolerance.lower)}, ±${pct(c.tolerance.upper)}, ${c.tolerance.asymmetry ? 'exact' : '–'} | ${c.pass ? 'pass' : '**FAIL**'} | ${notes} |`
        : `| ${r.analysis} | ${r.parameter} | – | [${e(r.ours[0])}, ${e(r.ours[1])}] | – | – | no target | ${notes} |`,
    );
  }
  return out;
}

function contourTable(rows: ContourRow[]): string[] {
  const out = ['| analysis | parameters | best fit | extent x | extent y | polygons | reaches boundary |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    out.push(
      `| ${r.analysis} | ${r.parameters.join(', ')} | (${e(r.best.x)}, ${e(r.best.y)}) | [${e(r.extentX[0])}, ${e(r.extentX[1])}] | [${e(r.extentY[0])}, ${e(r.extentY[1])}] | ${r.polygons} | ${r.touchesBoundary ? 'yes' : 'no'} |`,
    );
  }
  return out;
}

function variantTable(base: IntervalRow[], variants: Array<{ label: string; rows: IntervalRow[] }>): string[] {
  const cols = base.filter((r) => r.comparison);
  const head = `| configuration | ${cols.map((r) => `${r.analysis.replace(/^[a-z]+\d+-/, '')} (published [${e(r.comparison!.published[0])}, ${e(r.comparison!.published[1])}])`).join(' | ')} | passes | rms ln(ours/published) |`;
  const out = [head, `| --- | ${cols.map(() => '---').join(' | ')} | --- | --- |`];
  const line = (label: string, rows: IntervalRow[]): string => {
    const cells = cols.map((c) => {
      const r = rows.find((x) => x.analysis === c.analysis);
      if (!r?.comparison) return '–';
      return `[${e(r.ours[0])}, ${e(r.ours[1])}] (${r.comparison.ratio[0].toFixed(2)}, ${r.comparison.ratio[1].toFixed(2)})${r.comparison.pass ? '' : ' ✗'}`;
    });
    const passes = rows.filter((r) => r.comparison?.pass).length;
    // spread of both edges over all cells: the score used to pick the calibrated defaults
    const logs = rows.flatMap((r) => (r.comparison ? r.comparison.ratio.map((x) => Math.log(Math.abs(x))) : []));
    const rms = Math.sqrt(logs.reduce((a, b) => a + b * b, 0) / Math.max(logs.length, 1));
    return `| ${label} | ${cells.join(' | ')} | ${passes}/${cols.length} | ${rms.toFixed(3)} |`;
  };
  out.push(line('**default (as in the analysis files)**', base));
  for (const v of variants) out.push(line(v.label, v.rows));
  return out;
}

/**
 * Replaces (or appends) the generated block of one reproduction in docs/reproduction.md.
 *
 * @param text - the current file content
 * @param paper - the block's key (`khan2022`, `coherent-ar2020`, …)
 * @param block - the new block content
 * @returns the new file content
 * @example replaceGeneratedBlock('# R\n', 'x', 'y') // appends the markers around 'y'
 */
export function replaceGeneratedBlock(text: string, paper: string, block: string): string {
  const begin = `<!-- BEGIN nuem reproduce ${paper} -->`;
  const end = `<!-- END nuem reproduce ${paper} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return `${text.trimEnd()}\n\n${begin}\n${block}\n${end}\n`;
  return `${text.slice(0, i)}${begin}\n${block}\n${text.slice(j)}`;
}

/** `nuem reproduce coherent2021`: rows { quantity, published, ours, pass } (src/experimentTypes/coherentCsi2d/reproduce.ts). */
function reproduceCoherent2021Action(flags: ReproduceFlags): void {
  if (!flags.json) process.stderr.write('coherent-csi-2021-2d: signal-strength fit, profile interval, no-CEvNS fit …\n');
  const r = reproduceCoherent2021();
  if (flags.json) {
    const rows = r.rows.map((x) => ({ quantity: x.quantity, published: x.published, ours: x.ours, pass: x.pass }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  }
  if (flags.write) {
    const file = resolve(PACKAGE_ROOT, 'docs', 'reproduction.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reproduction of published results\n';
    writeFileAtomic(file, replaceGeneratedBlock(text, 'coherent2021', coherent2021Markdown(r).join('\n')), { fsync: false });
    if (!flags.json) process.stderr.write(`updated ${file}\n`);
  }
  if (!flags.json) {
    for (const x of r.rows) process.stdout.write(`${x.pass ? 'pass' : 'FAIL'}  ${x.quantity}: published ${x.published.value}, ours ${x.ours.value.toFixed(2)}\n`);
    process.stdout.write(`coherent2021: ${r.rows.filter((x) => x.pass).length}/${r.rows.length} rows within their rule\n`);
  }
}

/** Flags of `nuem reproduce` as commander delivers them. */
export interface ReproduceFlags {
  json?: boolean;
  write: boolean;
  contours: boolean;
  variants: boolean;
}

/**
 * Runs `nuem reproduce` (see the module doc).
 * @param paper - one of {@link PAPERS}
 * @param flags - `--json`, `--no-write`, `--no-contours`, `--no-variants`
 * @returns nothing; prints the pass count (or JSON) and rewrites docs/reproduction.md unless --no-write
 * @throws UserError for an unknown paper (exit code 2)
 */
export function reproduceAction(paper: string, flags: ReproduceFlags): void {
  if (!(PAPERS as readonly string[]).includes(paper)) throw new UserError('<paper>', `unknown paper "${paper}"`, `use one of ${[...PAPERS, 'coherent-ar2020', 'coherent-combined'].join(', ')}`);
  const p = paper as Paper;
  if (p === 'coherent2021') {
    reproduceCoherent2021Action(flags);
    return;
  }
  const ids = listAnalysisIds(p);
  if (ids.length === 0) throw new UserError('models/analyses', `no ${p}-*.yaml analysis files`, 'restore the analysis files');
  const log = (s: string): void => {
    if (!flags.json) process.stderr.write(`${s}\n`);
  };
  const analyses = ids.map((id) => loadAnalysis(id));
  const intervals: IntervalRow[] = [];
  const contours: ContourRow[] = [];
  for (const a of analyses) {
    if (a.physics.length > 1 && !flags.contours) continue;
    log(`${a.id} …`);
    const r = reproduceAnalysis(a, forwardModelPrediction, { contours: flags.contours });
    intervals.push(...r.intervals);
    contours.push(...r.contours);
  }
  const variants: Array<{ label: string; rows: IntervalRow[] }> = [];
  if (flags.variants) {
    const targets = analyses.filter((a) => a.physics.length === 1 && a.spec.published.length > 0);
    for (const v of p === 'khan2022' ? khanVariants() : essVariants()) {
      log(`variant: ${v.label} …`);
      variants.push({ label: v.label, rows: targets.flatMap((a) => reproduceAnalysis(v.apply(a), forwardModelPrediction, { contours: false }).intervals) });
    }
  }
  const compared = intervals.filter((r) => r.comparison);
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify(
        compared.map((r) => ({ analysis: r.analysis, parameter: r.parameter, published: r.comparison!.published, ours: r.ours, pass: r.comparison!.pass })),
        null,
        2,
      )}\n`,
    );
  }
  const passed = compared.filter((r) => r.comparison!.pass).length;
  const block = [
    `Generated by \`nuem reproduce ${p}\` (do not edit by hand). ${passed} of ${compared.length} published intervals within tolerance.`,
    '',
    '#### Intervals',
    '',
    ...intervalTable(intervals),
    ...(contours.length ? ['', '#### Two-parameter regions (90% CL, Δχ² = 4.61; published only as figures)', '', ...contourTable(contours)] : []),
    ...(variants.length
      ? ['', `#### ${p === 'ess2024' ? 'Sensitivity of the Table 2 bounds to the unpublished inputs' : 'Variants'} (one change at a time; cells: interval (ours/published lo, hi); ✗ = outside tolerance)`, '', ...variantTable(intervals, variants)]
      : []),
  ].join('\n');
  if (flags.write) {
    const file = resolve(PACKAGE_ROOT, 'docs', 'reproduction.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reproduction of published results\n';
    writeFileAtomic(file, replaceGeneratedBlock(text, p, block), { fsync: false });
    log(`updated ${file}`);
  }
  if (!flags.json) process.stdout.write(`${p}: ${passed}/${compared.length} published intervals within tolerance\n`);
}
