/**
 * Mutation suite, run-time inputs (issue 7): an unwritable chains directory and `--resume` given
 * the chains of another analysis make the built CLI's `nuem run` exit 2 with one stderr line
 * naming the offending path and a fix, leave existing chains byte for byte unchanged and write no
 * report.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli, expectUserError, makeModelTree, type ModelTree } from './mutationHarness.js';

let tree: ModelTree;
beforeAll(() => {
  tree = makeModelTree();
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

const tinyRun = ['--walkers', '8', '--max-steps', '20', '--check-every', '10', '--profile-points', '11', '--quiet'];

describe('run-time input errors: exit 2, one line, nothing written', () => {
  it('an unwritable chains directory (a file in its place)', async () => {
    const cwd = mkdtempSync(join(tree.root, 'cwd-'));
    writeFileSync(join(cwd, 'blocked'), 'not a directory');
    const r = await cli(tree.root, ['run', tree.analysisFile, '--chains-dir', 'blocked/chains'], cwd);
    expectUserError(r, '--chains-dir blocked/chains', 'is a file, not a directory');
    expect(readdirSync(cwd)).toEqual(['blocked']);
  });

  it('--resume with the chains of another analysis', async () => {
    const cwd = mkdtempSync(join(tree.root, 'cwd-'));
    const other = join(tree.root, 'models', 'analyses', 'other.yaml');
    writeFileSync(other, stringify({ ...tree.analysisDoc, id: 'other' }));
    const first = await cli(tree.root, ['run', other, '--run', 'r1', ...tinyRun], cwd);
    expect(first.status, first.stderr).toBe(0);
    // the other analysis's chains, under the name the default analysis would resume
    cpSync(join(cwd, 'chains', 'other'), join(cwd, 'chains', 'default'), { recursive: true });
    const snapshot = (): string[] =>
      readdirSync(join(cwd, 'chains', 'default'))
        .sort()
        .map((f) => `${f}:${readFileSync(join(cwd, 'chains', 'default', f)).toString('base64')}`);
    const before = snapshot();
    const r = await cli(tree.root, ['run', tree.analysisFile, '--run', 'r1', '--resume', ...tinyRun], cwd);
    expectUserError(r, join(cwd, 'chains', 'default', 'r1.e0.h5'), 'belongs to analysis "other"');
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(cwd, 'reports', 'default'))).toBe(false);
  });
});
