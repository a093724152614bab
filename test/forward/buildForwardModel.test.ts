/**
 * Exactness of the fast forward model against the reference path (issue 3 acceptance test), COHERENT CsI 2021:
 * at 200 seeded random points per parameter set, including values beyond the charge at which
 * the weak charge changes sign, fast and reference agree per bin to 1e-9 relative or 1e-12
 * absolute, for the total and for every flavour and channel part.
 *
 * Both paths use the default reference grids (gridScale 1).
 */
import { describe, expect, it } from 'vitest';
import { buildForwardModel } from '../../src/forward/buildForwardModel.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { EM_PARAMETERS, type EmParameterName } from '../../src/physics/parameters.js';
import { exactnessCases } from './exactness.js';

const ALL = EM_PARAMETERS.map((p) => p.name);
const GRID = 1;

const SEED = 100;
const CASES: { id: string; names: EmParameterName[] }[] = [
  { id: 'coherent-csi-2021', names: ['qee', 'qmumu'] },
  { id: 'coherent-csi-2021', names: ['mue', 'mumu', 'r2e', 'r2mu', 'ae', 'amu', 's2w'] },
  { id: 'coherent-csi-2021', names: ALL },
];

describe('buildForwardModel(exp, freeParams) reproduces computeSpectrum exactly (issue 3)', () => {
  exactnessCases(CASES, SEED, GRID);

  it('parameters without ν_τ flux (qtautau, mutau, r2tau, atau) get exactly zero coefficients', () => {
    const exp = loadExperiment('coherent-csi-2021');
    const fm = buildForwardModel(exp, ['qtautau', 'qee'], {}, { gridScale: GRID });
    // terms: 1, qtautau, qee, qtautau², qee², qtautau*qee
    for (let b = 0; b < fm.nBins; b++) for (const t of [1, 3, 5]) expect(fm.totalCoefficients[b * fm.nTerms + t]).toBe(0);
  });
});
