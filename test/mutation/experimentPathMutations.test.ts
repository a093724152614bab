/**
 * Mutation suite, `experiments:` paths of an analysis file (issue 7 security): a relative path
 * that leaves the model tree (`../../x.yaml` from models/analyses/) is refused like an escaping
 * data path (src/experiments/modelTreePath.ts), even when it names a valid experiment file:
 * `nuem validate` and `nuem run` exit 2 with one line naming the file, `experiments[0]` and a fix,
 * and write nothing. Controls: the same experiment given by an absolute path (taken as written) and
 * a relative path inside the tree are accepted.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { cli, expectUserError, makeModelTree, writeMutation, type ModelTree } from './mutationHarness.js';

let tree: ModelTree;
let outside: string;
beforeAll(() => {
  tree = makeModelTree();
  // a VALID experiment file outside models/ (absolute dataDir), so only the confinement rule can refuse it
  const doc = structuredClone(tree.experimentDoc) as { detector: { dataDir: string } };
  doc.detector.dataDir = join(tree.root, 'models', 'data', 'coherent-csi-2021');
  outside = join(tree.root, 'outside.yaml');
  writeFileSync(outside, stringify(doc));
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

describe.concurrent('analysis experiments: paths stay inside the model tree', () => {
  it('a relative experiment path leaving models/ exits 2 with one line (validate and run), nothing written', async () => {
    const file = writeMutation(dirname(tree.analysisFile), tree.analysisDoc, { name: 'escaping experiment path', path: ['experiments', 0], value: '../../outside.yaml', where: 'experiments[0]' });
    const [v, r] = await Promise.all([cli(tree.root, ['validate', file]), cli(tree.root, ['run', file])]);
    expectUserError(v, file, 'experiments[0]');
    expectUserError(r, file, 'experiments[0]');
    expect(v.stderr).toMatch(/experiment path "\.\.\/\.\.\/outside\.yaml" leads outside the model directory .*\. Fix: /);
  });
  it('control: the same file by absolute path, and ../experiments/csi.yaml inside the tree, are valid (exit 0)', async () => {
    const abs = writeMutation(dirname(tree.analysisFile), tree.analysisDoc, { name: 'absolute experiment path', path: ['experiments', 0], value: outside, where: '' });
    const [a, inside] = await Promise.all([cli(tree.root, ['validate', abs]), cli(tree.root, ['validate', tree.analysisFile])]);
    expect(a.status, a.stderr).toBe(0);
    expect(inside.status, inside.stderr).toBe(0);
  });
});
