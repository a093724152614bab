/**
 * SM fits as analyses (issue 10, "the SM fit of the CEvNS normalisation"): a nuisance marked
 * `interest: true` is the parameter of interest of an analysis without physics parameters.
 *
 * - models/analyses/coherent2021-csi2d-sm.yaml against the code of `nuem reproduce coherent2021`
 *   (`signalStrengthFit`, src/experimentTypes/coherentCsi2d/fit.ts): an independent minimiser
 *   (Nelder–Mead with restarts) and an independent interval construction (Brent root of
 *   Δ(−2 ln L) = 1 in the strength, events at the profiled nuisances there);
 * - the profile against brute force: every profile point against Nelder–Mead from the nominal and
 *   from scattered starts (the inner minimum over the eight other nuisances), and the interval
 *   ends against a dense scan of the profile (the outer crossing);
 * - bad input: one-line errors naming the file, the field and a fix;
 * - a tiny seeded `runAnalysis` of the SM analysis: chains, the interest profile and the fitted
 *   events in the result and the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadAnalysis, type LoadedAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood, type AnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { interestSignalEvents, profileInterest1D } from '../../src/profile/profileAnalysis.js';
import type { Profile1DResult } from '../../src/profile/profile1D.js';
import { loadCsi2d } from '../../src/experimentTypes/coherentCsi2d/load.js';
import { buildCsi2dModel, type Csi2dModel } from '../../src/experimentTypes/coherentCsi2d/model.js';
import { fitNuisances, signalStrengthFit, type SignalStrengthFit } from '../../src/experimentTypes/coherentCsi2d/fit.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { UserError } from '../../src/cli/userError.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { makeRng } from '../../src/random/makeRng.js';
import { readLarRelease } from '../../src/experiments/coherentLar2020/release.js';
import { argonNuisances, buildArgonModel } from '../../src/experiments/coherentLar2020/argonModel.js';
import { measureCevnsCount } from '../../src/experiments/coherentLar2020/argonFits.js';
import type { FormFactorConfig } from '../../src/physics/nuclei/formFactor.js';
import '../../src/experimentTypes/index.js';

/** Δχ² = 1 exactly (the 68.27% quantile of χ²₁), the level of `signalStrengthFit`'s interval. */
const CL_1SIGMA = 0.682689492137086;

let analysis: LoadedAnalysis;
let lik: AnalysisLikelihood;
let prof: Profile1DResult;
let model: Csi2dModel;
let ref: SignalStrengthFit;
let dir: string;

beforeAll(() => {
  analysis = loadAnalysis('coherent2021-csi2d-sm');
  lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  prof = profileInterest1D(lik, analysis, { cl: CL_1SIGMA });
  model = buildCsi2dModel(loadCsi2d('coherent-csi-2021-2d'), [], { s2w: 0.23857 });
  ref = signalStrengthFit(model, []);
  dir = mkdtempSync(join(tmpdir(), 'nuem-smfit-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('coherent2021-csi2d-sm: the SM fit of the CEvNS normalisation as an analysis', () => {
  it('resolves csi_flux as the parameter of interest with the flat prior of the analysis file (not the 11.46% flux prior)', () => {
    expect(analysis.physics).toHaveLength(0);
    expect(analysis.interest).toMatchObject({ name: 'csi_flux', prior: { type: 'uniform', min: -1, max: 1 }, scan: { min: -0.5, max: 0.4 } });
    // the sampler sees it with the flat prior; every other nuisance keeps the experiment's prior
    const n = analysis.nuisances.find((q) => q.name === 'csi_flux')!;
    expect(n.prior).toEqual({ type: 'uniform', min: -1, max: 1 });
    expect(analysis.nuisances.find((q) => q.name === 'csi_eff')!.prior).toEqual({ type: 'normal', mu: 0, sigma: 1 });
  });

  it('agrees with signalStrengthFit (nuem reproduce coherent2021): χ²_min to 1e-8, strength to 1e-5, events to 0.01 (best fit and 68.27% interval ends)', () => {
    // tolerances: signalStrengthFit stops its simplex at 1e-10 in −2 ln L (a strength uncertainty
    // of √(2·1e-10/curvature) ≈ 1e-6 with curvature 2/0.09² ≈ 250) and finds its interval ends with
    // Brent to 1e-5 in the strength, i.e. ≤ 0.003 events at dN/ds ≈ 250 events; 0.01 events and
    // 1e-5 cover both with margin and are far below the statistical error (±29 events).
    expect(prof.intervals).toHaveLength(1);
    expect(Math.abs(prof.best.chi2 - ref.m2lBest)).toBeLessThan(1e-8);
    expect(Math.abs(1 + prof.best.x - ref.strength)).toBeLessThan(1e-5);
    const ev = (x: number): number => interestSignalEvents(lik, analysis, x)[0]!.events;
    expect(Math.abs(ev(prof.best.x) - ref.events)).toBeLessThan(0.01);
    expect(Math.abs(ev(prof.intervals[0]!.lo) - ref.interval[0])).toBeLessThan(0.01);
    expect(Math.abs(ev(prof.intervals[0]!.hi) - ref.interval[1])).toBeLessThan(0.01);
    // the published-comparison row of reproduce coherent2021 (docs/reproduction.md): 305.2 (−28.9, +28.7)
    expect(ref.events).toBeCloseTo(305.2, 1);
  });

  it('fitted events = the sum of the signal parts of expectedParts = the model\'s own signalEvents (1e-10 relative)', () => {
    const nu = Float64Array.from(ref.nu);
    const parts = lik.combined.models[0]!.expectedParts([], nu);
    const sum = parts.components.filter((c) => c.kind === 'signal').reduce((s, c) => s + c.counts.reduce((a, b) => a + b, 0), 0);
    expect(Math.abs(sum - model.signalEvents([], nu))).toBeLessThan(1e-10 * sum);
  });

  it('each profile point equals brute-force minimisation over the eight other nuisances (Nelder–Mead from the nominal and 3 scattered starts): never above it by > 1e-8', () => {
    const rng = makeRng('emcee', 7);
    const iS = model.nuisances.findIndex((n) => n.name === 'csi_flux');
    for (const x of [-0.3, prof.intervals[0]!.lo, 0.1]) {
      const p = lik.combined.profile([], { index: 0, value: x });
      const fixed = new Map([[iS, x]]);
      let brute = fitNuisances(model, [], { fixed }).m2l;
      for (let s = 0; s < 3; s++) {
        const start = Float64Array.from(model.nuisances, (n, k) => (k === iS ? x : n.nominal + 1.5 * n.width * (2 * rng.randomSample() - 1)));
        // (±1.5 widths keeps the flat steady-state start, width 0.115, inside its ±0.2 prior)
        brute = Math.min(brute, fitNuisances(model, [], { fixed, start }).m2l);
      }
      expect(p.chi2).toBeLessThanOrEqual(brute + 1e-8);
      expect(Math.abs(p.chi2 - brute)).toBeLessThan(1e-6);
      expect(p.nu[0]).toBe(x);
    }
  });

  it('the interval ends equal the crossings of a dense 181-point scan of the profile (linear interpolation; 2e-4, a tenth of a 0.005 cell)', () => {
    const { min, max } = analysis.interest!.scan;
    const xs = Array.from({ length: 181 }, (_, i) => min + ((max - min) * i) / 180);
    const chi = xs.map((x) => lik.combined.profile([], { index: 0, value: x }).chi2);
    const level = prof.level;
    const crossings: number[] = [];
    for (let i = 1; i < xs.length; i++) {
      const a = chi[i - 1]! - level;
      const b = chi[i]! - level;
      if (a * b < 0) crossings.push(xs[i - 1]! + ((xs[i]! - xs[i - 1]!) * a) / (a - b));
    }
    expect(crossings).toHaveLength(2);
    expect(Math.abs(crossings[0]! - prof.intervals[0]!.lo)).toBeLessThan(2e-4);
    expect(Math.abs(crossings[1]! - prof.intervals[0]!.hi)).toBeLessThan(2e-4);
    // no scan point below the refined minimum
    expect(Math.min(...chi)).toBeGreaterThanOrEqual(prof.best.chi2 - 1e-9);
  });
});

describe('coherent-ar2020-sm: the argon SM fit (ar_flux free, ar_mass and ar_cevns_other held at 0)', () => {
  it('holds the two pinned normalisations at 0 (not sampled, not parameters of the likelihood) and samples the other eleven', () => {
    const a = loadAnalysis('coherent-ar2020-sm');
    const l = buildAnalysisLikelihood(a, forwardModelPrediction);
    expect(a.nuisances.filter((n) => n.pinned !== undefined).map((n) => [n.name, n.pinned, n.prior])).toEqual([
      ['ar_mass', 0, undefined],
      ['ar_cevns_other', 0, undefined],
    ]);
    expect(l.combined.nuisances.map((n) => n.name)).not.toContain('ar_mass');
    expect(l.combined.nuisances).toHaveLength(11);
    expect(l.combined.pinned).toHaveLength(2);
    // the model sees the pinned values; the free ones come from the global vector
    const nu = Float64Array.from(l.combined.nuisances, (n) => n.nominal + 0.1 * n.width);
    const local = l.combined.localNu(0, nu);
    const names = l.combined.models[0]!.nuisances.map((n) => n.name);
    expect(local[names.indexOf('ar_mass')]).toBe(0);
    expect(local[names.indexOf('ar_cevns_other')]).toBe(0);
    expect(local[names.indexOf('ar_flux')]).toBe(nu[0]);
  });

  it('agrees with measureCevnsCount (nuem reproduce coherent-ar2020, "all shape nuisances" row) on the same model: best-fit events 0.01, −2Δln L at no CEvNS 1e-6, 68.27% ends 0.2 events', () => {
    const a = loadAnalysis('coherent-ar2020-sm');
    const l = buildAnalysisLikelihood(a, forwardModelPrediction);
    const pr = profileInterest1D(l, a, { cl: CL_1SIGMA });
    // the reference: the argon model with the same inputs and only the non-normalisation nuisances,
    // fitted with the CEvNS count itself free (src/experiments/coherentLar2020/argonFits.ts)
    const rel = readLarRelease(join(PACKAGE_ROOT, 'models/data/coherent-lar-2020'));
    const shapes = argonNuisances(rel, 0).filter((n) => !n.effect.startsWith('signal-'));
    const { source: _s, ...ff } = (a.definitions[0]!.config as { formFactor: FormFactorConfig & { source?: string } }).formFactor;
    const m = buildArgonModel(rel, { nuisances: shapes, physicsNames: [], fixed: { s2w: 0.23857 }, signal: 'nuem', nucleus: 'Ar40', formFactor: ff });
    const mc = measureCevnsCount(m, [0]);
    const ev = (x: number): number => interestSignalEvents(l, a, x)[0]!.events;
    // the same global minimum (two minimisers): events to 0.01, χ² of no CEvNS (ar_flux = −1 ⇔ N = 0) to 1e-6
    expect(Math.abs(ev(pr.best.x) - mc.best)).toBeLessThan(0.01);
    const nullChi2 = l.combined.profile([], { index: 0, value: -1 }).chi2 - pr.best.chi2;
    expect(Math.abs(nullChi2 - mc.deltaChi2AtZero)).toBeLessThan(1e-6);
    // interval ends: the profiled variable differs (here the normalisation, there the count), and at
    // a fixed normalisation the quenching nuisances still move the count a little; measured 0.02
    // and 0.07 events, tolerance 0.2 events (0.5% of the ±41-event error)
    expect(Math.abs(ev(pr.intervals[0]!.lo) - mc.interval[0])).toBeLessThan(0.2);
    expect(Math.abs(ev(pr.intervals[0]!.hi) - mc.interval[1])).toBeLessThan(0.2);
  }, 60_000);
});

describe('analysis files with a nuisance of interest: bad input', () => {
  const base = (): Record<string, unknown> => parse(readFileSync(join(PACKAGE_ROOT, 'models/analyses/coherent2021-csi2d-sm.yaml'), 'utf8')) as Record<string, unknown>;
  const write = (name: string, spec: Record<string, unknown>): string => {
    const f = join(dir, name);
    writeFileSync(f, stringify({ ...spec, experiments: [join(PACKAGE_ROOT, 'models/experiments/coherent-csi-2021-2d.yaml')] }));
    return f;
  };
  const err = (name: string, edit: (s: Record<string, unknown>, params: Array<Record<string, unknown>>) => void): UserError => {
    const s = base();
    edit(s, s.parameters as Array<Record<string, unknown>>);
    const f = write(name, s);
    try {
      loadAnalysis(f);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.where.startsWith(f)).toBe(true);
      expect((e.fix ?? "").length).toBeGreaterThan(0);
      expect(e.message.split('\n')).toHaveLength(1);
      return e;
    }
    throw new Error('no error thrown');
  };

  it('interest on a nuisance no experiment has: parameters[0].name, with the nuisances to choose from', () => {
    const e = err('nope.yaml', (_, p) => (p[0]!.name = 'csi_nope'));
    expect(e.where).toMatch(/parameters\[0\]\.name$/);
    expect(e.what).toMatch(/csi_nope does not belong to any experiment/);
    expect(e.fix ?? "").toMatch(/csi_flux/);
  });
  it('no parameter of interest at all (no physics parameter, no interest: true)', () => {
    const e = err('none.yaml', (_, p) => delete p[0]!.interest);
    expect(e.where).toMatch(/: parameters$/);
    expect(e.what).toMatch(/at least one physics parameter, or one nuisance with interest: true/);
  });
  it('interest on a physics parameter, two nuisances of interest, a nuisance of interest next to a physics parameter', () => {
    expect(err('phys.yaml', (_, p) => p.push({ name: 'qee', role: 'physics', interest: true, prior: { type: 'uniform', min: -1e-7, max: 1e-7 } })).what).toMatch(/interest applies to nuisances only/);
    expect(err('two.yaml', (_, p) => p.push({ name: 'csi_eff', role: 'nuisance', interest: true })).where).toMatch(/parameters\[1\]\.interest$/);
    const e = err('mixed.yaml', (_, p) => p.push({ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-7, max: 1e-7 } }));
    expect(e.what).toMatch(/for fits without free physics parameters/);
  });
  it('fixed nuisances: not on physics parameters, not with a prior, not outside the prior support, not a shared one', () => {
    expect(err('fixphys.yaml', (_, p) => p.push({ name: 'qee', role: 'physics', fixed: 0, prior: { type: 'uniform', min: -1e-7, max: 1e-7 } })).what).toMatch(/fixed applies to nuisances only/);
    expect(err('fixprior.yaml', (_, p) => p.push({ name: 'csi_eff', role: 'nuisance', fixed: 0, prior: { type: 'normal', mu: 0, sigma: 2 } })).what).toMatch(/is fixed, so it takes no prior/);
    const e = err('fixout.yaml', (_, p) => p.push({ name: 'csi_ss', role: 'nuisance', fixed: 0.5 }));
    expect(e.where).toMatch(/parameters\[1\]\.fixed$/);
    expect(e.what).toMatch(/outside the support \[-0\.2, 0\.2\]/);
  });
  it('a scan outside the prior support, and no scan with a prior that gives none', () => {
    const e = err('scan.yaml', (_, p) => (p[0]!.scan = { min: -1.5, max: 0.4 }));
    expect(e.where).toMatch(/parameters\[0\]\.scan$/);
    expect(e.what).toMatch(/leaves the support \[-1, 1\]/);
    const l = err('lognormal.yaml', (_, p) => {
      delete p[0]!.scan;
      p[0]!.prior = { type: 'lognormal', mu: 0, sigma: 0.1 };
    });
    expect(l.what).toMatch(/no scan range/);
    expect(l.fix ?? "").toMatch(/scan:/);
  });
});

describe('runAnalysis of the SM analysis (tiny, seeded)', () => {
  it('samples the nine nuisances, profiles csi_flux and states the fitted CEvNS events in the result and the report', async () => {
    const r = await runAnalysis(join(PACKAGE_ROOT, 'models/analyses/coherent2021-csi2d-sm.yaml'), {
      chainsDir: join(dir, 'chains'),
      reportsDir: join(dir, 'reports'),
      toysDir: join(dir, 'toys'),
      threads: 0,
      ensembles: 2,
      walkers: 20,
      maxSteps: 60,
      checkEvery: 30,
      profilePoints: 21,
      chunkSteps: 16,
      createdAt: '2024-01-01T00:00:00Z',
    });
    for (const p of r.paths.chains) expect(existsSync(p)).toBe(true);
    expect(r.posterior.map((p) => p.name)).toEqual(['csi_flux', 'csi_qf0', 'csi_qf1', 'csi_eff', 'csi_brn', 'csi_nin', 'csi_brn_time', 'csi_ss', 'csi_time']);
    expect(r.profiles.oneD.map((p) => p.parameter)).toEqual(['csi_flux']);
    // the 21-node profile refines the same minimum: χ²_min and the best fit as the 91-node one
    expect(Math.abs(r.profiles.oneD[0]!.best.chi2 - prof.best.chi2)).toBeLessThan(1e-8);
    expect(r.bestFit.parameters).toEqual({});
    const ev = r.interest!.signalEvents[0]!;
    expect(r.interest!.parameter).toBe('csi_flux');
    expect(Math.abs(ev.best - ref.events)).toBeLessThan(0.01);
    expect(ev.intervals[0]!.lo).toBeLessThan(ev.best);
    expect(ev.intervals[0]!.hi).toBeGreaterThan(ev.best);
    // the posterior of the events brackets the best fit (a 60-step chain: loose, not a precision check)
    expect(ev.posterior.lo).toBeLessThan(ev.best);
    expect(ev.posterior.hi).toBeGreaterThan(ev.best);
    const html = readFileSync(r.paths.report, 'utf8');
    expect(html).toContain('<h3>Derived quantities</h3>');
    expect(html).toContain('fitted signal (CEvNS) events, coherent-csi-2021-2d');
    expect(html).toContain('parameter of interest');
    expect(html).toContain('id="profiles"');
    // the nuisance of interest is a result, not a systematic: not in the pull table
    const pulls = html.slice(html.indexOf('<table class="pulls">'));
    expect(pulls.slice(0, pulls.indexOf('</table>'))).not.toContain('CEvNS normalisation - 1');
    expect(pulls).toContain('csi_eff');
  }, 120_000);
});
