/**
 * The experiment interface: the detector-response likelihoods (Khan χ², ESS Asimov χ²/Poisson,
 * Poisson on data) behind it keep their exact arithmetic; gradients match finite differences;
 * the generic BFGS nuisance profile equals the exact profile and a brute-force minimisation;
 * pseudo-data and rebinding; a registered experiment type (a toy, test/experimentModel/toyType.ts)
 * loads through analysis files with per-experiment and shared nuisances.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import { combineModels } from '../../src/experimentModel/combinedLikelihood.js';
import { flatBinIndex, projectOnto, unflattenBinIndex, type ExperimentModel } from '../../src/experimentModel/types.js';
import { nuisancePenalty } from '../../src/experimentModel/nuisancePenalty.js';
import { nelderMead } from '../../src/numerics/nelderMead.js';
import { makeRng } from '../../src/random/makeRng.js';
import { priorLogPdf } from '../../src/sampler/priors.js';
import { UserError } from '../../src/cli/userError.js';
import { registerToyType } from './toyType.js';

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

/** The same model without its exact profile (forces the generic minimiser). */
function withoutExactProfile(m: ExperimentModel): ExperimentModel {
  return {
    id: m.id,
    type: m.type,
    title: m.title,
    observables: m.observables,
    nBins: m.nBins,
    binsUsed: m.binsUsed,
    statistic: m.statistic,
    physicsNames: m.physicsNames,
    nuisances: m.nuisances,
    data: m.data,
    expected: (t, n, o) => m.expected(t, n, o),
    expectedParts: (t, n) => m.expectedParts(t, n),
    logLikelihood: (t, n) => m.logLikelihood(t, n),
    logLikelihoodGradient: (t, n, g) => m.logLikelihoodGradient!(t, n, g),
    generate: (t, n, r) => m.generate(t, n, r),
    withData: (d) => m.withData(d),
  };
}

function fdGradient(m: ExperimentModel, theta: number[], nu: number[]): number[] {
  return nu.map((_, j) => {
    const h = 1e-5 * m.nuisances[j]!.width;
    const up = nu.slice();
    const dn = nu.slice();
    up[j]! += h;
    dn[j]! -= h;
    return (m.logLikelihood(theta, up) - m.logLikelihood(theta, dn)) / (2 * h);
  });
}

describe('flat bin index (row-major, last observable fastest)', () => {
  it('flatBinIndex / unflattenBinIndex are inverse; projectOnto sums the other axes', () => {
    expect(flatBinIndex([9, 11], [2, 3])).toBe(25);
    expect(unflattenBinIndex([9, 11], 25)).toEqual([2, 3]);
    for (let f = 0; f < 12 * 8 * 10; f += 37) expect(flatBinIndex([12, 8, 10], unflattenBinIndex([12, 8, 10], f))).toBe(f);
    const obs = [
      { name: 'a', label: 'a', unit: '', edges: [0, 1, 2] },
      { name: 'b', label: 'b', unit: '', edges: [0, 1, 2, 3] },
    ];
    const v = [1, 2, 3, 10, 20, 30]; // a0: b0..b2, a1: b0..b2
    expect(Array.from(projectOnto(obs, v, 0))).toEqual([6, 60]);
    expect(Array.from(projectOnto(obs, v, 1))).toEqual([11, 22, 33]);
  });
});

describe.each([
  ['khan2022-qee', 'khan-chi2', [3e-7]],
  ['ess2024-ge-qee', 'asimov-chi2', [2e-8]],
])('detector-response experiment behind the interface (%s, %s)', (id, type, theta) => {
  const post = buildPosterior(loadAnalysis(id));
  const lik = post.likelihood;
  const term = lik.terms[0]!;
  const m = term.model;
  it('is the analysis likelihood type, with α and β as its nuisances', () => {
    expect(m.type).toBe(type);
    expect(m.nuisances.map((n) => n.name)).toEqual(['alpha', 'beta']);
    expect(m.observables).toHaveLength(1);
  });
  it('ln L and the profile are the pre-interface arithmetic (makeChi2 on the forward-model signal; exact equality)', () => {
    const s = lik.signal(0, theta);
    expect(m.logLikelihood(theta, [0.05, -0.1])).toBe(term.chi2!.logLikelihood(s, 0.05, -0.1));
    expect(lik.profiledChi2(theta)).toBe(term.chi2!.profileNuisances(s).chi2);
  });
  it('analytic ∂ln L/∂ν equals central differences (1e-6 relative)', () => {
    const g = new Float64Array(2);
    const nu = [0.07, -0.2];
    m.logLikelihoodGradient!(theta, nu, g);
    const fd = fdGradient(m, theta, nu);
    g.forEach((v, j) => expect(Math.abs(v - fd[j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd[j]!))));
  });
  it('the generic BFGS profile equals the exact (2×2 / Newton) profile: χ² to 1e-9, ν̂ to 1e-6 of its width', () => {
    const exact = lik.combined.profile(theta);
    const generic = combineModels([withoutExactProfile(m)], lik.combined.nuisances).profile(theta);
    expect(Math.abs(generic.chi2 - exact.chi2)).toBeLessThan(1e-9);
    exact.nu.forEach((v, j) => expect(Math.abs(generic.nu[j]! - v)).toBeLessThan(1e-6 * lik.combined.nuisances[j]!.width));
  });
  it('generate: same seed → same pseudo-data; withData rebinds (the model itself is unchanged)', () => {
    const a = m.generate(theta, [0, 0], makeRng('emcee', 5));
    const b = m.generate(theta, [0, 0], makeRng('emcee', 5));
    expect(Array.from(a.counts)).toEqual(Array.from(b.counts));
    expect(a.kind).toBe('pseudo');
    const toy = m.withData(a);
    expect(toy.data).toBe(a);
    expect(m.data.kind).not.toBe('pseudo');
    // the rebound model's ln L is that of the statistic on the new data
    const mu = new Float64Array(m.nBins);
    m.expected(theta, [0, 0], mu);
    let want = 0;
    for (const i of m.binsUsed) {
      if (m.statistic === 'gaussian') want += ((a.counts[i]! - mu[i]!) / a.sigma![i]!) ** 2;
      else want += 2 * (mu[i]! - a.counts[i]! + (a.counts[i]! > 0 ? a.counts[i]! * Math.log(a.counts[i]! / mu[i]!) : 0));
    }
    expect(toy.logLikelihood(theta, [0, 0])).toBeCloseTo(-0.5 * want, 9);
  });
  it('expectedParts: per-flavour signal plus background add up to the total (1e-12 relative)', () => {
    const p = m.expectedParts(theta, [0.1, 0.2]);
    expect(p.components.filter((c) => c.kind === 'signal').map((c) => c.flavor)).toEqual(['numu', 'nue', 'numubar']);
    for (let i = 0; i < m.nBins; i++) {
      const sum = p.components.reduce((a, c) => a + c.counts[i]!, 0);
      expect(Math.abs(sum - p.total[i]!)).toBeLessThan(1e-12 * Math.abs(p.total[i]!) + 1e-300);
    }
  });
});

describe('a registered experiment type in analyses (toy: 3 × 2 bins, Poisson + side band)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuem-plugin-'));
  const write = (name: string, content: unknown): string => {
    const f = join(dir, name);
    writeFileSync(f, stringify(content));
    return f;
  };
  const toyFile = (id: string, counts: number[], sideband: number, fluxSigma = 0.1) => ({
    kind: 'experiment',
    type: 'test-toy',
    id,
    title: id,
    counts,
    sideband,
    nuisances: [
      { name: 'flux', prior: { type: 'normal', mu: 0, sigma: fluxSigma }, source: 'toy: 10% flux', shared: 'toy-flux' },
      { name: 'bkg', prior: { type: 'lognormal', mu: 0, sigma: 0.2 }, source: 'toy: 20% background' },
    ],
  });
  const analysis = (experiments: string[], over: Record<string, unknown> = {}) => ({
    kind: 'analysis',
    id: 'toy-combined',
    title: 'toy',
    experiments,
    parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-7, max: 1e-7 } }],
    ...over,
  });
  beforeAll(() => {
    registerToyType();
    write('toy-a.yaml', toyFile('toy-a', [35, 22, 17, 9, 10, 3], 46));
    write('toy-b.yaml', toyFile('toy-b', [28, 25, 12, 14, 5, 6], 33));
    write('toy-c.yaml', toyFile('toy-c', [28, 25, 12, 14, 5, 6], 33, 0.2));
  });

  it('one experiment: its own nuisance names; two: <name>.<id>, and a common shared key makes one parameter', () => {
    const one = loadAnalysis(write('one.yaml', analysis(['./toy-a.yaml'])));
    expect(one.nuisances.map((n) => n.name)).toEqual(['flux', 'bkg']);
    const two = loadAnalysis(write('two.yaml', analysis(['./toy-a.yaml', './toy-b.yaml'])));
    expect(two.nuisances.map((n) => n.name)).toEqual(['toy-flux', 'bkg.toy-a', 'bkg.toy-b']);
    expect(two.nuisances[0]!.members).toEqual([
      { experiment: 0, local: 'flux' },
      { experiment: 1, local: 'flux' },
    ]);
    const post = buildPosterior(two);
    expect(post.paramNames).toEqual(['qee', 'toy-flux', 'bkg.toy-a', 'bkg.toy-b']);
  });
  it('the analysis shared: list merges nuisances by <experiment>/<name> with its own prior', () => {
    const a = loadAnalysis(
      write('sh.yaml', analysis(['./toy-a.yaml', './toy-b.yaml'], { shared: [{ name: 'bkg-common', members: ['toy-a/bkg', 'toy-b/bkg'], prior: { type: 'lognormal', mu: 0, sigma: 0.3 }, source: 'toy' }] })),
    );
    expect(a.nuisances.map((n) => n.name)).toEqual(['toy-flux', 'bkg-common']);
    expect(a.nuisances[1]!.prior).toEqual({ type: 'lognormal', mu: 0, sigma: 0.3 });
  });
  it('refuses a shared key whose members disagree on the prior, and the same experiment listed twice (exit-2 user errors)', () => {
    const e1 = userError(() => loadAnalysis(write('bad1.yaml', analysis(['./toy-a.yaml', './toy-c.yaml']))));
    expect(e1.message).toMatch(/shared nuisance toy-flux/);
    const e2 = userError(() => loadAnalysis(write('bad2.yaml', analysis(['./toy-a.yaml', join(dir, 'toy-a.yaml')]))));
    expect(e2.where).toMatch(/experiments\[1\]$/);
    expect(e2.exitCode).toBe(2);
    const e3 = userError(() => loadAnalysis(write('bad3.yaml', analysis(['./toy-a.yaml'], { likelihood: { type: 'poisson', sigmaAlpha: 0.1, sigmaBeta: 0.1 } }))));
    expect(e3.where).toMatch(/likelihood$/);
  });
  it('posterior: ln p = Σ ln L_k + ln π(q) + ln π(shared flux, once) + ln π(bkg_a) + ln π(bkg_b) (1e-12)', () => {
    const a = loadAnalysis(write('post.yaml', analysis(['./toy-a.yaml', './toy-b.yaml'])));
    const post = buildPosterior(a);
    const x = [2e-8, 0.03, 1.1, 0.9];
    const out = new Float64Array(1);
    post.logProbBatch(Float64Array.from(x), 1, out);
    const [ma, mb] = post.likelihood.terms.map((t) => t.model);
    const want =
      ma!.logLikelihood([x[0]!], [x[1]!, x[2]!]) +
      mb!.logLikelihood([x[0]!], [x[1]!, x[3]!]) +
      priorLogPdf({ type: 'uniform', min: -1e-7, max: 1e-7 }, x[0]!) +
      priorLogPdf({ type: 'normal', mu: 0, sigma: 0.1 }, x[1]!) +
      priorLogPdf({ type: 'lognormal', mu: 0, sigma: 0.2 }, x[2]!) +
      priorLogPdf({ type: 'lognormal', mu: 0, sigma: 0.2 }, x[3]!);
    expect(out[0]).toBeCloseTo(want, 12);
  });
  it('toy gradient in (flux, bkg) equals central differences (1e-6 relative)', () => {
    const m = buildPosterior(loadAnalysis(write('g.yaml', analysis(['./toy-a.yaml'])))).likelihood.terms[0]!.model;
    const g = new Float64Array(2);
    m.logLikelihoodGradient!([3e-8], [0.05, 1.2], g);
    const fd = fdGradient(m, [3e-8], [0.05, 1.2]);
    g.forEach((v, j) => expect(Math.abs(v - fd[j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd[j]!))));
  });
  it('combined profile over 3 nuisances (one shared) = brute force (21³ grid then Nelder–Mead polish) to 1e-6 in χ², never above the grid', () => {
    const lik = buildPosterior(loadAnalysis(write('prof.yaml', analysis(['./toy-a.yaml', './toy-b.yaml'])))).likelihood;
    const c = lik.combined;
    for (const q of [-4e-8, 0, 2.5e-8, 6e-8]) {
      const p = c.profile([q]);
      const f = (nu: readonly number[]): number => c.chi2([q], nu);
      // brute force: a grid over ±4 widths around the nominal values, then an independent local polish
      const axes = c.nuisances.map((n) => Array.from({ length: 21 }, (_, i) => Math.max(1e-3, n.nominal + (i / 10 - 1) * 4 * n.width)));
      let best = Infinity;
      let arg: number[] = [];
      for (const a of axes[0]!) for (const b of axes[1]!) for (const d of axes[2]!) {
        const v = f([a, b, d]);
        if (v < best) [best, arg] = [v, [a, b, d]];
      }
      const polished = nelderMead(f, arg, { initialStep: c.nuisances.map((n) => 0.2 * n.width), xTol: 1e-10, fTol: 1e-12, maxEvaluations: 20000 });
      expect(p.chi2).toBeLessThanOrEqual(best + 1e-9);
      expect(Math.abs(p.chi2 - polished.fx)).toBeLessThan(1e-6);
      // the profile χ² is −2 ln L + penalties at ν̂
      const pen = c.nuisances.reduce((s, n, g) => s + nuisancePenalty(n.prior, p.nu[g]!), 0);
      expect(p.chi2).toBeCloseTo(-2 * c.logLikelihood([q], p.nu) + pen, 10);
    }
  });
  it('pseudo-data through the interface: generate at (θ, ν), rebind, refit (the toys path)', () => {
    const lik = buildPosterior(loadAnalysis(write('toys.yaml', analysis(['./toy-a.yaml', './toy-b.yaml'])))).likelihood;
    const c = lik.combined;
    const rng = makeRng('emcee', 11);
    const nu = [0.02, 1.05, 0.95];
    const toys = c.models.map((m, k) => m.withData(m.generate([1e-8], c.localNu(k, nu).slice(), rng)));
    const refit = c.withModels(toys);
    expect(refit.models[0]!.data.kind).toBe('pseudo');
    expect(refit.models[0]!.data.auxiliary!.sideband).toHaveLength(1);
    const p = refit.profile([1e-8]);
    expect(Number.isFinite(p.chi2)).toBe(true);
    expect(p.chi2).toBeLessThanOrEqual(refit.chi2([1e-8], nu));
  });
});
