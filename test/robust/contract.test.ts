/**
 * The bad-input contract of issue 16, checked in this process (test/helpers/runCliInProcess.ts):
 * commander's own errors in the one-line `nuem: … Fix: …` form; escape sequences stripped from
 * error lines and refused in model files; the examples of the "validate says OK, then run
 * crashes" class refused by `nuem validate` itself; resume fingerprints (a foreign chain next to
 * a sidecar, other moves, a file extended by another program, a last row that is not the
 * sidecar's state); `nuem report` on a directory, on non-finite values and on a 25-step chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { stringify } from 'yaml';
import { runCliInProcess, type InProcessCliResult } from '../helpers/runCliInProcess.js';
import { makeModelTree, setPath, type ModelTree } from '../mutation/mutationHarness.js';
import { sanitizeForTerminal, UserError, oneLineUserMessage } from '../../src/cli/userError.js';

let tree: ModelTree;
let dir: string;
beforeAll(() => {
  tree = makeModelTree();
  dir = mkdtempSync(join(tree.root, 'contract-'));
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

/** exit 2, one stderr line of the house format that contains every `parts`, nothing on stdout */
function expectOneLine(r: InProcessCliResult, ...parts: string[]): void {
  const lines = r.err.split('\n').filter((l) => l.length > 0);
  expect(r.code, r.err).toBe(2);
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(/^nuem: .+: .+\. Fix: .+$/);
  for (const p of parts) expect(lines[0]).toContain(p);
  expect(r.out).toBe('');
}

describe('one error format, commander included', () => {
  it.each([
    [['run', '--bogus'], '--bogus'],
    [['xsec', '--target'], '--target'],
    [['run'], 'analysis'],
    [['bogus'], 'bogus'],
    [['list', 'a', 'b', 'c'], 'list'],
  ])('nuem %j → exit 2, one line naming %s', async (args, where) => {
    expectOneLine(await runCliInProcess(args), where);
  });
});

describe('terminal output is sanitised', () => {
  it('escape sequences and control characters are stripped, printable text kept', () => {
    expect(sanitizeForTerminal('ok \u001b[31mred\u001b[0m \u001b]0;title\u0007χ²\u009b2J\u202e!')).toBe('ok red χ²!');
    const e = new UserError('file\u001b[2J.yaml', 'bad\nvalue\u0007', 'fix it');
    expect(oneLineUserMessage(e)).toBe('file.yaml: bad value. Fix: fix it');
  });
  it('a title with an escape sequence is refused by validate with one clean line', async () => {
    const f = join(dir, 'esc.yaml');
    writeFileSync(f, stringify({ ...tree.analysisDoc, title: 'x\u001b]0;pwned\u0007\u001b[2J' }));
    const r = await runCliInProcess(['validate', f]);
    expectOneLine(r, 'title', 'control character');
    expect(r.err.includes('\u001b') || r.err.includes('\u0007')).toBe(false);
  });
});

describe('validate refuses what run and profile would crash on', () => {
  const cases: Array<[string, (string | number)[], unknown, string]> = [
    ['unknown move', ['sampler', 'moves'], [{ type: 'bogus' }], 'sampler.moves'],
    ['empty move list', ['sampler', 'moves'], [], 'sampler.moves'],
    ['negative stretch scale', ['sampler', 'moves'], [{ type: 'stretch', a: -1 }], 'sampler.moves'],
    ['a walk move larger than the complement', ['sampler', 'moves'], [{ type: 'walk', s: 40 }], 'sampler.moves'],
    ['a seed beyond 32 bits', ['sampler', 'seed'], 4294967296, 'sampler.seed'],
    ['fewer than 8 steps', ['sampler', 'untilConverged', 'maxSteps'], 5, 'maxSteps'],
    ['a huge walker count', ['sampler', 'walkers'], 200000000, 'sampler.walkers'],
    ['profile.cl 1e-12', ['profile', 'cl'], 1e-12, 'profile.cl'],
    ['profile.nx 100000', ['profile', 'nx'], 100000, 'profile.nx'],
    ['fixed s2w = 5 (as --set s2w=5)', ['fixed'], { s2w: 5 }, 'fixed.s2w'],
    ['Poisson on C − AC counts', ['likelihood', 'type'], 'poisson', 'likelihood.type'],
    ['an id of 300 characters', ['id'], 'a'.repeat(300), 'id'],
    ['an overflowing uniform prior', ['parameters', 0, 'prior'], { type: 'uniform', min: -1e308, max: 1e308 }, 'parameters[0].prior'],
  ];
  it.each(cases)('%s', async (_name, path, value, where) => {
    const f = join(tree.root, 'models', 'analyses', `v-${where.replace(/[^a-z0-9]+/gi, '-')}-${String(value).length}.yaml`);
    writeFileSync(f, stringify(setPath(tree.analysisDoc, path, value)));
    expectOneLine(await runCliInProcess(['validate', f]), f, where);
  });

  it('the largest 32-bit seed with two ensembles is valid (streams are spawned, not seed + k) and samples', async () => {
    const f = join(tree.root, 'models', 'analyses', 'v-maxseed.yaml');
    writeFileSync(f, stringify(setPath(tree.analysisDoc, ['sampler', 'seed'], 4294967295)));
    expect((await runCliInProcess(['validate', f])).code).toBe(0);
    const r = await runCliInProcess(['sample', '--seed', '4294967295', '--ensembles', '2', '--threads', '0', '--steps', '16', '--walkers', '8', '--no-progress']);
    expect(r.code, r.err).toBe(0);
  });

  it('an overflowing detector mass: validate and spectrum exit 2 (no NaN rows)', async () => {
    const f = join(tree.root, 'models', 'experiments', 'heavy.yaml');
    writeFileSync(f, stringify(setPath(tree.experimentDoc, ['target', 'mass_kg'], 1e308)));
    expectOneLine(await runCliInProcess(['validate', f]), 'target.mass_kg');
    expectOneLine(await runCliInProcess(['spectrum', f]), 'target.mass_kg');
  });
});

describe('resume fingerprints', () => {
  const sample = (out: string, extra: string[] = []): Promise<InProcessCliResult> =>
    runCliInProcess(['sample', '--out', out, '--steps', '64', '--walkers', '8', '--seed', '1', '--no-progress', ...extra]);
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = join(dir, 'a.h5');
    b = join(dir, 'b.h5');
    expect((await sample(a)).code).toBe(0);
    expect((await sample(b, ['--seed', '2'])).code).toBe(0);
  });
  const fresh = (name: string): string => {
    const p = join(dir, name);
    copyFileSync(a, p);
    copyFileSync(`${a}.json`, `${p}.json`);
    return p;
  };
  const resume = (p: string, extra: string[] = []): Promise<InProcessCliResult> =>
    runCliInProcess(['sample', '--out', p, '--resume', '--steps', '128', '--walkers', '8', '--seed', '1', '--no-progress', ...extra]);

  it('an unchanged chain resumes', async () => {
    const p = fresh('ok.h5');
    const r = await resume(p);
    expect(r.code, r.err).toBe(0);
  });
  it('a foreign chain next to a nuem sidecar is refused, and left unchanged', async () => {
    const p = fresh('foreign.h5');
    copyFileSync(b, p);
    const before = readFileSync(p);
    expectOneLine(await resume(p), 'foreign.h5', 'is not the chain file its sidecar');
    expect(readFileSync(p).equals(before)).toBe(true);
  });
  it('other moves or another seed are refused', async () => {
    expectOneLine(await resume(fresh('moves.h5'), ['--moves', 'de:0.8,desnooker:0.2']), 'moves.h5', 'moves');
    expectOneLine(await resume(fresh('seed.h5'), ['--seed', '7']), 'seed.h5', 'seed 1');
  });
  it('a file extended by another program (emcee grows the datasets and bumps iteration) is refused', async () => {
    const p = fresh('extended.h5');
    await h5wasm.ready;
    const f = new h5wasm.File(p, 'a');
    const g = f.get('mcmc') as InstanceType<typeof h5wasm.Group>;
    const chain = g.get('chain') as InstanceType<typeof h5wasm.Dataset>;
    const lp = g.get('log_prob') as InstanceType<typeof h5wasm.Dataset>;
    chain.resize([69, 8, 2]);
    lp.resize([69, 8]);
    g.delete_attribute('iteration');
    g.create_attribute('iteration', new BigInt64Array([69n]), [], '<q');
    f.close();
    expectOneLine(await resume(p), 'extended.h5', 'extended by another program');
  });
  it('a last row that is not the sidecar state is refused', async () => {
    const p = fresh('edited.h5');
    const side = JSON.parse(readFileSync(`${p}.json`, 'utf8')) as { resume: { coords: number[] } };
    side.resume.coords[0] = side.resume.coords[0]! + 1;
    writeFileSync(`${p}.json`, JSON.stringify(side));
    expectOneLine(await resume(p), 'edited.h5', 'differs from the state');
  });
});

describe('nuem report on awkward chains', () => {
  it('a directory, a chain with a non-finite value: exit 2 with one line; 25 steps: a report', async () => {
    expectOneLine(await runCliInProcess(['report', dir, '--no-profile', '--out', join(dir, 'rep1')]), 'is a directory');
    const c = join(dir, 'nan.h5');
    expect((await runCliInProcess(['sample', '--out', c, '--steps', '30', '--walkers', '8', '--seed', '3', '--no-progress'])).code).toBe(0);
    await h5wasm.ready;
    const f = new h5wasm.File(c, 'a');
    const ds = (f.get('mcmc') as InstanceType<typeof h5wasm.Group>).get('chain') as InstanceType<typeof h5wasm.Dataset>;
    ds.write_slice([[3, 4], [2, 3], [0, 1]], new Float64Array([NaN]));
    f.close();
    expectOneLine(await runCliInProcess(['report', c, '--no-profile', '--out', join(dir, 'rep2')]), 'nan.h5', 'not a finite number');
    expect(existsSync(join(dir, 'rep2'))).toBe(false);
    // a place no one can create a directory in, whatever the permission bits say (root passes
    // access() on /proc): refused up front with one line, no hang (found by the long fuzz run)
    if (existsSync('/proc/self')) expectOneLine(await runCliInProcess(['report', c.replace('nan.h5', 'a.h5'), '--no-profile', '--out', '/proc/nuem-report']), '--out /proc/nuem-report', 'not writable');
    const short = join(dir, 'short.h5');
    expect((await runCliInProcess(['sample', '--out', short, '--steps', '25', '--walkers', '8', '--seed', '3', '--no-progress'])).code).toBe(0);
    const ok = await runCliInProcess(['report', short, '--no-profile', '--out', join(dir, 'rep3')]);
    expect(ok.code, ok.err).toBe(0);
    expect(existsSync(ok.out.trim())).toBe(true);
  });
});
