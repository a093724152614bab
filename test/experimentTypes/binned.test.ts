/**
 * `type: binned` (bring your own data): the migration-matrix response is exact and linear, agrees
 * with the Gaussian detector in its sharp-resolution limit, the detector-block variant reproduces
 * the detector-response experiment's signal, the worked example of docs/models.md loads from a
 * user's models directory (--models-dir, NUEM_MODELS_DIR), its gradient is analytic and its
 * nuisance profile matches a brute-force minimisation; bad files are exit-2 errors.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { loadExperimentDefinition } from '../../src/experiments/loadExperimentDefinition.js';
import { MODELS_DIR_ENV } from '../../src/experiments/modelsDirs.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { experimentType } from '../../src/experimentModel/registry.js';
import type { ExperimentModel } from '../../src/experimentModel/types.js';
import { nelderMead } from '../../src/numerics/nelderMead.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { UserError } from '../../src/cli/userError.js';
import { runCliInProcess } from '../helpers/runCliInProcess.js';

const MY_MODELS = resolve(PACKAGE_ROOT, 'docs', 'examples', 'my-models');
const EXAMPLE = join(MY_MODELS, 'experiments', 'my-ge.yaml');
const example = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'nuem-binned-'));
const write = (name: string, content: unknown): string => {
  const f = join(dir, name);
  writeFileSync(f, stringify(content));
  return f;
};
function build(file: string, physics: string[] = ['qee']): ExperimentModel {
  const { definition } = loadExperimentDefinition(file);
  return experimentType('binned')!.build(definition, { physicsNames: physics as never, fixed: {}, where: file });
}
function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}
const signalOf = (m: ExperimentModel, theta: number[]): Float64Array =>
  m.expectedParts(theta, m.nuisances.map((n) => n.nominal)).components.filter((c) => c.kind === 'signal').reduce((acc, c) => acc.map((v, i) => v + c.counts[i]!), new Float64Array(m.nBins));

afterEach(() => {
  delete process.env[MODELS_DIR_ENV];
});

describe('binned experiments: migration-matrix response', () => {
  const trueEdges = [1, 2, 3, 4, 6, 8, 10, 13, 16, 20, 25];
  const identity = trueEdges.slice(0, -1).map((_, i) => trueEdges.slice(0, -1).map((_, j) => (i === j ? 1 : 0)));
  const withMatrix = (name: string, matrix: number[][], edges: number[]) =>
    write(name, { ...example, id: name.replace('.yaml', ''), response: { type: 'matrix', trueEdges_keVnr: trueEdges, observable: { name: 'T', label: 'recoil', unit: 'keVnr' }, edges, matrix, source: 'test' }, data: { statistic: 'poisson', counts: edges.slice(1).map(() => 1), source: 'test' }, background: undefined, signal: undefined });
  it('is linear in the matrix: merged rows = sums of the identity result; M/2 = half (1e-12 relative)', () => {
    const id = build(withMatrix('ident.yaml', identity, trueEdges));
    const merged = identity.reduce<number[][]>((rows, row, i) => {
      if (i % 2 === 0) rows.push(row.slice());
      else rows[rows.length - 1] = rows[rows.length - 1]!.map((v, j) => v + row[j]!);
      return rows;
    }, []);
    const mm = build(withMatrix('merged.yaml', merged, trueEdges.filter((_, i) => i % 2 === 0)));
    const half = build(withMatrix('half.yaml', identity.map((r) => r.map((v) => v / 2)), trueEdges));
    for (const theta of [[0], [5e-8]]) {
      const a = signalOf(id, theta);
      const b = signalOf(mm, theta);
      const h = signalOf(half, theta);
      b.forEach((v, k) => expect(Math.abs(v - (a[2 * k]! + a[2 * k + 1]!))).toBeLessThan(1e-12 * v));
      h.forEach((v, k) => expect(Math.abs(v - a[k]! / 2)).toBeLessThan(1e-12 * a[k]!));
    }
  });
  it('identity matrix = a Gaussian detector with a sharp resolution (σ0 = 0.01 keV) and efficiency 1 on the same keVnr bins (1e-3 relative per bin: edge smearing is O(σ²), SM and qee = 5e-8)', () => {
    const id = build(withMatrix('ident2.yaml', identity, trueEdges));
    const gaussian = {
      type: 'gaussian',
      unit: 'keVnr',
      threshold_keV: 1,
      sigma0_keV: 0.01,
      resolutionForm: 'sqrt-ratio',
      efficiency: 1,
      background_ckkd: 0,
      binning: { type: 'explicit', edges_keV: trueEdges },
      source: 'test: sharp resolution',
    };
    const g = build(write('gauss.yaml', { ...example, id: 'gauss', response: { type: 'detector', detector: gaussian }, data: { statistic: 'poisson', counts: identity.map(() => 1), source: 'test' }, background: undefined, signal: undefined }));
    for (const theta of [[0], [5e-8]]) {
      const a = signalOf(id, theta);
      const b = signalOf(g, theta);
      a.forEach((v, k) => expect(Math.abs(v / b[k]! - 1)).toBeLessThan(1e-3));
    }
  });
  it('the detector-block variant reproduces the signal of models/experiments/ess-ge.yaml exactly (same physics, same response)', () => {
    const essFile = parse(readFileSync(join(PACKAGE_ROOT, 'models', 'experiments', 'ess-ge.yaml'), 'utf8')) as Record<string, unknown>;
    const ess = loadExperiment('ess-ge');
    const n = ess.edges.length - 1;
    const m = build(write('ess.yaml', { kind: 'experiment', type: 'binned', id: 'ess-binned', title: 't', target: essFile.target, beam: essFile.beam, channels: essFile.channels, response: { type: 'detector', detector: essFile.detector }, data: { statistic: 'poisson', counts: new Array(n).fill(3), source: 'test' } }));
    const ref = forwardModelPrediction(ess, ['qee'], {}).signal;
    const want = new Float64Array(n);
    for (const q of [0, 3e-8]) {
      ref.evaluate([q], want);
      const got = signalOf(m, [q]);
      got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-12 * want[i]!));
    }
  });
});

describe('binned experiments: the worked example of docs/models.md', () => {
  it('is found through --models-dir and NUEM_MODELS_DIR by nuem list / validate, and by id in analyses', async () => {
    const list = await runCliInProcess(['list', 'analyses', '--models-dir', MY_MODELS, '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.out) as { analyses: Array<{ id: string }> }).analyses.map((a) => a.id)).toContain('my-ge-qee');
    delete process.env[MODELS_DIR_ENV];
    process.env[MODELS_DIR_ENV] = MY_MODELS;
    const val = await runCliInProcess(['validate', EXAMPLE]);
    expect(val.code).toBe(0);
    expect(val.out).toMatch(/type binned; nuisances signal-norm, bkg-norm/);
    const a = loadAnalysis('my-ge-qee');
    expect(a.definitions.map((d) => [d.id, d.type])).toEqual([['my-ge', 'binned']]);
    expect(a.nuisances.map((n) => [n.name, n.prior])).toEqual([
      ['signal-norm', { type: 'normal', mu: 0, sigma: 0.1 }],
      ['bkg-norm', { type: 'normal', mu: 0, sigma: 0.05 }],
    ]);
    const bad = await runCliInProcess(['list', '--models-dir', join(dir, 'nowhere')]);
    expect(bad.code).toBe(2);
  });
  it('ln L gradient in (signal-norm, bkg-norm) = central differences (1e-6 relative), Poisson and Gaussian statistic', () => {
    const pois = build(EXAMPLE);
    const gaus = build(write('gaus.yaml', { ...example, id: 'gaus', data: { statistic: 'gaussian', counts: (example.data as { counts: number[] }).counts, sigma: (example.data as { counts: number[] }).counts.map((c) => Math.sqrt(c)), source: 'test' } }));
    for (const m of [pois, gaus]) {
      const nu = [0.04, -0.03];
      const g = new Float64Array(2);
      m.logLikelihoodGradient!([2e-8], nu, g);
      nu.forEach((_, j) => {
        const h = 1e-6;
        const up = nu.slice();
        const dn = nu.slice();
        up[j]! += h;
        dn[j]! -= h;
        const fd = (m.logLikelihood([2e-8], up) - m.logLikelihood([2e-8], dn)) / (2 * h);
        expect(Math.abs(g[j]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      });
    }
  });
  it('profile over the nuisances = brute force (41² grid, Nelder–Mead polish) to 1e-6 in χ² at five values of qee', () => {
    process.env[MODELS_DIR_ENV] = MY_MODELS;
    const c = buildPosterior(loadAnalysis('my-ge-qee')).likelihood.combined;
    for (const q of [-2e-8, -5e-9, 0, 1e-8, 3e-8]) {
      const p = c.profile([q]);
      const f = (nu: readonly number[]): number => c.chi2([q], nu);
      let best = Infinity;
      let arg = [0, 0];
      for (let i = 0; i <= 40; i++) {
        for (let j = 0; j <= 40; j++) {
          const nu = [(-1 + i / 20) * 4 * 0.1, (-1 + j / 20) * 4 * 0.05];
          const v = f(nu);
          if (v < best) [best, arg] = [v, nu];
        }
      }
      const polished = nelderMead(f, arg, { initialStep: [0.01, 0.005], xTol: 1e-12, fTol: 1e-13, maxEvaluations: 20000 });
      expect(p.chi2).toBeLessThanOrEqual(best + 1e-9);
      expect(Math.abs(p.chi2 - polished.fx)).toBeLessThan(1e-6);
    }
  });
  it('bad files are one-line exit-2 errors naming the path: a matrix column above 1, counts of the wrong length, gaussian without sigma', () => {
    const matrix = (example.response as { matrix: number[][] }).matrix.map((r) => r.slice());
    matrix[1]![0] = 0.9;
    const e1 = userError(() => loadExperimentDefinition(write('b1.yaml', { ...example, response: { ...(example.response as object), matrix } })));
    expect(e1.where).toMatch(/b1\.yaml: response\.matrix$/);
    const e2 = userError(() => loadExperimentDefinition(write('b2.yaml', { ...example, data: { statistic: 'poisson', counts: [1, 2, 3], source: 'test' } })));
    expect(e2.where).toMatch(/b2\.yaml: (data\.counts|background\.counts)$/);
    const e3 = userError(() => loadExperimentDefinition(write('b3.yaml', { ...example, data: { statistic: 'gaussian', counts: new Array(10).fill(1), source: 'test' } })));
    expect(e3.where).toMatch(/b3\.yaml: data\.sigma$/);
    expect(e3.exitCode).toBe(2);
  });
});
