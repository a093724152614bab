/**
 * runFromOptions (behind `nuem sample`): HDF5 output + --resume gives exactly the chain of one
 * uninterrupted run (exact equality), the summary moments use a burn-in of a quarter of the final
 * length, and bad combinations are refused with a fix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { runFromOptions } from '../../src/sampler/runFromOptions.js';
import { builtinTarget } from '../../src/sampler/targets/builtinTarget.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-rfo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  target: builtinTarget({ name: 'gaussian', dim: 2, rho: 0.9 }),
  analysisId: 'builtin:gaussian',
  model: { name: 'gaussian', dim: 2, rho: 0.9 },
  nwalkers: 16,
  seed: 7,
  rng: 'emcee' as const,
  moves: [{ type: 'stretch' as const }],
  progress: false,
};

describe('runFromOptions', () => {
  it('HDF5: 130 steps then --resume to 300 equals 300 straight steps, exactly', async () => {
    const a = join(dir, 'a.h5'),
      b = join(dir, 'b.h5');
    await runFromOptions({ ...base, nsteps: 300, out: a });
    await runFromOptions({ ...base, nsteps: 130, out: b });
    const s = await runFromOptions({ ...base, nsteps: 300, out: b, resume: true });
    expect(s.stepsThisRun).toBe(170);
    const ca = await readChain(a),
      cb = await readChain(b);
    expect(cb.nsteps).toBe(300);
    expect(Array.from(cb.chain)).toEqual(Array.from(ca.chain));
    expect(Array.from(cb.accepted)).toEqual(Array.from(ca.accepted));
  });
  it('refuses to overwrite without --force, resume without a file, or a different model', async () => {
    const a = join(dir, 'c.h5');
    await runFromOptions({ ...base, nsteps: 70, out: a });
    await expect(runFromOptions({ ...base, nsteps: 70, out: a })).rejects.toThrow(/already exists/);
    await expect(runFromOptions({ ...base, nsteps: 70, out: join(dir, 'missing.h5'), resume: true })).rejects.toThrow(/does not exist/);
    await expect(runFromOptions({ ...base, model: { other: 1 }, nsteps: 140, out: a, resume: true })).rejects.toThrow();
  });
  it('memory run: summary moments (burn-in = ¼ of the final length) near the exact N(0,1) marginals', async () => {
    const s = await runFromOptions({ ...base, nsteps: 2000 });
    expect(s.discard).toBe(500);
    // 16 walkers × 1500 steps, τ ≈ 30 ⇒ ~800 effective samples: |mean| < 5/√800 ≈ 0.18, |sd − 1| < 0.15
    for (const p of s.parameters) {
      expect(Math.abs(p.mean)).toBeLessThan(0.18);
      expect(Math.abs(p.sd - 1)).toBeLessThan(0.15);
    }
    expect(s.meanAcceptance).toBeGreaterThan(0.6);
  });
});
