/**
 * Mutation suite, analysis files — missing fields, wrong types and key names, non-finite numbers (issue 7): each broken copy of the default analysis makes both
 * `nuem validate` and `nuem run` of the built CLI exit 2 with one stderr line naming the file, the
 * path inside it and a fix, with no stack trace, and `run` writes nothing (no chains/, no
 * reports/). The unmutated copy validates (exit 0).
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
  { name: 'missing field (likelihood)', path: ['likelihood'], value: DELETE, where: 'likelihood' },
  { name: 'wrong type (walkers as a string)', path: ['sampler', 'walkers'], value: 'many', where: 'sampler.walkers' },
  { name: 'wrong key name (sigma_alpha)', path: ['likelihood', 'sigma_alpha'], value: 0.127, where: 'likelihood' },
  { name: '"NaN" string in a prior', path: ['parameters', 0, 'prior', 'min'], value: 'NaN', where: 'parameters[0].prior' },
  { name: '"Infinity" string in a prior', path: ['parameters', 1, 'prior', 'max'], value: 'Infinity', where: 'parameters[1].prior' },
  { name: 'YAML .inf in a prior', path: ['parameters', 1, 'prior', 'max'], value: Infinity, where: 'parameters[1].prior' },
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
