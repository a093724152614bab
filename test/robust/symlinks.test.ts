/**
 * Model-tree confinement by real path (issue 16): a data file or data directory that is a
 * symbolic link leading outside the model tree is refused with one line (exit 2) that does not
 * print the target's content; a link that stays inside the tree is followed. Model files and data
 * tables must be regular files (a FIFO or /dev/zero is refused at once instead of hanging).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli, expectUserError, makeModelTree, setPath, type ModelTree } from '../mutation/mutationHarness.js';

let tree: ModelTree;
let outside: string;
const dataDir = (): string => join(tree.root, 'models', 'data', 'coherent-csi-2021');
beforeAll(() => {
  tree = makeModelTree();
  outside = mkdtempSync(join(tmpdir(), 'nuem-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-LINE 1 2 3\n');
});
afterAll(() => {
  rmSync(tree.root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('symbolic links are resolved before the model-tree check', () => {
  it('a data file that links to a file outside the tree is refused, its content not printed', async () => {
    const d = dataDir();
    renameSync(join(d, 'effCoefficients.txt'), join(d, 'effCoefficients.real'));
    symlinkSync(join(outside, 'secret.txt'), join(d, 'effCoefficients.txt'));
    try {
      for (const args of [['validate', tree.experimentFile], ['spectrum', tree.experimentFile], ['validate', tree.analysisFile]]) {
        const r = await cli(tree.root, args);
        expectUserError(r, 'effCoefficients.txt', 'symbolic link');
        expect(r.stderr).not.toContain('TOP-SECRET');
      }
    } finally {
      rmSync(join(d, 'effCoefficients.txt'));
      renameSync(join(d, 'effCoefficients.real'), join(d, 'effCoefficients.txt'));
    }
    try {
      const passwd = join(d, 'passwd.txt');
      symlinkSync('/etc/passwd', passwd);
      const doc = setPath(tree.experimentDoc, ['detector', 'events', 'coincident'], 'passwd.txt');
      const f = join(tree.root, 'models', 'experiments', 'passwd.yaml');
      writeFileSync(f, stringify(doc));
      const r = await cli(tree.root, ['validate', f]);
      expectUserError(r, 'passwd.txt', 'symbolic link');
      expect(r.stderr).not.toMatch(/root:/);
    } finally {
      rmSync(join(d, 'passwd.txt'), { force: true });
    }
  });

  it('a dataDir that is a link to a directory outside the tree is refused; a link inside the tree is followed', async () => {
    const copy = join(outside, 'release');
    cpSync(dataDir(), copy, { recursive: true });
    const linkOut = join(tree.root, 'models', 'data', 'linked-out');
    symlinkSync(copy, linkOut);
    const fOut = join(tree.root, 'models', 'experiments', 'linked-out.yaml');
    writeFileSync(fOut, stringify(setPath(tree.experimentDoc, ['detector', 'dataDir'], '../data/linked-out')));
    expectUserError(await cli(tree.root, ['validate', fOut]), 'detector.dataDir', 'symbolic link');

    const linkIn = join(tree.root, 'models', 'data', 'linked-in');
    symlinkSync(dataDir(), linkIn);
    const fIn = join(tree.root, 'models', 'experiments', 'linked-in.yaml');
    writeFileSync(fIn, stringify(setPath(tree.experimentDoc, ['detector', 'dataDir'], '../data/linked-in')));
    const ok = await cli(tree.root, ['validate', fIn]);
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('a FIFO or a device as model file or data table is refused at once (no hang)', async () => {
    const fifo = join(tree.root, 'models', 'experiments', 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expectUserError(await cli(tree.root, ['validate', fifo]), 'fifo.yaml', 'not a regular file');
    expectUserError(await cli(tree.root, ['spectrum', fifo]), 'fifo.yaml', 'not a regular file');
    expectUserError(await cli(tree.root, ['validate', '/dev/zero']), '/dev/zero', 'not a regular file');
    const d = join(tree.root, 'models', 'data', 'fifo-data');
    mkdirSync(d);
    cpSync(dataDir(), d, { recursive: true });
    rmSync(join(d, 'effCoefficients.txt'));
    execFileSync('mkfifo', [join(d, 'effCoefficients.txt')]);
    const f = join(tree.root, 'models', 'experiments', 'fifo-data.yaml');
    writeFileSync(f, stringify(setPath(tree.experimentDoc, ['detector', 'dataDir'], '../data/fifo-data')));
    expectUserError(await cli(tree.root, ['validate', f]), 'efficiency.file', 'not a regular file');
  });
});
