/**
 * Exact identities: (1) resuming from a JSON round-tripped ResumeState gives bit for bit the chain
 * of an uninterrupted run (incl. the cached polar normal in the RNG state); (2) ensembles run in
 * worker threads equal the same jobs run serially.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../src/random/makeRng.js';
import type { ResumeState } from '../../src/sampler/backends/backend.js';
import { MemoryBackend } from '../../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../../src/sampler/initialBall.js';
import { makeMoves } from '../../src/sampler/moves/makeMove.js';
import { runEnsembles } from '../../src/sampler/parallel/runEnsembles.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import { builtinTargetSpec } from '../../src/sampler/TargetSpec.js';
import { gaussianTarget } from '../../src/sampler/targets/gaussianTarget.js';
import type { MoveSpec } from '../../src/sampler/types.js';

const meta = { parameterNames: ['a', 'b', 'c'], analysisId: 't', modelHash: 'h', nwalkers: 12, ndim: 3, seed: 5 };

describe('resume', () => {
  for (const kind of ['emcee', 'default'] as const) {
    it(`150 + 150 steps after a JSON checkpoint equal 300 straight steps (mixture incl. walk/DE/Gaussian, rng ${kind}), exact`, async () => {
      const specs: MoveSpec[] = [
        { type: 'stretch', weight: 0.3 },
        { type: 'walk', s: 4, weight: 0.2 },
        { type: 'de', weight: 0.3 },
        { type: 'gaussian', sigma: 0.3, weight: 0.2 },
      ];
      const lp = gaussianTarget(3, 0.5);
      const p0 = initialBall(makeRng(kind, 5), 12, 3);
      const full = new MemoryBackend();
      await full.create(meta);
      await runSampler({ logProb: lp, nwalkers: 12, ndim: 3, moves: makeMoves(specs), rng: makeRng(kind, 5), initial: p0, nsteps: 300, backend: full });
      const a = new MemoryBackend();
      await a.create(meta);
      await runSampler({ logProb: lp, nwalkers: 12, ndim: 3, moves: makeMoves(specs), rng: makeRng(kind, 5), initial: p0, nsteps: 150, backend: a });
      const state = JSON.parse(JSON.stringify(await a.openForResume(meta))) as ResumeState;
      expect(state.iteration).toBe(150);
      const b = new MemoryBackend();
      await b.create(meta);
      const res = await runSampler({ logProb: lp, nwalkers: 12, ndim: 3, moves: makeMoves(specs), resume: state, nsteps: 300, backend: b });
      expect(b.iteration).toBe(150);
      expect(res.iteration).toBe(300);
      const joined = new Float64Array(300 * 36);
      joined.set(a.getChain());
      joined.set(b.getChain(), 150 * 36);
      expect(Array.from(joined)).toEqual(Array.from(full.getChain()));
      expect(Array.from(res.accepted)).toEqual(Array.from(full.accepted));
    });
  }
});

describe('parallel independent ensembles', () => {
  it('2 worker threads give exactly the serial results for seeds 1..3', async () => {
    const jobs = [1, 2, 3].map((seed) => ({
      target: builtinTargetSpec({ name: 'gaussian', dim: 2, rho: 0.9 }),
      nwalkers: 8,
      nsteps: 200,
      seed,
      rng: 'emcee' as const,
      moves: [{ type: 'stretch' as const, weight: 0.7 }, { type: 'de' as const, weight: 0.3 }],
    }));
    const serial = await runEnsembles(jobs, { threads: 0 });
    const parallel = await runEnsembles(jobs, { threads: 2 });
    for (let k = 0; k < jobs.length; k++) {
      expect(parallel[k]!.seed).toBe(jobs[k]!.seed);
      expect(Array.from(parallel[k]!.chain)).toEqual(Array.from(serial[k]!.chain));
      expect(Array.from(parallel[k]!.logProb)).toEqual(Array.from(serial[k]!.logProb));
    }
    expect(Array.from(serial[0]!.chain)).not.toEqual(Array.from(serial[1]!.chain));
  });
});
