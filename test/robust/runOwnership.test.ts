/**
 * Runs own their outputs (issue 16): two `nuem run` processes with the same run id started at the
 * same moment — exactly one runs, the other exits 2 with one line and writes nothing of its own;
 * the same id run again is refused without --resume/--force; a lock left by a process that no
 * longer exists is taken over, a lock of a live process is respected; a failed run leaves no
 * empty directories. Uses the built CLI (test/mutation/mutationHarness.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli, expectUserError, makeModelTree, type ModelTree } from '../mutation/mutationHarness.js';

let tree: ModelTree;
let light: string;
beforeAll(() => {
  tree = makeModelTree();
  // the default analysis with a coarse 2-D profile, so each run takes a few seconds
  light = join(tree.root, 'models', 'analyses', 'light.yaml');
  writeFileSync(light, stringify({ ...tree.analysisDoc, profile: { points: 11, nx: 7, ny: 7, refine: 0 } }));
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

const tiny = ['--walkers', '8', '--max-steps', '24', '--check-every', '8', '--profile-points', '11', '--ensembles', '2', '--threads', '0', '--quiet'];
const oneLine = (s: string): string[] => s.split('\n').filter((l) => l.length > 0);

describe('runs own their outputs', () => {
  it('two runs with the same id at the same time: one runs (exit 0), the other exits 2 with one line', async () => {
    const cwd = mkdtempSync(join(tree.root, 'cwd-'));
    const [a, b] = await Promise.all([cli(tree.root, ['run', light, '--run', 'same', ...tiny], cwd), cli(tree.root, ['run', light, '--run', 'same', ...tiny], cwd)]);
    const codes = [a.status, b.status].sort();
    expect(codes, `${a.stderr}\n${b.stderr}`).toEqual([0, 2]);
    const loser = a.status === 2 ? a : b;
    const lines = oneLine(loser.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nuem: --run same: .*(is in use by process|is being started|already exists).*\. Fix: /);
    // the winner's chains are whole: one chain + sidecar per ensemble, the lock is gone
    const files = readdirSync(join(cwd, 'chains', 'default')).sort();
    expect(files).toEqual(['same.decisions.json', 'same.e0.h5', 'same.e0.h5.json', 'same.e1.h5', 'same.e1.h5.json']);

    // the same id again is refused without --resume or --force; --force replaces it
    const again = await cli(tree.root, ['run', light, '--run', 'same', ...tiny], cwd);
    expectUserError(again, '--run same', 'already exists');
    const both = await cli(tree.root, ['run', light, '--run', 'same', '--force', '--resume', ...tiny], cwd);
    expectUserError(both, '--force', 'cannot be combined');
    const forced = await cli(tree.root, ['run', light, '--run', 'same', '--force', ...tiny], cwd);
    expect(forced.status, forced.stderr).toBe(0);
  }, 180_000);

  it('a stale lock (dead pid on this host) is taken over; a live holder is respected', async () => {
    const cwd = mkdtempSync(join(tree.root, 'cwd-'));
    const dir = join(cwd, 'chains', 'default');
    mkdirSync(dir, { recursive: true });
    // a pid far above any pid_max (2^22) cannot be alive
    writeFileSync(join(dir, '.stale.lock'), JSON.stringify({ pid: 2 ** 30, host: hostname(), since: '2020-01-01T00:00:00Z', what: 'run default/stale' }));
    const r = await cli(tree.root, ['run', light, '--run', 'stale', ...tiny], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, '.stale.lock'))).toBe(false);
    // this test process is alive: its lock is respected
    writeFileSync(join(dir, '.held.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2020-01-01T00:00:00Z', what: 'run default/held' }));
    const h = await cli(tree.root, ['run', light, '--run', 'held', ...tiny], cwd);
    expectUserError(h, '--run held', `in use by process ${process.pid}`);
    expect(readdirSync(dir).filter((f) => f.startsWith('held.'))).toEqual([]);
  }, 180_000);

  it('a run refused after validation (resume of a missing run) leaves no directories behind', async () => {
    const cwd = mkdtempSync(join(tree.root, 'cwd-'));
    const r = await cli(tree.root, ['run', light, '--run', 'nothing', '--resume', ...tiny], cwd);
    expectUserError(r, 'nothing.e0.h5', 'there is no chain to resume');
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);
});
