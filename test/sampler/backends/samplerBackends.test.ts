/**
 * Contract between C1's runSampler and the backends: the same seed through MemoryBackend and
 * Hdf5Backend gives identical chains (tolerance 0: both store the sampler's doubles unchanged),
 * and a run stopped at a partial chunk and resumed from the HDF5 sidecar continues exactly.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hdf5Backend } from '../../../src/sampler/backends/hdf5Backend.js';
import { MemoryBackend } from '../../../src/sampler/backends/memoryBackend.js';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import type { ChainMetadata } from '../../../src/sampler/backends/backend.js';
import { runSampler } from '../../../src/sampler/runSampler.js';
import { makeRng } from '../../../src/random/makeRng.js';

const W = 8;
const D = 2;
const meta: ChainMetadata = { parameterNames: ['a', 'b'], analysisId: 'contract', modelHash: 'banana', nwalkers: W, ndim: D, seed: 99 };
// Rosenbrock-like banana, log p = −(a² + 5 (b − a²)²)/2
const logProb = (x: Float64Array, n: number, lp: Float64Array): void => {
  for (let i = 0; i < n; i++) {
    const a = x[i * D];
    const b = x[i * D + 1];
    lp[i] = -0.5 * (a * a + 5 * (b - a * a) ** 2);
  }
};
function start() {
  const rng = makeRng('emcee', meta.seed);
  const initial = Float64Array.from({ length: W * D }, () => 0.1 * rng.standardNormal());
  return { rng, initial };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-contract-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runSampler through MemoryBackend and Hdf5Backend', () => {
  it('same seed → identical chain, log-probabilities and acceptance counts', async () => {
    const mem = new MemoryBackend();
    await mem.create(meta);
    await runSampler({ logProb, nwalkers: W, ndim: D, nsteps: 150, backend: mem, ...start() });

    const path = join(dir, 'contract.h5');
    const h5 = new Hdf5Backend(path, { chunkSteps: 7 });
    await h5.create(meta);
    await runSampler({ logProb, nwalkers: W, ndim: D, nsteps: 150, backend: h5, ...start() });
    await h5.close();

    const r = await readChain(path);
    expect(r.nsteps).toBe(150);
    expect(r.chain).toEqual(Float64Array.from(mem.getChain()));
    expect(r.logProb).toEqual(Float64Array.from(mem.getLogProb()));
    expect(r.accepted).toEqual(Float64Array.from(mem.accepted));
  });

  it('stopped after 53 steps (partial chunk flushed), resumed to 150: equals the uninterrupted run', async () => {
    const refPath = join(dir, 'ref.h5');
    const ref = new Hdf5Backend(refPath, { chunkSteps: 16 });
    await ref.create(meta);
    await runSampler({ logProb, nwalkers: W, ndim: D, nsteps: 150, backend: ref, ...start() });
    await ref.close();

    const path = join(dir, 'resumed.h5');
    const first = new Hdf5Backend(path, { chunkSteps: 16 });
    await first.create(meta);
    await runSampler({ logProb, nwalkers: W, ndim: D, nsteps: 53, backend: first, ...start() });
    await first.close();
    const second = new Hdf5Backend(path, { chunkSteps: 16 });
    const state = await second.openForResume(meta);
    expect(state.iteration).toBe(53);
    const res = await runSampler({ logProb, nwalkers: W, ndim: D, nsteps: 150, backend: second, resume: state });
    await second.close();
    expect(res.iteration).toBe(150);

    const a = await readChain(refPath);
    const b = await readChain(path);
    expect(b.chain).toEqual(a.chain);
    expect(b.logProb).toEqual(a.logProb);
    expect(b.accepted).toEqual(a.accepted);
  });
});
