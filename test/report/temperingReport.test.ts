/**
 * Report parts of issue 14: per-mode masses and HDI corner titles for multimodal marginals, and the
 * "Evidence and tempering" section (evidence table, swap acceptance, ladder).
 * - Modes: iid draws of 0.3 N(−3, 0.5²) + 0.7 N(+2, 0.5²) (ensembles of 32 walkers × 400 steps,
 *   two ensembles) through `summarizeEnsembles`: two modes, each mass within 4 of its stated MCSE
 *   of the exact weight (the components overlap by < 1e−6 at the density minimum, so the mode
 *   masses equal the weights to that accuracy); a unimodal N(0, 1) gives no modes and no HDI.
 * - Rendering: the summary table lists the HDI union and each mode's mass; the corner title of the
 *   multimodal parameter is its HDI (not median ± quantiles) and the other titles stay quantiles.
 * - Tempering section: numbers appear with the ladder and MC errors in separate columns, a pair
 *   that swaps in < 5% of proposals is flagged, labels are escaped, and a run without a β = 0
 *   rung says that there is no evidence.
 */
import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { summarizeEnsembles, type EnsembleSamples, type SummaryParameter } from '../../src/pipeline/summarizeEnsembles.js';
import { renderReport } from '../../src/report/renderReport.js';
import { summaryTable } from '../../src/report/summaryTable.js';
import { temperingSection } from '../../src/report/temperingSection.js';
import type { ReportInput, ReportTempering } from '../../src/report/types.js';
import { syntheticReportInput, SYNTH_PARAMS } from './fixtures/syntheticReportInput.js';

const W = 32;
const STEPS = 400;

function ensemble(seed: number, draw: () => number[]): EnsembleSamples {
  const D = 2;
  const chain = new Float64Array(STEPS * W * D);
  for (let i = 0; i < STEPS * W; i++) {
    const x = draw();
    chain[i * D] = x[0]!;
    chain[i * D + 1] = x[1]!;
  }
  return { chain, nsteps: STEPS, nwalkers: W, ndim: D, tau: [1, 1], acceptanceFraction: new Float64Array(W).fill(0.4), converged: true };
}

const params: SummaryParameter[] = [
  { name: 'x', label: 'x', role: 'physics', prior: { type: 'uniform', min: -10, max: 10 } },
  { name: 'y', label: 'y', role: 'physics', prior: { type: 'uniform', min: -10, max: 10 } },
];

function mixtureDraws(seed: number): () => number[] {
  const u = randomLcg(seed);
  const n = randomNormal.source(randomLcg(seed + 0.5))(0, 1);
  return () => [u() < 0.3 ? -3 + 0.5 * n() : 2 + 0.5 * n(), n()];
}

describe('multimodal marginals in the summaries and the report', () => {
  const sums = summarizeEnsembles([ensemble(1, mixtureDraws(0.11)), ensemble(2, mixtureDraws(0.22))], params, 0.9);
  const x = sums.parameters[0]!;

  it('finds the two modes of x with masses within 4 MCSE of the mixture weights; y is unimodal', () => {
    expect(x.modes).toBeDefined();
    expect(x.modes!.length).toBe(2);
    const [a, b] = x.modes!;
    expect(a!.peak).toBeGreaterThan(-3.3);
    expect(a!.peak).toBeLessThan(-2.7);
    expect(b!.peak).toBeGreaterThan(1.7);
    expect(b!.peak).toBeLessThan(2.3);
    expect(a!.mcse).toBeGreaterThan(0);
    expect(Math.abs(a!.mass - 0.3)).toBeLessThan(4 * a!.mcse);
    expect(Math.abs(b!.mass - 0.7)).toBeLessThan(4 * b!.mcse);
    expect(a!.mass + b!.mass).toBeCloseTo(1, 12);
    // HDI region: one interval per mode, each around its peak
    expect(x.hdiRegion!.intervals.length).toBe(2);
    expect(x.hdiRegion!.prob).toBe(0.9);
    expect(x.hdiRegion!.intervals[0]!.lo).toBeLessThan(-3);
    expect(x.hdiRegion!.intervals[1]!.hi).toBeGreaterThan(2);
    expect(sums.parameters[1]!.modes).toBeUndefined();
    expect(sums.parameters[1]!.hdiRegion).toBeUndefined();
  });

  it('the summary table lists the HDI and each mode’s mass; the corner title of that parameter is its HDI', () => {
    const base = syntheticReportInput({ n: 3000 });
    const input: ReportInput = {
      ...base,
      summaries: base.summaries.map((s, k) => (k === 1 ? { ...s, modes: x.modes!, hdiRegion: x.hdiRegion! } : s)),
    };
    const table = summaryTable(input);
    const row = table.split('\n').find((l) => l.startsWith('<tr data-parameter="q"'))!;
    expect(row).toContain('90% HDI');
    expect(row).toContain(`mass ${(100 * x.modes![0]!.mass).toPrecision(3)}%`);
    expect(row).toContain('mode 2 (peak');
    expect(table.split('\n').find((l) => l.startsWith('<tr data-parameter="mu"'))).not.toContain('mode 1');
    const html = renderReport(input);
    // the title is `label [scale unit] ∈ [a, b] ∪ …`: the parameter's scale goes with its label
    expect(html).toMatch(new RegExp(`${SYNTH_PARAMS[1]!.label}( \\[[^\\]]*\\])? ∈ \\[`));
    expect(html).toMatch(/\] ∪ \[[^<]*\(90% HDI\)/);
    expect(html).toContain('highest-density region of a multimodal marginal');
    // the unimodal parameters keep median +upper −lower titles
    expect(html).not.toMatch(new RegExp(`${SYNTH_PARAMS[0]!.label}( \\[[^\\]]*\\])? ∈ \\[`));
    // without modes nothing changes
    expect(renderReport(base)).not.toContain('HDI)');
  });
});

describe('evidence and tempering section', () => {
  const t: ReportTempering = {
    betas: [
      [1, 0.1, 0.01, 0],
      [1, 0.12, 0.011, 0],
    ],
    swapAcceptance: [
      [0.61, 0.42, 0.03],
      [0.6, 0.4, 0.2],
    ],
    adaptSteps: 500,
    evidence: { lnZ: -5.3094, discretisationError: 0.0213, mcse: 0.0071 },
    nested: [{ parameter: 'q', point: 0, lnZ: -4.5053, lnZDiscretisation: 0.011, lnZMcse: 0.004, bf01: 2.2347, lnBf01Discretisation: 0.0237, lnBf01Mcse: 0.0082, savageDickey: { bf01: 2.28, bf01Se: 0.02 }, agreementZ: -0.8 }],
  };
  const html = temperingSection(SYNTH_PARAMS, t);

  it('states ln Z with ladder and MC errors in separate columns and the nested B01 next to Savage–Dickey', () => {
    expect(html).toContain('<th>ladder error</th><th>MC error</th>');
    expect(html).toContain('<td class="num">-5.309</td><td class="num">0.021</td><td class="num">0.007</td>');
    expect(html).toContain('q_νe = 0');
    expect(html).toContain('2.23 (ln B₀₁ ± 0.024 ladder ± 0.008 MC)');
    expect(html).toContain('2.28 ± 0.020');
    expect(html).toContain('<td class="num">-0.8</td>');
  });

  it('shows swap acceptance per pair and ensemble and flags a pair below 5%', () => {
    expect(html).toContain('<th>0↔1</th><th>1↔2</th><th>2↔3</th>');
    expect(html).toContain('<td class="num warn">0.03</td>');
    expect((html.match(/class="num warn"/g) ?? []).length).toBe(1);
    expect(html).toContain('add temperatures');
    expect(html).toContain('first 500 steps');
  });

  it('escapes labels and says when there is no evidence; the report has the section only for tempered runs', () => {
    const evil = temperingSection([{ name: 'q', label: '<b>q</b>', unit: '' }], t);
    expect(evil).not.toContain('<b>q</b>');
    expect(evil).toContain('&lt;b&gt;q&lt;/b&gt;');
    const none = temperingSection(SYNTH_PARAMS, { betas: [[1, 0.1]], swapAcceptance: [[0.5]], adaptSteps: 0, nested: [] });
    expect(none).toContain('No evidence');
    expect(none).not.toContain('add temperatures');
    const base = syntheticReportInput({ n: 2000 });
    expect(renderReport(base)).not.toContain('<section id="evidence">');
    expect(renderReport({ ...base, tempering: t })).toContain('<section id="evidence">');
  });
});
