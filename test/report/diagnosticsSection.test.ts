import { describe, it, expect } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { convergenceBanner, diagnosticsTable, diagnosticWarnings, resolveEss } from '../../src/report/diagnosticsSection.js';
import { ensembleRankEss } from '../../src/report/ensembleRankEss.js';
import type { ReportDiagnostics } from '../../src/report/types.js';
import type { PlotParameter } from '../../src/plots/types.js';

const P: PlotParameter[] = [
  { name: 'a', label: 'a' },
  { name: 'b', label: 'b' },
];
const base: ReportDiagnostics = { nSteps: 5000, nWalkers: 16, nEnsembles: 1, tau: [20, 25], essTau: [4000, 3200], acceptance: 0.3, converged: true, warnings: [] };

describe('diagnostics section labels', () => {
  it('one ensemble: only the τ-based ESS is shown; R̂ and bulk/tail ESS columns are absent and the caption says why (inference.md §2.9)', () => {
    const html = diagnosticsTable(P, { ...base, rhat: [1.0, 1.0], essBulk: [1, 1], essTail: [1, 1] });
    expect(html).toContain('<th>ESS (τ-based)</th>');
    expect(html).not.toContain('<th>bulk ESS</th>');
    expect(html).not.toContain('R̂ (rank-normalised)');
    expect(html).toContain('need at least two independent ensembles');
    expect(html).toContain('>4000<');
  });

  it('two ensembles: R̂, bulk and tail ESS columns appear beside the τ-based ESS', () => {
    const html = diagnosticsTable(P, { ...base, nEnsembles: 2, rhat: [1.002, 1.003], essBulk: [3900, 3000], essTail: [2500, 2100] });
    expect(html).toContain('<th>R̂ (rank-normalised)</th><th>bulk ESS</th><th>tail ESS</th>');
    expect(html).toContain('>2100<');
  });

  it('legacy callers with the τ-based ESS in essBulk (no essTau, no essTail) get it labelled τ-based, not bulk', () => {
    const legacy: ReportDiagnostics = { ...base, nEnsembles: 2, essTau: undefined, essBulk: [123, 456], rhat: [1.001, 1.001] };
    expect(resolveEss(legacy)).toEqual({ essTau: [123, 456], rhat: [1.001, 1.001] });
    expect(diagnosticWarnings(P, legacy)).toContain('τ-based ESS of a is 123 (needs > 400)');
    expect(diagnosticsTable(P, legacy)).toMatch(/<td class="num bad">123<\/td><td class="num ok">1\.001<\/td><td class="num">—<\/td>/);
  });
});

describe('acceptance thresholds', () => {
  it('mean acceptance 0.65 (stretch move, low dimension) is an informational note, not a warning; the run stays "converged"', () => {
    const d = { ...base, acceptance: 0.65, warnings: ['mean acceptance 0.650 is outside the usual 0.2–0.5 range'] };
    expect(diagnosticWarnings(P, d)).toEqual([]);
    const html = convergenceBanner(P, d);
    expect(html).toContain('id="convergence-ok"');
    expect(html).toContain('informational');
  });

  it("acceptance outside emcee's test range (0.1, 0.9) is a warning: mean 0.05, or one walker at 0.95", () => {
    expect(diagnosticWarnings(P, { ...base, acceptance: 0.05 })[0]).toMatch(/mean acceptance 0\.050 is outside \(0\.1, 0\.9\)/);
    expect(diagnosticWarnings(P, { ...base, acceptanceFractions: [0.3, 0.95, 0.3] })).toEqual(['1 of 3 walkers have acceptance outside (0.1, 0.9)']);
    expect(convergenceBanner(P, { ...base, acceptance: 0.05 })).toContain('id="convergence-warning"');
  });

  it('stuck walkers (src/diagnostics acceptanceReport) remain warnings', () => {
    const html = convergenceBanner(P, { ...base, warnings: ['2 of 16 walkers look stuck (acceptance below ...)'] });
    expect(html).toContain('id="convergence-warning"');
    expect(html).toContain('walkers look stuck');
  });
});

describe('ensembleRankEss', () => {
  function iidEnsemble(seed: number, nsteps: number, nwalkers: number): { chain: Float64Array; nsteps: number; nwalkers: number; ndim: number } {
    const normal = randomNormal.source(randomLcg(seed))(0, 1);
    return { chain: Float64Array.from({ length: nsteps * nwalkers * 2 }, () => normal()), nsteps, nwalkers, ndim: 2 };
  }

  it('independent draws: bulk and tail ESS ≈ the number of draws (Vehtari et al. 2021: ESS = S for iid draws; ±25%, estimator noise at S = 8000)', () => {
    const r = ensembleRankEss([iidEnsemble(0.1, 500, 8), iidEnsemble(0.2, 500, 8)], 0, 1)!;
    for (const v of [...r.essBulk, ...r.essTail]) {
      expect(v).toBeGreaterThan(0.75 * 8000);
      expect(v).toBeLessThan(1.25 * 8000);
    }
  });

  it('refuses one ensemble (its walkers are not independent chains) and too few kept steps', () => {
    expect(ensembleRankEss([iidEnsemble(0.1, 100, 8)], 0, 1)).toBeNull();
    expect(ensembleRankEss([iidEnsemble(0.1, 100, 8), iidEnsemble(0.2, 100, 8)], 95, 1)).toBeNull();
  });
});
