/**
 * Mutation suite, experiment files (issue 7): each broken copy of the COHERENT CsI 2021 model file
 * makes the built CLI's `nuem validate` exit 2 with one stderr line naming the file, the path
 * inside it and a fix, with no stack trace and nothing written. The unmutated copy validates
 * (exit 0), so a failure can only come from the mutation.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { cli, DELETE, expectUserError, makeModelTree, writeMutation, type Mutation, type ModelTree } from './mutationHarness.js';

let tree: ModelTree;
beforeAll(() => {
  tree = makeModelTree();
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

const mutations: Mutation[] = [
  { name: 'missing field (target.mass_kg)', path: ['target', 'mass_kg'], value: DELETE, where: 'target' },
  { name: 'wrong type (baseline_m as a word)', path: ['beam', 'baseline_m'], value: 'far', where: 'beam.baseline_m' },
  { name: 'wrong unit key name (mass_g instead of mass_kg)', path: ['target', 'mass_g'], value: 14570, where: 'target' },
  { name: 'negative mass', path: ['target', 'mass_kg'], value: -14.57, where: 'target.mass_kg' },
  { name: 'unsorted edges', path: ['detector', 'edges_PE'], value: [0, 8, 16, 12, 20, 24, 32, 40, 50, 60], where: 'detector.edges_PE' },
  { name: '"NaN" string', path: ['beam', 'nuPerFlavorPerProton'], value: 'NaN', where: 'beam.nuPerFlavorPerProton' },
  { name: '"Infinity" string', path: ['beam', 'baseline_m'], value: 'Infinity', where: 'beam.baseline_m' },
  { name: 'YAML .nan', path: ['beam', 'baseline_m'], value: NaN, where: 'beam.baseline_m' },
  { name: 'YAML .inf', path: ['target', 'mass_kg'], value: Infinity, where: 'target.mass_kg' },
  { name: 'missing data file', path: ['detector', 'events', 'coincident'], value: 'no-such-file.txt', where: 'detector.events.coincident' },
  { name: 'data directory escaping the model tree with ../', path: ['detector', 'dataDir'], value: '../../../..', where: 'detector.dataDir' },
  { name: 'data file name escaping dataDir with ../', path: ['detector', 'efficiency', 'file'], value: '../../experiments/csi.yaml', where: 'detector.efficiency.file' },
];

describe.concurrent('mutated experiment files: nuem validate exits 2 with one line naming file, path and fix', () => {
  it('the unmutated copy is valid (exit 0)', async () => {
    const r = await cli(tree.root, ['validate', tree.experimentFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK /);
  });
  it.each(mutations)('$name', async (m) => {
    const file = writeMutation(dirname(tree.experimentFile), tree.experimentDoc, m);
    expectUserError(await cli(tree.root, ['validate', file]), file, m.where);
  });
});
