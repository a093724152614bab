/**
 * Mutation suite, analysis files — invalid values and cross-field rules: negative widths, unknown or duplicate parameters, missing experiment files, too few walkers (issue 7): each broken copy of the default analysis makes both
 * `nuem validate` and `nuem run` of the built CLI exit 2 with one stderr line naming the file, the
 * path inside it and a fix, with no stack trace, and `run` writes nothing (no chains/, no
 * reports/). The unmutated copy validates (exit 0).
 */
import { describeAnalysisMutations, type Mutation } from './mutationHarness.js';

const mutations: Mutation[] = [
  { name: 'negative nuisance width', path: ['likelihood', 'sigmaAlpha'], value: -0.127, where: 'likelihood.sigmaAlpha' },
  { name: 'unknown parameter', path: ['parameters', 0, 'name'], value: 'qxx', where: 'parameters[0].name' },
  { name: 'duplicate parameter', path: ['parameters', 1, 'name'], value: 'qee', where: 'parameters[1].name' },
  { name: 'missing experiment file', path: ['experiments', 0], value: '../experiments/none.yaml', where: 'experiments[0]' },
  { name: 'too few walkers for the parameters', path: ['sampler', 'walkers'], value: 6, where: 'sampler.walkers' },
];

describeAnalysisMutations(mutations);
