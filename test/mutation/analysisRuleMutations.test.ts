/**
 * Mutation suite, analysis files — invalid values and cross-field rules: negative widths, unknown or duplicate parameters, missing experiment files, too few walkers (issue 7): each broken copy of the default analysis makes both
 * `nuem validate` and `nuem run` of the built CLI exit 2 with one stderr line naming the file, the
 * path inside it and a fix, with no stack trace, and `run` writes nothing (no chains/, no
 * reports/). The unmutated copy validates (exit 0).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { cli, expectUserError, makeModelTree, writeMutation, type Mutation, type ModelTree } from './mutationHarness.js';

let tree: ModelTree;
beforeAll(() => {
  tree = makeModelTree();
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

const mutations: Mutation[] = [
  { name: 'negative nuisance width', path: ['likelihood', 'sigmaAlpha'], value: -0.127, where: 'likelihood.sigmaAlpha' },
  { name: 'unknown parameter', path: ['parameters', 0, 'name'], value: 'qxx', where: 'parameters[0].name' },
  { name: 'duplicate parameter', path: ['parameters', 1, 'name'], value: 'qee', where: 'parameters[1].name' },
  { name: 'missing experiment file', path: ['experiments', 0], value: '../experiments/none.yaml', where: 'experiments[0]' },
  { name: 'too few walkers for the parameters', path: ['sampler', 'walkers'], value: 6, where: 'sampler.walkers' },
];

describe.concurrent('mutated analysis files: validate and run exit 2 with one line; run writes nothing', () => {
  it('the unmutated copy is valid (exit 0)', async () => {
    const r = await cli(tree.root, ['validate', tree.analysisFile]);
    expect(r.status, r.stderr).toBe(0);
  });
  it.each(mutations)('$name', async (m) => {
    const file = writeMutation(dirname(tree.analysisFile), tree.analysisDoc, m);
    const [v, r] = await Promise.all([cli(tree.root, ['validate', file]), cli(tree.root, ['run', file])]);
    expectUserError(v, file, m.where);
    expectUserError(r, file, m.where);
  });
});
