/**
 * Shared harness of the mutation suite (issue 7): a temporary `models/` tree with copies of a
 * valid experiment (COHERENT CsI 2021 with its release data) and of the default analysis, path
 * mutation helpers, and a runner of the BUILT CLI (`node dist/src/cli/main.js`, built by
 * `npm test`) that reports the exit code, stderr and what the command wrote in its working
 * directory. Used by the *.test.ts files in this directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT } from '../../src/provenance.js';

/** The built CLI. */
export const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
/** Marks a key to delete in {@link setPath}. */
export const DELETE = Symbol('delete');

/** A parsed model file. */
export type Doc = Record<string, unknown>;
/** One way to break a file: set (or delete) the value at `path`; `where` must appear in the error. */
export interface Mutation {
  name: string;
  path: (string | number)[];
  value: unknown;
  where: string;
}
/** Result of one CLI call. */
export interface CliResult {
  status: number | null;
  stderr: string;
  stdout: string;
  /** names created in the working directory by the call */
  written: string[];
}

/** The temporary model tree. */
export interface ModelTree {
  root: string;
  experimentDoc: Doc;
  analysisDoc: Doc;
  experimentFile: string;
  analysisFile: string;
}

/** Creates the temporary tree with the valid copies. */
export function makeModelTree(): ModelTree {
  const root = mkdtempSync(join(tmpdir(), 'nuem-mutation-'));
  mkdirSync(join(root, 'models', 'experiments'), { recursive: true });
  mkdirSync(join(root, 'models', 'analyses'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'models', 'data', 'coherent-csi-2021'), join(root, 'models', 'data', 'coherent-csi-2021'), { recursive: true });
  const experimentDoc = parse(readFileSync(join(PACKAGE_ROOT, 'models/experiments/coherent-csi-2021-timing.yaml'), 'utf8')) as Doc;
  const analysisDoc = parse(readFileSync(join(PACKAGE_ROOT, 'models/analyses/default.yaml'), 'utf8')) as Doc;
  const experimentFile = join(root, 'models', 'experiments', 'csi.yaml');
  writeFileSync(experimentFile, stringify(experimentDoc));
  analysisDoc.experiments = ['../experiments/csi.yaml'];
  const analysisFile = join(root, 'models', 'analyses', 'good.yaml');
  writeFileSync(analysisFile, stringify(analysisDoc));
  return { root, experimentDoc, analysisDoc, experimentFile, analysisFile };
}

/** A copy of `doc` with the value at `path` replaced (or deleted with {@link DELETE}). */
export function setPath(doc: Doc, path: readonly (string | number)[], value: unknown): Doc {
  const copy = structuredClone(doc);
  let o = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) delete o[last];
  else o[last] = value;
  return copy;
}

/** Writes a mutated copy into `dir` and returns its path. */
export function writeMutation(dir: string, doc: Doc, m: Mutation): string {
  const file = join(dir, `m-${m.name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
  writeFileSync(file, stringify(setPath(doc, m.path, m.value)));
  return file;
}

/** Runs the built CLI in `cwd` (default: a fresh empty directory under `root`). */
export function cli(root: string, args: string[], cwd?: string): Promise<CliResult> {
  const dir = cwd ?? mkdtempSync(join(root, 'cwd-'));
  const before = new Set(readdirSync(dir));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, written: readdirSync(dir).filter((f) => !before.has(f)) }));
  });
}

/** Exit code 2, exactly one stderr line naming `file` and `where` with a fix, no stack trace, nothing written. */
export function expectUserError(r: CliResult, file: string, where: string): void {
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  expect(r.status, r.stderr).toBe(2);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toContain(where);
  expect(lines[0]).toContain('Fix:');
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.written).toEqual([]);
}

/**
 * Declares the analysis-file mutation suite for `mutations`: in a fresh model tree, the unmutated
 * default analysis validates (exit 0), and every mutated copy makes both `nuem validate` and
 * `nuem run` exit 2 with one line naming the file and `where` (see {@link expectUserError}).
 * Split across test files only so that vitest runs the lists in parallel.
 *
 * @param mutations - the mutations to apply, one test each
 */
export function describeAnalysisMutations(mutations: readonly Mutation[]): void {
  let tree: ModelTree;
  beforeAll(() => {
    tree = makeModelTree();
  });
  afterAll(() => rmSync(tree.root, { recursive: true, force: true }));
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
}
