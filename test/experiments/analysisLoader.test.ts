import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadAnalysis, listAnalysisIds, applyExperimentOverrides } from '../../src/experiments/loadAnalysis.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { modelHash, canonicalJson } from '../../src/experiments/modelHash.js';
import { UserError } from '../../src/cli/userError.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-analysis-'));
const write = (name: string, content: unknown): string => {
  const f = join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : stringify(content));
  return f;
};
const base = (over: Record<string, unknown> = {}) => ({
  kind: 'analysis',
  id: 'toy',
  title: 'toy',
  experiments: ['ess-ge'],
  parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-7, max: 1e-7 } }],
  likelihood: { type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.2 },
  ...over,
});

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('loadAnalysis(idOrPath)', () => {
  it('completes α and β from the likelihood widths as normal(0, σ) priors, and derives the scan from a uniform prior', () => {
    const a = loadAnalysis(write('ok.yaml', base()));
    expect(a.nuisances.map((n) => [n.name, n.target, n.sigma, n.prior])).toEqual([
      ['alpha', 'signal', 0.1, { type: 'normal', mu: 0, sigma: 0.1 }],
      ['beta', 'background', 0.2, { type: 'normal', mu: 0, sigma: 0.2 }],
    ]);
    expect(a.physics[0]!.scan).toEqual({ min: -1e-7, max: 1e-7, scale: 'linear' });
    expect(a.experiments[0]!.id).toBe('ess-ge');
  });
  it('a pinned nuisance (σ = 0) has no prior', () => {
    const a = loadAnalysis(write('pinned.yaml', base({ likelihood: { type: 'asimov-chi2', sigmaAlpha: 0, sigmaBeta: 0.2 } })));
    expect(a.nuisances[0]!.prior).toBeUndefined();
  });
  it('names the file and field of a schema error', () => {
    const f = write('bad.yaml', base({ parameters: [{ name: 'qee', role: 'physics', prior: { type: 'normal', mu: 0, sigma: -1 } }] }));
    const e = userError(() => loadAnalysis(f));
    expect(e.where).toBe(`${f}: parameters[0].prior.sigma`);
  });
  it('rejects a nuisance prior whose width differs from the likelihood width', () => {
    const f = write('width.yaml', base({ parameters: [...base().parameters, { name: 'alpha', role: 'nuisance', prior: { type: 'normal', mu: 0, sigma: 0.3 } }] }));
    expect(userError(() => loadAnalysis(f)).what).toMatch(/differs from likelihood.sigmaAlpha/);
  });
  it('rejects khan-chi2 on an experiment without data, and a bin range beyond the experiment', () => {
    expect(userError(() => loadAnalysis(write('nodata.yaml', base({ likelihood: { type: 'khan-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.1 } })))).what).toMatch(/needs observed data/);
    expect(userError(() => loadAnalysis(write('bins.yaml', base({ likelihood: { type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.1, bins: { first: 1, last: 500 } } })))).where).toMatch(
      /likelihood\.bins\.last$/,
    );
  });
  it('reports invalid YAML and a missing file as UserErrors', () => {
    expect(userError(() => loadAnalysis(write('syntax.yaml', 'kind: [analysis'))).what).toMatch(/not valid YAML/);
    expect(userError(() => loadAnalysis('no-such-analysis')).what).toMatch(/no such analysis/);
  });
  it('applies experimentOverrides (uniform bins over the same range, background days)', () => {
    const a = loadAnalysis(write('ov.yaml', base({ experimentOverrides: { uniformBins: 7, backgroundDaysPerYear: 8.34, source: 'test' } })));
    const raw = loadExperiment('ess-ge');
    const e = a.experiments[0]!;
    expect(e.edges).toHaveLength(8);
    expect(e.edges[0]).toBe(raw.edges[0]);
    expect(e.edges[7]).toBe(raw.edges[raw.edges.length - 1]);
    expect(e.exposure.type === 'years' && e.exposure.livetimeDaysPerYear).toBe(8.34);
    expect(() => applyExperimentOverrides(loadExperiment('coherent-csi-2021'), { uniformBins: 5 }, 'x')).toThrow(UserError);
  });
  it('every analysis file in models/analyses loads (36 files: Khan 2022 and ESS 2024)', () => {
    const ids = listAnalysisIds();
    expect(ids.length).toBeGreaterThanOrEqual(36);
    for (const id of ids) expect(loadAnalysis(id).id).toBe(id);
  });
});

describe('modelHash(analysis)', () => {
  it('canonicalJson sorts keys and writes typed arrays as arrays', () => {
    expect(canonicalJson({ b: 1, a: Float64Array.from([1, 2]), c: undefined })).toBe('{"a":[1,2],"b":1}');
    expect(canonicalJson({ x: Infinity })).toBe('{"x":"Infinity"}');
  });
  it('is a stable 64-hex digest that changes with a likelihood width and not with key order', () => {
    const a = loadAnalysis(write('h1.yaml', base()));
    const { likelihood, ...rest } = base();
    const b = loadAnalysis(write('h2.yaml', { likelihood, ...rest }));
    const c = loadAnalysis(write('h3.yaml', base({ likelihood: { type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.25 } })));
    expect(modelHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(modelHash(a)).toBe(modelHash(loadAnalysis(join(dir, 'h1.yaml'))));
    expect(modelHash(b)).toBe(modelHash(a));
    expect(modelHash(c)).not.toBe(modelHash(a));
  });
});
