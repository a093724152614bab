/**
 * The report's Feldman–Cousins part: reads the `nuem toys` results of the report's analysis
 * (`<toys dir>/<analysis>/*.json`, 1-D constructions) with their coverage and expected-limit
 * studies, and renders the section (FC vs Wilks intervals, coverage table and plot, expected-limit
 * bands). The critical-value curve itself is drawn on the profile plot (src/plots/profilePlot.ts).
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_FORMAT, type ToyResult } from '../toys/result.js';
import { coveragePlot } from '../toys/coveragePlot.js';
import type { CoverageRow } from '../toys/coverage.js';
import type { LimitBand } from '../toys/expected.js';
import type { ReportToys1D } from './types.js';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Loads the toy results of an analysis.
 *
 * @param dir - toys root directory (`nuem toys --out`, default `toys`)
 * @param analysisId - the analysis
 * @param modelHash - the analysis' current model hash (results of another hash are listed in notes)
 * @returns 1-D results (one per parameter; the first file in name order wins) and notes
 */
export function loadToyReports(dir: string, analysisId: string, modelHash?: string): { toys: ReportToys1D[]; notes: string[] } {
  const base = join(dir, analysisId);
  const notes: string[] = [];
  const toys: ReportToys1D[] = [];
  if (!existsSync(base)) return { toys, notes };
  const files = readdirSync(base)
    .filter((f) => f.endsWith('.json') && !/\.(shard-\d+-of-\d+|coverage|expected)\.json$/.test(f))
    .sort();
  for (const f of files) {
    const r = readJson(join(base, f)) as ToyResult | undefined;
    if (!r || r.format !== RESULT_FORMAT || r.config.axes.length !== 1 || !r.fcIntervals) continue;
    const parameter = r.config.axes[0]!.name;
    if (toys.some((t) => t.parameter === parameter)) continue;
    if (modelHash && r.config.modelHash !== modelHash) {
      notes.push(`toy result ${join(base, f)} was computed for another version of the analysis (model hash ${r.config.modelHash}, now ${modelHash}); it is not shown`);
      continue;
    }
    const stem = f.replace(/\.json$/, '');
    const cov = readJson(join(base, `${stem}.coverage.json`)) as { configHash: string; rows: CoverageRow[] } | undefined;
    const exp = readJson(join(base, `${stem}.expected.json`)) as { configHash: string; expectedToys: number; bands: LimitBand[] } | undefined;
    toys.push({
      parameter,
      cl: r.config.cl,
      grid: r.nodes[0]!,
      tc: r.tcSmooth,
      wilksDeltaChi2: r.wilks.deltaChi2,
      fc: r.fcIntervals.map((i) => ({ lo: i.lo.at, hi: i.hi.at, loError: i.lo.error, hiError: i.hi.error, loOpen: i.lo.open, hiOpen: i.hi.open })),
      wilks: (r.wilks.intervals ?? []).map((i) => ({ lo: i.lo.at, hi: i.hi.at, loOpen: i.lo.open, hiOpen: i.hi.open })),
      settings: { toys: r.config.toys, points: r.config.axes[0]!.points, nuisances: r.config.nuisances, seed: r.config.seed, file: join(base, f) },
      ...(cov && cov.configHash === r.configHash ? { coverage: cov.rows } : {}),
      ...(exp && exp.configHash === r.configHash ? { expected: { toys: exp.expectedToys, bands: exp.bands } } : {}),
    });
  }
  return { toys, notes };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const g = (x: number): string => (Number.isFinite(x) ? x.toPrecision(4) : String(x));
const pm = (p: { fraction: number; error: number }): string => `${p.fraction.toFixed(3)} ± ${p.error.toFixed(3)}`;

/**
 * HTML of the report's Feldman–Cousins section.
 *
 * @param toys - loaded toy results
 * @returns the section body (tables, coverage plots)
 */
export function toysSectionHtml(toys: readonly ReportToys1D[]): string {
  const parts: string[] = [];
  for (const t of toys) {
    const s = t.settings;
    const iv = (lo: number, hi: number, loOpen: boolean, hiOpen: boolean): string => `[${loOpen ? '≤ ' : ''}${g(lo)}, ${hiOpen ? '≥ ' : ''}${g(hi)}]`;
    parts.push(`<h3>${esc(t.parameter)}: ${(t.cl * 100).toFixed(1)}% CL</h3>`);
    parts.push(
      `<table class="toys"><thead><tr><th>construction</th><th>interval(s)</th></tr></thead><tbody>` +
        `<tr><td>Feldman–Cousins (toys)</td><td>${t.fc.map((i) => `${iv(i.lo, i.hi, i.loOpen, i.hiOpen)} (ends ± ${g(i.loError)}, ± ${g(i.hiError)})`).join(' ∪ ')}</td></tr>` +
        `<tr><td>Wilks (Δχ² = ${t.wilksDeltaChi2.toFixed(3)})</td><td>${t.wilks.map((i) => iv(i.lo, i.hi, i.loOpen, i.hiOpen)).join(' ∪ ')}</td></tr>` +
        `</tbody></table>`,
    );
    parts.push(
      `<p class="note">${s.points} grid points × ${s.toys} pseudo-experiments (seed ${esc(s.seed)}); nuisances ${s.nuisances === 'profile' ? 'at their conditional best fit to the data, auxiliary measurements redrawn per toy (profile construction)' : 'drawn from their priors'}. The dashed curve on the profile plot is the critical value t_c(θ); the FC interval is where Δχ² lies below it. Source: ${esc(s.file)}.</p>`,
    );
    if (t.coverage) {
      parts.push(
        `<table class="toys coverage"><thead><tr><th>true ${esc(t.parameter)}</th><th>toys</th><th>Wilks</th><th>Feldman–Cousins</th><th>Bayesian (flat prior)</th></tr></thead><tbody>${t.coverage
          .map((r) => `<tr><td>${g(r.truth)}</td><td>${r.toys}</td><td>${pm(r.wilks)}</td><td>${pm(r.fc)}${r.fcCriticalError !== undefined ? ` ± ${r.fcCriticalError.toFixed(3)} (t_c)` : ''}</td><td>${pm(r.bayes)}</td></tr>`)
          .join('')}</tbody></table>`,
      );
      parts.push(`<figure>${coveragePlot(t.coverage as CoverageRow[], t.parameter, t.cl)}<figcaption>Coverage (fraction of toys whose interval contains the truth, ± binomial standard error; the FC fraction also carries the error of t_c, shown in the table as ± … (t_c)); nominal ${(t.cl * 100).toFixed(1)}%.</figcaption></figure>`);
    }
    if (t.expected) {
      parts.push(
        `<table class="toys expected"><thead><tr><th>interval</th><th>limit</th><th>−2σ</th><th>−1σ</th><th>median</th><th>+1σ</th><th>+2σ</th><th>Asimov</th></tr></thead><tbody>${t.expected.bands
          .map((b) => `<tr><td>${b.method === 'fc' ? 'Feldman–Cousins' : 'Wilks'}</td><td>${b.limit}</td>${b.band.map((v) => `<td>${g(v)}</td>`).join('')}<td>${g(b.asimov)}</td></tr>`)
          .join('')}</tbody></table><p class="note">Expected limits under the SM from ${t.expected.toys} pseudo-experiments (quantiles 2.3/15.9/50/84.1/97.7%) and on the Asimov data set.</p>`,
      );
    }
  }
  return parts.join('\n');
}
