/**
 * Mutation suite, analysis files — missing fields, wrong types and key names, non-finite numbers (issue 7): each broken copy of the default analysis makes both
 * `nuem validate` and `nuem run` of the built CLI exit 2 with one stderr line naming the file, the
 * path inside it and a fix, with no stack trace, and `run` writes nothing (no chains/, no
 * reports/). The unmutated copy validates (exit 0).
 */
import { DELETE, describeAnalysisMutations, type Mutation } from './mutationHarness.js';

const mutations: Mutation[] = [
  { name: 'missing field (likelihood)', path: ['likelihood'], value: DELETE, where: 'likelihood' },
  { name: 'wrong type (walkers as a string)', path: ['sampler', 'walkers'], value: 'many', where: 'sampler.walkers' },
  { name: 'wrong key name (sigma_alpha)', path: ['likelihood', 'sigma_alpha'], value: 0.127, where: 'likelihood' },
  { name: '"NaN" string in a prior', path: ['parameters', 0, 'prior', 'min'], value: 'NaN', where: 'parameters[0].prior' },
  { name: '"Infinity" string in a prior', path: ['parameters', 1, 'prior', 'max'], value: 'Infinity', where: 'parameters[1].prior' },
  { name: 'YAML .inf in a prior', path: ['parameters', 1, 'prior', 'max'], value: Infinity, where: 'parameters[1].prior' },
];

describeAnalysisMutations(mutations);
