/**
 * The toy construction on Khan's q_ee analysis (small, seeded runs): thread-count invariance,
 * shard + merge = unsharded bit for bit, resume, the backend's real-data binding against the
 * analysis likelihood, and pull centres against a brute-force minimisation.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { profileGaussianNuisances } from '../../src/likelihood/profileGaussianNuisances.js';
import { profilePoissonNuisances } from '../../src/likelihood/profilePoissonNuisances.js';
import { gaussianDataSpec, poissonDataSpec } from '../../src/likelihood/binnedLikelihoodSpec.js';
import { nelderMead } from '../../src/numerics/nelderMead.js';
import { binnedToyBackend, interfaceToyBackend } from '../../src/toys/backend.js';
import { toyStream } from '../../src/toys/toyStream.js';
import type { ToyConfig } from '../../src/toys/construction.js';
import { runPoints } from '../../src/toys/runPoints.js';
import { runCliInProcess } from '../helpers/runCliInProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-toys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toy backend', () => {
  const analysis = loadAnalysis('khan2022-qee');
  const lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  const backend = binnedToyBackend(lik);
  const generic = interfaceToyBackend(lik);
  it('bound to the real data with nominal constraint centres both backends are the analysis likelihood, exactly', () => {
    const data = { data: lik.terms.map((t) => t.model.data), centers: new Float64Array(2) };
    for (const q of [-3e-7, 0, 1e-7, 4.5e-7]) {
      expect(backend.bind(data).profiledChi2([q])).toBe(lik.profiledChi2([q]));
      expect(generic.bind({ data: data.data, centers: Float64Array.of(0, 0) }).profiledChi2([q])).toBe(lik.profiledChi2([q]));
    }
  });
  it('the interface backend (bounded BFGS with moved constraints) agrees with the binned one (exact 2×2 solve) on pseudo-data to 1e-6', () => {
    const nu = backend.conditionalNuisances([2e-7]);
    expect(Array.from(generic.conditionalNuisances([2e-7]))).toEqual(Array.from(nu));
    for (let i = 0; i < 3; i++) {
      const toy = backend.generate([2e-7], nu, toyStream(3, 0, i), true);
      for (const q of [-2e-7, 2e-7, 6e-7]) {
        const a = backend.bind(toy).profiledChi2([q]);
        const b = generic.bind(toy).profiledChi2([q]);
        expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, a));
        expect(Math.abs(backend.bind(toy).marginalChi2([q]) - generic.bind(toy).marginalChi2([q]))).toBeLessThan(1e-4);
      }
    }
  });
  it('shifted pull centres: the closed-form (Gaussian) and Newton (Poisson) minima agree with Nelder–Mead to 1e-7', () => {
    const obs = Float64Array.of(12, 30, 25, 9);
    const sig = Float64Array.of(4, 6, 5, 3);
    const bkg = Float64Array.of(2, 5, 4, 3);
    const s = [9, 22, 20, 5];
    const c = { alpha: 0.15, beta: -0.3 };
    for (const spec of [gaussianDataSpec(obs, sig, bkg, { sigmaAlpha: 0.127, sigmaBeta: 0.6 }), poissonDataSpec(obs, bkg, { sigmaAlpha: 0.127, sigmaBeta: 0.6 })]) {
      const f = (v: readonly number[]): number => {
        let sum = 0;
        for (let i = 0; i < 4; i++) {
          const mu = (1 + v[0]!) * s[i]! + (1 + v[1]!) * bkg[i]!;
          sum += spec.form === 'gaussian' ? ((obs[i]! - mu) / sig[i]!) ** 2 : 2 * (mu - obs[i]! + obs[i]! * Math.log(obs[i]! / mu));
        }
        return sum + ((v[0]! - c.alpha) / 0.127) ** 2 + ((v[1]! - c.beta) / 0.6) ** 2;
      };
      const nm = nelderMead(f, [0, 0], { xTol: 1e-12, fTol: 1e-14, maxEvaluations: 5000 });
      const fit = spec.form === 'gaussian' ? profileGaussianNuisances(spec, s, c) : profilePoissonNuisances(spec, s, c);
      expect(Math.abs(fit.alpha - nm.x[0]!)).toBeLessThan(1e-7);
      expect(Math.abs(fit.beta - nm.x[1]!)).toBeLessThan(1e-7);
    }
  });
});

describe('toy construction (khan2022-qee, 8 points × 12 toys)', () => {
  const analysis = loadAnalysis('khan2022-qee');
  const config: ToyConfig = {
    analysis: analysis.id,
    analysisFile: analysis.file,
    modelHash: 'test',
    axes: [{ name: 'qee', min: -6e-7, max: 1.2e-6, scale: 'linear', points: 8 }],
    toys: 12,
    cl: 0.9,
    seed: '99',
    nuisances: 'profile',
    innerPoints: 25,
  };
  it('gives identical point results with 1 and 2 worker threads', async () => {
    const one = await runPoints(config, [0, 3, 5, 7], { threads: 1 });
    const two = await runPoints(config, [0, 3, 5, 7], { threads: 2 });
    expect(two).toEqual(one);
    expect(one.every((p) => p.t.length === 12 && p.t.every((t) => t >= 0))).toBe(true);
  }, 60000);
  it('CLI: shards merged = unsharded run, bit for bit; --resume skips a finished shard', async () => {
    const common = ['khan2022-qee', '--points', '8', '--toys', '10', '--seed', '5', '--threads', '1', '--no-progress'];
    const full = await runCliInProcess(['toys', ...common, '--out', join(dir, 'a')]);
    expect(full.code).toBe(0);
    for (const k of [1, 2, 3]) expect((await runCliInProcess(['toys', ...common, '--out', join(dir, 'b'), '--shard', `${k}/3`])).code).toBe(0);
    const again = await runCliInProcess(['toys', ...common, '--out', join(dir, 'b'), '--shard', '2/3', '--resume']);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/already done/);
    const shardDir = join(dir, 'b', 'khan2022-qee');
    const files = [1, 2, 3].map((k) => join(shardDir, `qee.seed5.shard-${k}-of-3.json`));
    const merged = await runCliInProcess(['toys', 'merge', ...files.reverse()]);
    expect(merged.code).toBe(0);
    expect(readFileSync(join(shardDir, 'qee.seed5.json'))).toEqual(readFileSync(join(dir, 'a', 'khan2022-qee', 'qee.seed5.json')));
    const missing = await runCliInProcess(['toys', 'merge', files[0]!, files[1]!]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing/);
    const exists = await runCliInProcess(['toys', ...common, '--out', join(dir, 'a')]);
    expect(exists.code).toBe(2);
    expect(exists.err).toMatch(/exists\. Fix: add --force/);
  }, 120000);
});

describe('CLI validation targets', () => {
  it('poisson: FC Table IV, b = 3, n0 = 6 → [0.15, 8.47]', async () => {
    const r = await runCliInProcess(['toys', '--target', 'poisson', '--background', '3', '--observed', '6', '--cl', '0.9', '--json']);
    expect(r.code).toBe(0);
    const iv = JSON.parse(r.out).interval as number[];
    expect(Math.abs(iv[0]! - 0.15)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(iv[1]! - 8.47)).toBeLessThanOrEqual(0.005);
  });
  it('gaussian-bounded prints an interval; bad input is exit 2 with a Fix', async () => {
    const r = await runCliInProcess(['toys', '--target', 'gaussian-bounded', '--observed', '0.5', '--cl', '0.9', '--toys', '400', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).interval).toHaveLength(2);
    const bad = await runCliInProcess(['toys', '--target', 'poisson', '--observed', '2.5', '--background', '1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^nuem: --observed: .*Fix: /);
  });
});
