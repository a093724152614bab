import { describe, expect, it } from 'vitest';
import * as nuem from '../../src/index.js';
import { quantileSorted as summariesQuantileSorted } from '../../src/summaries/quantiles.js';
import { quantileSorted as plotsQuantileSorted } from '../../src/plots/quantileSorted.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { computeSpectrum } from '../../src/physics/spectrum/computeSpectrum.js';
import { Hdf5Backend } from '../../src/sampler/backends/hdf5Backend.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { writeFileAtomic } from '../../src/util/atomicWrite.js';

// The public barrel (src/index.ts) must load at run time (no import cycles that leave a binding
// undefined) and resolve name clashes between areas as its comments say.
describe('public API barrel src/index.ts', () => {
  it('re-exports the finished areas by identity (same function objects as the defining modules)', () => {
    expect(nuem.loadExperiment).toBe(loadExperiment);
    expect(nuem.computeSpectrum).toBe(computeSpectrum);
    expect(nuem.Hdf5Backend).toBe(Hdf5Backend);
    expect(nuem.readChain).toBe(readChain);
    expect(nuem.writeFileAtomic).toBe(writeFileAtomic);
  });
  it('clash quantileSorted: plain name is the summaries one, plots one is plotQuantileSorted', () => {
    expect(nuem.quantileSorted).toBe(summariesQuantileSorted);
    expect(nuem.plotQuantileSorted).toBe(plotsQuantileSorted);
    // the two differ only outside [0, 1]: summaries returns NaN, plots throws
    expect(Number.isNaN(nuem.quantileSorted([1, 2], 2))).toBe(true);
    expect(() => nuem.plotQuantileSorted([1, 2], 2)).toThrow();
  });
  it('every exported value binding is defined', () => {
    const undefinedNames = Object.entries(nuem).filter(([, v]) => v === undefined).map(([k]) => k);
    expect(undefinedNames).toEqual([]);
  });
});
