#!/usr/bin/env node
/**
 * Build step (run by `npm run build` after tsc): records which nuem produced the build in
 * dist/src/buildInfo.json, i.e. nuem's version (package.json) and the git commit of the nuem
 * checkout being built (with `-dirty` when tracked files differ from it), or `unknown` when the
 * build does not run in nuem's own git checkout (e.g. from an unpacked tarball).
 *
 * src/provenance.ts reads this file at run time, so an installed nuem reports the commit it was
 * built from and never asks git about the directory it happens to be installed in (a user's
 * project would otherwise lend nuem its own commit).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function git(args) {
  return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
}

let commit = 'unknown';
try {
  // only nuem's own checkout counts: the repository's top level must be this package's root
  if (realpathSync(git(['rev-parse', '--show-toplevel'])) === realpathSync(root)) {
    const head = git(['rev-parse', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']);
    commit = dirty ? `${head}-dirty` : head;
  }
} catch {
  commit = 'unknown';
}

const out = join(root, 'dist', 'src', 'buildInfo.json');
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, `${JSON.stringify({ name: pkg.name, version: pkg.version, commit }, null, 2)}\n`);
renameSync(tmp, out);
process.stdout.write(`nuem ${pkg.version} build info: commit ${commit}\n`);
