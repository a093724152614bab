/**
 * Seeded fuzzing of the built CLI (issue 16; generator and promises in ./fuzzHarness.ts):
 * structure-aware mutations of an experiment file (validate + spectrum) and of an analysis file
 * (validate + run), random command lines, and damaged chain files (report + sample --resume).
 * Every call must keep the promises of {@link checkPromises} (exit 0 or 2; exit 2 = one line with
 * `Fix:` and nothing written; no NaN printed with exit 0; no hang), and `validate` must agree
 * with the verbs: a file it refuses is refused by them, a file it accepts is not refused by them
 * for a reason in the file.
 *
 * `npm test` runs a small sample (a few dozen calls); `NUEM_FUZZ_LONG=1 npx vitest run
 * test/robust/fuzz.test.ts` runs ~1000 (about 20–40 min on 2 cores); `NUEM_FUZZ_SEED=<n>` changes
 * the seed (a failure names its seed and case index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { makeModelTree, type ModelTree } from '../mutation/mutationHarness.js';
import { checkPromises, freshCwd, mulberry32, mutateDoc, randomArgs, randomDamage, runBox } from './fuzzHarness.js';

const LONG = process.env.NUEM_FUZZ_LONG === '1';
const SEED = Number(process.env.NUEM_FUZZ_SEED ?? 16_2026);
const COUNT = LONG ? { experiment: 250, analysis: 150, args: 450, chains: 150 } : { experiment: 3, analysis: 2, args: 8, chains: 3 };
const BOX_MS = 90_000;
const tinyRun = ['--quiet', '--walkers', '8', '--max-steps', '16', '--check-every', '8', '--profile-points', '11', '--threads', '0'];

let tree: ModelTree;
let chain: string;
let odd: string[];
beforeAll(async () => {
  tree = makeModelTree();
  const dir = join(tree.root, 'base');
  mkdirSync(dir);
  chain = join(dir, 'base.h5');
  const r = await runBox(['sample', '--out', chain, '--steps', '64', '--walkers', '8', '--seed', '1', '--no-progress'], dir, BOX_MS);
  expect(r.status, r.stderr).toBe(0);
  const fifo = join(tree.root, 'fifo.yaml');
  execFileSync('mkfifo', [fifo]);
  odd = [fifo, '/dev/zero', join(tree.root, 'missing.yaml'), tree.root];
}, 120_000);
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

const fmt = (broken: string[], what: string): string => `${what}\n  - ${broken.join('\n  - ')}`;

describe.concurrent(`fuzz (seed ${SEED}, ${LONG ? 'long run' : 'fast sample; NUEM_FUZZ_LONG=1 for ~1000 cases'})`, () => {
  it.each(Array.from({ length: COUNT.experiment }, (_, i) => i))('experiment-file mutation #%i: validate and spectrum keep the promises and agree', async (i) => {
    const rng = mulberry32(SEED * 1000 + i);
    const m = mutateDoc(tree.experimentDoc, rng);
    const file = join(tree.root, 'models', 'experiments', `fz-e${i}.yaml`);
    writeFileSync(file, stringify(m.doc));
    const [v, s] = await Promise.all([runBox(['validate', file], freshCwd(tree.root), BOX_MS), runBox(['spectrum', file], freshCwd(tree.root), BOX_MS)]);
    const broken = [...checkPromises(v).map((b) => `validate: ${b}`), ...checkPromises(s).map((b) => `spectrum: ${b}`)];
    if (v.status === 2 && s.status !== 2) broken.push(`validate refused (${v.stderr.trim()}) but spectrum exited ${s.status}`);
    if (v.status === 0 && s.status === 2) broken.push(`validate accepted but spectrum refused: ${s.stderr.trim()}`);
    expect(broken, fmt(broken, `seed ${SEED} case ${i}: ${m.what}`)).toEqual([]);
  });

  it.each(Array.from({ length: COUNT.analysis }, (_, i) => i))('analysis-file mutation #%i: validate and run keep the promises and agree', async (i) => {
    const rng = mulberry32(SEED * 2000 + i);
    const m = mutateDoc(tree.analysisDoc, rng);
    const file = join(tree.root, 'models', 'analyses', `fz-a${i}.yaml`);
    writeFileSync(file, stringify(m.doc));
    const v = await runBox(['validate', file], freshCwd(tree.root), BOX_MS);
    const r = await runBox(['run', file, ...tinyRun], freshCwd(tree.root), BOX_MS);
    const broken = [...checkPromises(v).map((b) => `validate: ${b}`), ...checkPromises(r).map((b) => `run: ${b}`)];
    if (v.status === 2 && r.status !== 2) broken.push(`validate refused (${v.stderr.trim()}) but run exited ${r.status}`);
    // a file validate accepts may only be refused by run for a command-line reason (--walkers …)
    if (v.status === 0 && r.status === 2 && !/^nuem: --/.test(r.stderr)) broken.push(`validate accepted but run refused the file: ${r.stderr.trim()}`);
    expect(broken, fmt(broken, `seed ${SEED} case ${i}: ${m.what}`)).toEqual([]);
  });

  it.each(Array.from({ length: COUNT.args }, (_, i) => i))('command line #%i keeps the promises', async (i) => {
    const rng = mulberry32(SEED * 3000 + i);
    const args = randomArgs(rng, { analysis: tree.analysisFile, experiment: tree.experimentFile, chain, dir: tree.root, odd });
    const r = await runBox(args, freshCwd(tree.root), BOX_MS);
    const broken = checkPromises(r);
    expect(broken, fmt(broken, `seed ${SEED} case ${i}: nuem ${args.map((a) => JSON.stringify(a)).join(' ')}`)).toEqual([]);
  });

  it.each(Array.from({ length: COUNT.chains }, (_, i) => i))('damaged chain #%i: report and sample --resume keep the promises', async (i) => {
    const rng = mulberry32(SEED * 4000 + i);
    const d = randomDamage(rng);
    const cwd = freshCwd(tree.root);
    const work = join(tree.root, `dmg-${i}`);
    mkdirSync(work);
    const c = join(work, 'c.h5');
    const h5 = d.h5(readFileSync(chain));
    if (h5) writeFileSync(c, h5);
    const side = d.side(readFileSync(`${chain}.json`, 'utf8'));
    if (side !== null) writeFileSync(`${c}.json`, side);
    const rep = await runBox(['report', c, '--no-profile', '--out', 'rep'], cwd, BOX_MS);
    const res = await runBox(['sample', '--out', c, '--resume', '--steps', '96', '--walkers', '8', '--seed', '1', '--no-progress'], freshCwd(tree.root), BOX_MS);
    const broken = [...checkPromises(rep).map((b) => `report: ${b}`), ...checkPromises(res).map((b) => `sample --resume: ${b}`)];
    if (rep.status === 0 && !existsSync(join(cwd, 'rep'))) broken.push('report exited 0 but wrote no report');
    expect(broken, fmt(broken, `seed ${SEED} case ${i}: ${d.what}`)).toEqual([]);
  });
});

describe('damage the harness must always catch', () => {
  it('a bit flip in a stored chain value is detected by its checksum: report and resume exit 2 with one line', async () => {
    const work = freshCwd(tree.root);
    const c = join(work, 'c.h5');
    copyFileSync(chain, c);
    copyFileSync(`${chain}.json`, `${c}.json`);
    // the last stored position of walker 0 is in the sidecar; find its bytes in the file and flip one bit
    const side = JSON.parse(readFileSync(`${c}.json`, 'utf8')) as { resume: { coords: number[] } };
    const needle = Buffer.alloc(8);
    needle.writeDoubleLE(side.resume.coords[0]!);
    const bytes = readFileSync(c);
    const at = bytes.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    bytes[at + 2] = bytes[at + 2]! ^ 0x04;
    writeFileSync(c, bytes);
    for (const args of [
      ['report', c, '--no-profile', '--out', 'rep'],
      ['sample', '--out', c, '--resume', '--steps', '96', '--walkers', '8', '--seed', '1', '--no-progress'],
    ]) {
      const r = await runBox(args, freshCwd(tree.root), BOX_MS);
      expect(checkPromises(r), r.stderr).toEqual([]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/checksum|differs from the state/);
    }
  }, 60_000);
});
