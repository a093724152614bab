/**
 * The emcee-style library front end (src/sampler/EnsembleSampler.ts) gives emcee 3.1.4's chain
 * bit for bit (golden fixture test/fixtures/emcee/emcee_golden.json, stretch and DE runs), continues a run exactly (2 × 100 steps = 200 steps), and slices like emcee's
 * get_chain(discard, thin, flat).
 */
import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { EnsembleSampler } from '../../src/sampler/EnsembleSampler.js';
import { f64, golden } from './goldenFixture.js';

const P = golden.precision;
const D = golden.ndim;
const W = golden.nwalkers;
const T = golden.nsteps;

// same operation order as the fixture's log-probability, so log-probs compare exactly
const logProb = (x: Float64Array): number => {
  let s = 0.0;
  for (let i = 0; i < D; i++) {
    let t = 0.0;
    for (let j = 0; j < D; j++) t += P[i]![j]! * x[j]!;
    s += x[i]! * t;
  }
  return -0.5 * s;
};

function p0For(seed: number): number[][] {
  const init = new NumpyRandomState(seed);
  return Array.from({ length: W }, () => Array.from({ length: D }, () => 1e-1 * init.standardNormal()));
}

describe('EnsembleSampler (emcee-style front end)', () => {
  it('stretch, seed 42: chain, log-probs and acceptance equal emcee 3.1.4 bit for bit', async () => {
    const run = golden.runs.stretch!;
    const s = new EnsembleSampler(W, D, logProb, { seed: run.seed });
    await s.runMcmc(p0For(run.seed), T);
    expect(s.getChain({ flat: true }).flat()).toEqual(Array.from(f64(run.chain)));
    expect(s.getLogProb({ flat: true })).toEqual(Array.from(f64(run.logProb)));
    expect(s.acceptanceFraction).toEqual(run.accepted.map((a) => a / T));
  });

  it('moves given as a spec string (de, seed 42) also match emcee', async () => {
    const run = golden.runs.de!;
    const s = new EnsembleSampler(W, D, logProb, { seed: run.seed, moves: 'de' });
    await s.runMcmc(p0For(run.seed), T);
    expect(s.getChain({ flat: true }).flat()).toEqual(Array.from(f64(run.chain)));
  });

  it('two runMcmc calls of 100 steps give the 200-step chain exactly; slicing as emcee get_chain', async () => {
    const run = golden.runs.stretch!;
    const s = new EnsembleSampler(W, D, logProb, { seed: run.seed });
    await s.runMcmc(p0For(run.seed), T / 2);
    await s.runMcmc(null, T / 2);
    expect(s.iteration).toBe(T);
    const full = f64(run.chain);
    expect(s.getChain({ flat: true }).flat()).toEqual(Array.from(full));
    // emcee: get_chain(discard=10, thin=7) keeps steps 16, 23, …; shape (steps, walkers, ndim)
    const sliced = s.getChain({ discard: 10, thin: 7 });
    const steps = Array.from({ length: Math.floor((T - 10) / 7) }, (_, k) => 10 + 7 * (k + 1) - 1);
    expect(sliced.length).toBe(steps.length);
    expect(sliced[0]![3]![1]).toBe(full[(steps[0]! * W + 3) * D + 1]);
    expect(sliced.at(-1)![W - 1]![D - 1]).toBe(full[(steps.at(-1)! * W + W - 1) * D + D - 1]);
    expect(s.getLogProb({ discard: 10, thin: 7 }).length).toBe(steps.length);
    await expect(s.runMcmc(p0For(1), 1)).rejects.toThrow(/already holds a chain/);
  });

  it('a vectorized log-probability and a wrong initial shape', async () => {
    const s = new EnsembleSampler(4, 2, (c: Float64Array, n: number, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = -0.5 * (c[2 * i]! ** 2 + c[2 * i + 1]! ** 2);
    }, { vectorized: true, seed: 1 });
    await expect(s.runMcmc([[0, 0], [1, 1]], 10)).rejects.toThrow(/expected nwalkers = 4/);
    await s.runMcmc([[0.1, 0.2], [-0.3, 0.1], [0.2, -0.4], [0.05, 0.3]], 50);
    expect(s.getChain().length).toBe(50);
    expect(s.getLastSample().coords).toEqual(s.getChain().at(-1));
  });
});
