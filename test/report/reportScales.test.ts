/**
 * Issue 15, reports: one power of ten and unit per parameter in every table and plot, units without
 * a `label:`, the Standard-Model point, contour levels from the analysis file, the prior table, and
 * the data and figure files written next to index.html.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomLcg, randomNormal } from 'd3-random';
import { renderReport } from '../../src/report/renderReport.js';
import { writeReport } from '../../src/report/writeReport.js';
import { labelWithUnit, emParameterUnit, standardModelValue, withDisplayExponents } from '../../src/report/parameterDisplay.js';
import { reportPrior } from '../../src/report/priorTable.js';
import { analysisSchema } from '../../src/experiments/analysisSchema.js';
import { SM_CHARGE_RADIUS_SQUARED_cm2 } from '../../src/physics/electromagnetic/standardModelValues.js';
import type { ReportInput } from '../../src/report/types.js';

/**
 * The case of the issue: q_ee with a posterior median of ~2.4e-8, intervals up to ~6e-7 and a
 * profile scanned to ±1.5e-6, where the table chose 10⁻⁷, the corner titles e−8 and the profile
 * plot 10⁻⁶. Labels are given without units (as an analysis file without `label:`).
 */
function issueInput(): ReportInput {
  const normal = randomNormal.source(randomLcg(0.31))(0, 1);
  const n = 4000;
  const samples = new Float64Array(n * 2);
  for (let s = 0; s < n; s++) {
    samples[2 * s] = 2.4e-8 + 2.4e-7 * normal();
    samples[2 * s + 1] = 0.1 * normal();
  }
  const grid = Array.from({ length: 61 }, (_, i) => -1.5e-6 + (3e-6 * i) / 60);
  const W = 4;
  const T = 20;
  const trace = new Float64Array(T * W * 2);
  for (let i = 0; i < trace.length; i++) trace[i] = i % 2 === 0 ? 2.4e-8 + 2.4e-7 * normal() : 0.1 * normal();
  return {
    analysis: { id: 'scales', title: 'Scales' },
    run: { id: 'r1' },
    parameters: [
      { name: 'qee', ...labelWithUnit('q_ee', emParameterUnit('qee')) },
      { name: 'alpha', ...labelWithUnit('alpha', '1') },
    ],
    runs: [{ label: 'r1', samples }],
    summaries: [
      { parameter: 'qee', median: 2.38e-8, interval: { lo: -2.29e-7, hi: 5.69e-7, prob: 0.9, kind: 'eti' }, mcse: 1e-9 },
      { parameter: 'alpha', median: -0.0257, interval: { lo: -0.233, hi: 0.182, prob: 0.9, kind: 'eti' } },
    ],
    profiles: { oneD: [{ parameter: 'qee', grid, deltaChi2: grid.map((x) => ((x - 1e-7) / 3e-7) ** 2), bestFit: 1e-7, intervals: [{ lo: -3.9e-7, hi: 5.9e-7, cl: 0.9, deltaChi2: 2.71 }] }] },
    standardModel: { qee: 0 },
    priors: [reportPrior('qee', 'physics', { type: 'uniform', min: -1.2e-6, max: 1.2e-6 }, 'analysis file scales'), reportPrior('alpha', 'nuisance', { type: 'normal', mu: 0, sigma: 0.127 }, 'Khan eq. 7')],
    diagnostics: { nSteps: 1000, nWalkers: W, converged: true, warnings: [] },
    trace: { steps: Array.from({ length: T }, (_, t) => 50 * t), nWalkers: W, nParams: 2, values: trace },
    provenance: { seed: 1, codeVersion: '0.0.0', gitCommit: 'abc', createdAt: '2026-01-01T00:00:00Z' },
  };
}

/** Every `[...]` unit shown for the label `label` in axis titles, corner titles, and the table/prior rows. */
function unitsShown(html: string, name: string, label: string): string[] {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`class="(?:axis-title|panel-title)"[^>]*>${esc}(?: = [^<[]*)? \\[([^\\]]*)\\]<`, 'g'))) out.push(m[1]!);
  for (const m of html.matchAll(new RegExp(`<tr data-parameter="${name}">[\\s\\S]*?<td class="unit">([^<]*)</td>`, 'g'))) out.push(m[1]!);
  return out;
}

describe('report: one scale and unit per parameter', () => {
  const html = renderReport(issueInput());

  it('q_ee reads [10⁻⁷ e] in the summary table, prior table, corner titles and axes, profile and trace plots (no e−8, no 10⁻⁶)', () => {
    const shown = unitsShown(html, 'qee', 'q_ee');
    // summary row + prior row + corner title + corner x-axis + profile x-axis + trace y-axis
    expect(shown.length).toBe(6);
    expect(new Set(shown)).toEqual(new Set(['10⁻⁷ e']));
    expect(html).not.toMatch(/class="panel-title"[^>]*>q_ee = [^<]*e−8/);
    expect(html).not.toContain('10⁻⁶ e');
    // the corner title is the median and quantiles in the same 10⁻⁷ units: 0.2 ± 2.4 (sd 2.4e-7)
    expect(html).toMatch(/class="panel-title"[^>]*>q_ee = 0\.\d+ \+\d\.\d+ −\d\.\d+ \[10⁻⁷ e\]</);
    // the table's median in the same units: 2.38e-8 → 0.238
    expect(html).toMatch(/<tr data-parameter="qee"><td>q_ee<\/td><td class="unit">10⁻⁷ e<\/td><td class="num">0\.238<\/td>/);
  });

  it('a dimensionless parameter of order one has no power of ten and no unit anywhere', () => {
    const shown = unitsShown(html, 'alpha', 'alpha');
    expect(shown.every((u) => u === '')).toBe(true);
    expect(html).not.toMatch(/>alpha \[/);
  });

  it('units come from the EM parameter table when the label has none, and from the label when it has one', () => {
    expect(labelWithUnit('q_ee', emParameterUnit('qee'))).toEqual({ label: 'q_ee', unit: 'e' });
    expect(labelWithUnit('mu_e [1e-10 mu_B]', emParameterUnit('mue'))).toEqual({ label: 'mu_e', unit: '1e-10 mu_B' });
    expect(labelWithUnit('alpha', '1')).toEqual({ label: 'alpha' });
    expect(emParameterUnit('r2e')).toBe('cm^2');
    expect(emParameterUnit('alpha')).toBeUndefined();
  });

  it('withDisplayExponents fixes the summary row exponent (floor(log10 max|value|) = −7 here) and leaves log-axis parameters alone', () => {
    const p = withDisplayExponents(issueInput()).parameters;
    expect(p.map((x) => x.exponent)).toEqual([-7, 0]);
    const logIn = { ...issueInput(), parameters: [{ name: 'qee', label: 'q', scale: 'log' as const }, { name: 'alpha', label: 'a' }] };
    expect(withDisplayExponents(logIn).parameters[0]!.exponent).toBeUndefined();
  });
});

describe('report: Standard-Model point, priors, levels', () => {
  it('marks the SM point in the corner plot (lines and a cross) and on the profile plot, with a legend entry', () => {
    const html = renderReport(issueInput());
    const corner = /<svg[^>]*nuem-corner[\s\S]*?<\/svg>/.exec(html)![0];
    expect(corner).toContain('class="reference"');
    expect(corner).toContain('Standard Model (dotted lines, cross)');
    const profile = /<svg[^>]*nuem-profile[\s\S]*?<\/svg>/.exec(html)![0];
    expect(profile).toContain('class="reference"');
    expect(profile).toContain('Standard Model (dotted line)');
    const without = renderReport({ ...issueInput(), standardModel: undefined });
    expect(without).not.toContain('class="reference"');
  });

  it('standardModelValue: 0 for charges and moments, the SM charge radius and anapole (Khan eq. 18, 24), sin²θ_W 0.23857, none for nuisances', () => {
    expect(standardModelValue('qee')).toBe(0);
    expect(standardModelValue('mumu')).toBe(0);
    expect(standardModelValue('r2e')).toBe(SM_CHARGE_RADIUS_SQUARED_cm2.e);
    expect(standardModelValue('ae')).toBe(4.98e-32);
    expect(standardModelValue('s2w')).toBe(0.23857);
    expect(standardModelValue('alpha')).toBeUndefined();
  });

  it('the prior table lists type, parameters in the parameter\'s scale, unit and source', () => {
    const html = renderReport(issueInput());
    expect(html).toContain('<section id="priors">');
    expect(html).toMatch(/<tr data-parameter="qee"><td>q_ee<\/td><td>physics<\/td><td>uniform<\/td><td class="num">min = −12, max = 12<\/td><td class="unit">10⁻⁷ e<\/td><td>analysis file scales<\/td><\/tr>/);
    expect(html).toMatch(/<tr data-parameter="alpha"><td>alpha<\/td><td>nuisance<\/td><td>normal<\/td><td class="num">mu = 0, sigma = 0\.127<\/td><td class="unit"><\/td><td>Khan eq\. 7<\/td><\/tr>/);
  });

  it('report.levels in an analysis file: validated (in (0,1), ascending, ≤ 5) and used for the corner contours', () => {
    const base = {
      kind: 'analysis',
      id: 'toy-qee',
      title: 'toy',
      experiments: ['ess-ge'],
      parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-7, max: 1e-7 } }],
      likelihood: { type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.1 },
    };
    expect(analysisSchema.parse({ ...base, report: { levels: [0.5, 0.9] } }).report?.levels).toEqual([0.5, 0.9]);
    expect(analysisSchema.parse(base).report).toBeUndefined();
    for (const [levels, msg] of [
      [[0.95, 0.68], /strictly increasing/],
      [[0.68, 1.2], /< 1/],
      [[0, 0.5], /> 0/],
      [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], /at most 5/],
    ] as const) {
      const r = analysisSchema.safeParse({ ...base, report: { levels } });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path.slice(0, 2)).toEqual(['report', 'levels']);
      expect(r.error!.issues[0]!.message).toMatch(msg);
    }
    expect(analysisSchema.safeParse({ ...base, report: { level: [0.5] } }).success).toBe(false);
    const html = renderReport({ ...issueInput(), corner: { levels: { kind: 'mass', masses: [0.5, 0.9] } } });
    const masses = new Set([...html.matchAll(/data-mass="([0-9.]+)"/g)].map((m) => m[1]));
    expect(masses).toEqual(new Set(['0.5000', '0.9000']));
    expect(html).toContain('2-D contours enclose 50.0% and 90.0% of the posterior mass');
  });
});

describe('report: data and figure files next to index.html', () => {
  it('writes summary.json, draws.csv, profiles.json and one standalone SVG per figure, all linked from the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-files-'));
    try {
      const input = issueInput();
      const page = await writeReport(dir, input);
      const out = join(dir, 'scales', 'r1');
      const html = readFileSync(page, 'utf8');
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.parameters[0]).toEqual({ name: 'qee', label: 'q_ee', unit: 'e', displayExponent: -7, scale: 'lin' });
      expect(summary.summaries[0].median).toBe(2.38e-8);
      expect(summary.standardModel).toEqual({ qee: 0 });
      expect(summary.priors[0]).toEqual({ parameter: 'qee', role: 'physics', type: 'uniform', args: { min: -1.2e-6, max: 1.2e-6 }, source: 'analysis file scales' });
      const csv = readFileSync(join(out, 'draws.csv'), 'utf8').trimEnd().split('\n');
      expect(csv[0]).toBe('run,qee,alpha');
      expect(csv.length).toBe(1 + 4000);
      // full precision: the CSV reproduces the draws exactly
      expect(csv[1]!.split(',').slice(1).map(Number)).toEqual([input.runs[0]!.samples[0], input.runs[0]!.samples[1]]);
      const profiles = JSON.parse(readFileSync(join(out, 'profiles.json'), 'utf8'));
      expect(profiles.oneD[0].grid.length).toBe(61);
      expect(profiles.oneD[0].intervals[0]).toEqual({ lo: -3.9e-7, hi: 5.9e-7, cl: 0.9, deltaChi2: 2.71 });
      const figs = readdirSync(join(out, 'figures')).sort();
      expect(figs).toEqual(['corner-1.svg', 'diagnostics-1.svg', 'profiles-1.svg']);
      for (const f of figs) {
        const svg = readFileSync(join(out, 'figures', f), 'utf8');
        expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
        // the file is exactly the figure on the page
        expect(html).toContain(svg.slice(svg.indexOf('<svg'), svg.lastIndexOf('</svg>') + 6));
        expect(html).toContain(`href="figures/${f}"`);
      }
      for (const f of ['summary.json', 'draws.csv', 'profiles.json']) expect(html).toContain(`<a href="${f}">`);
      expect(html).toContain('<a href="#files">Data and figures</a></nav>');
      // a later report with fewer figures removes the stale ones, keeps nothing half-written
      writeFileSync(join(out, 'figures', 'spectra-1.svg'), 'old');
      await writeReport(dir, { ...input, profiles: undefined });
      expect(readdirSync(join(out, 'figures')).sort()).toEqual(['corner-1.svg', 'diagnostics-1.svg']);
      expect(readdirSync(out).some((n) => n.includes('.tmp-'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('open interval ends are written as "-Infinity"/"Infinity" strings in summary.json (valid JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-files-'));
    try {
      const input = issueInput();
      input.summaries = [{ parameter: 'qee', median: 1e-7, interval: { lo: -Infinity, hi: 4e-7, prob: 0.9, kind: 'upper' } }, input.summaries[1]!];
      await writeReport(dir, input);
      const summary = JSON.parse(readFileSync(join(dir, 'scales', 'r1', 'summary.json'), 'utf8'));
      expect(summary.summaries[0].interval.lo).toBe('-Infinity');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
