/**
 * `nuem sample --ensembles N --threads T` (runEnsemblesFromOptions): independent ensembles with seeds
 * K, K+1, … written to <out>-e<i>; the chains in worker threads equal the serial ones and equal a
 * single `nuem sample` run with the same seed, exactly (same seed ⇒ same stream; tolerance 0).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { ensembleOutPath, runEnsemblesFromOptions } from '../../src/sampler/runEnsemblesFromOptions.js';
import { runFromOptions } from '../../src/sampler/runFromOptions.js';
import { builtinTarget } from '../../src/sampler/targets/builtinTarget.js';
import { builtinTargetSpec } from '../../src/sampler/TargetSpec.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-ens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = { name: 'gaussian' as const, dim: 2, rho: 0.9 };
const common = { analysisId: 'builtin:gaussian', model: config, nwalkers: 12, nsteps: 150, seed: 40, rng: 'emcee' as const, moves: [{ type: 'stretch' as const }] };

function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('independent ensembles (--ensembles, --threads)', () => {
  it('output names: -e<i> before the extension, or appended', () => {
    expect(ensembleOutPath('runs/chain.h5', 3)).toBe('runs/chain-e3.h5');
    expect(ensembleOutPath('runs.v2/chain', 0)).toBe('runs.v2/chain-e0');
    expect(ensembleOutPath('.hidden', 1)).toBe('.hidden-e1');
  });

  it('3 ensembles in 2 worker threads = the same 3 run serially (bit for bit); ensemble 0 = the single run with seed 40, ensembles 1, 2 share no stream with single runs of seeds 41, 42', async () => {
    const par = join(dir, 'par.h5');
    const ser = join(dir, 'ser.h5');
    const p = await runEnsemblesFromOptions({ ...common, target: builtinTargetSpec(config), ensembles: 3, threads: 2, out: par });
    const s = await runEnsemblesFromOptions({ ...common, target: builtinTargetSpec(config), ensembles: 3, threads: 0, out: ser });
    expect(p.ensembles.map((e) => e.seed)).toEqual([40, 40, 40]);
    expect(p.ensembles).toEqual(s.ensembles.map((e) => ({ ...e, out: ensembleOutPath(par, e.ensemble) })));
    for (let i = 0; i < 3; i++) {
      const a = await readChain(ensembleOutPath(par, i));
      const b = await readChain(ensembleOutPath(ser, i));
      const single = join(dir, `single${i}.h5`);
      await runFromOptions({ ...common, seed: 40 + i, target: builtinTarget(config), out: single, progress: false });
      const c = await readChain(single);
      expect(a.nsteps).toBe(150);
      expect(bytes(a.chain).equals(bytes(b.chain))).toBe(true);
      // the old rule (seed + i) made ensemble i of seed 40 the single run of seed 40 + i
      expect(bytes(a.chain).equals(bytes(c.chain))).toBe(i === 0);
      if (i === 0) {
        expect(bytes(a.logProb).equals(bytes(c.logProb))).toBe(true);
        expect(a.accepted).toEqual(c.accepted);
      }
    }
    // different seeds give different chains
    const e0 = await readChain(ensembleOutPath(par, 0));
    const e1 = await readChain(ensembleOutPath(par, 1));
    expect(bytes(e0.chain).equals(bytes(e1.chain))).toBe(false);
  });

  it('CLI: writes <out>-e0, <out>-e1 and prints one summary per ensemble; refuses --resume, --threads alone and existing outputs', async () => {
    const out = join(dir, 'cli.h5');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (lines.push(String(c)), true));
    const errs: string[] = [];
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (errs.push(String(c)), true));
    try {
      expect(await main(['node', 'nuem', 'sample', '--ensembles', '2', '--threads', '2', '--walkers', '8', '--steps', '40', '--out', out, '--no-progress'])).toBe(0);
      const printed = JSON.parse(lines.join('')) as { ensembles: { seed: number; out: string; iteration: number }[] };
      expect(printed.ensembles.map((e) => [e.seed, e.out, e.iteration])).toEqual([
        [42, ensembleOutPath(out, 0), 40],
        [42, ensembleOutPath(out, 1), 40],
      ]);
      expect(existsSync(join(dir, 'cli-e0.h5')) && existsSync(join(dir, 'cli-e1.h5'))).toBe(true);
      expect(await main(['node', 'nuem', 'sample', '--ensembles', '2', '--steps', '40', '--out', out, '--no-progress'])).toBe(2);
      expect(errs.join('')).toMatch(/cli-e0\.h5 already exists.*Fix: pass --force/);
      expect(await main(['node', 'nuem', 'sample', '--ensembles', '2', '--out', out, '--resume'])).toBe(2);
      expect(await main(['node', 'nuem', 'sample', '--threads', '2'])).toBe(2);
      expect(await main(['node', 'nuem', 'sample', '--ensembles', '0'])).toBe(2);
      expect(errs.join('')).toMatch(/--threads: only applies to --ensembles/);
    } finally {
      spy.mockRestore();
      spyErr.mockRestore();
    }
  });
});
