import { describe, it, expect } from 'vitest';
import { analysisSchema } from '../../src/experiments/analysisSchema.js';

const minimal = () => ({
  kind: 'analysis',
  id: 'toy-qee',
  title: 'toy',
  experiments: ['ess-ge'],
  parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -1e-7, max: 1e-7 } }],
  likelihood: { type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.1 },
});

const firstIssue = (x: unknown): { path: PropertyKey[]; message: string } => {
  const r = analysisSchema.safeParse(x);
  expect(r.success).toBe(false);
  return r.success ? { path: [], message: '' } : { path: r.error.issues[0]!.path, message: r.error.issues[0]!.message };
};

describe('analysisSchema', () => {
  it('accepts a minimal analysis and fills the profile defaults (121 points, 41×41, refine 3, cl 0.9)', () => {
    const a = analysisSchema.parse(minimal());
    expect(a.profile).toEqual({ points: 121, nx: 41, ny: 41, refine: 3, cl: 0.9, warmStart: false });
    expect(a.fixed).toEqual({});
    expect(a.published).toEqual([]);
  });
  it('rejects an unknown physics parameter, naming parameters[0].name', () => {
    const x = minimal();
    x.parameters[0]!.name = 'qxx';
    expect(firstIssue(x)).toMatchObject({ path: ['parameters', 0, 'name'] });
  });
  it('rejects a physics parameter without a prior', () => {
    const x = minimal() as { parameters: Array<Record<string, unknown>> };
    delete x.parameters[0]!.prior;
    expect(firstIssue(x).message).toMatch(/needs a prior/);
  });
  it('rejects a negative nuisance width at likelihood.sigmaAlpha', () => {
    const x = minimal();
    x.likelihood.sigmaAlpha = -0.1;
    expect(firstIssue(x).path).toEqual(['likelihood', 'sigmaAlpha']);
  });
  it('rejects a bin range with last < first', () => {
    const x = { ...minimal(), likelihood: { type: 'khan-chi2', sigmaAlpha: 0.127, sigmaBeta: 0.6, bins: { first: 5, last: 2 } } };
    expect(firstIssue(x).path).toEqual(['likelihood', 'bins', 'last']);
  });
  it('rejects a published interval for a parameter that is not free', () => {
    const x = { ...minimal(), published: [{ parameter: 'qmumu', interval: [-1, 1], source: 'x', tolerance: { lower: 0.3, upper: 0.3 } }] };
    expect(firstIssue(x).path).toEqual(['published', 0, 'parameter']);
  });
  it('rejects a parameter that is both free and fixed, and unknown fixed names', () => {
    expect(firstIssue({ ...minimal(), fixed: { qee: 0 } }).message).toMatch(/both free and fixed/);
    expect(firstIssue({ ...minimal(), fixed: { foo: 1 } }).path).toEqual(['fixed', 'foo']);
  });
  it('rejects a nuisance whose name cannot be an experiment nuisance (whether it exists is checked by the loader)', () => {
    const x = minimal();
    (x.parameters as unknown[]).push({ name: 'Gamma 2', role: 'nuisance' });
    expect(firstIssue(x).message).toMatch(/nuisance name of an experiment/);
  });
  it('rejects the same experiment listed twice (experiments[1])', () => {
    const x = { ...minimal(), experiments: ['ess-ge', 'ess-ge'] };
    expect(firstIssue(x).path).toEqual(['experiments', 1]);
    expect(firstIssue(x).message).toMatch(/listed twice/);
  });
  it('requires exactly one of sampler.steps and sampler.untilConverged', () => {
    expect(firstIssue({ ...minimal(), sampler: { walkers: 8, seed: 1 } }).message).toMatch(/exactly one/);
    expect(analysisSchema.safeParse({ ...minimal(), sampler: { walkers: 8, seed: 1, steps: 10 } }).success).toBe(true);
  });
  it('rejects unknown keys (strict objects)', () => {
    expect(firstIssue({ ...minimal(), likelihod: {} }).message).toMatch(/nrecognized/);
  });
});
