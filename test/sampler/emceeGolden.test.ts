/**
 * Golden test: nuem reproduces emcee 3.1.4 chains BIT FOR BIT (exact equality of every position,
 * log-probability and acceptance count). Fixture: test/fixtures/emcee/make_golden.py (emcee 3.1.4,
 * numpy 1.24; see its docstring for the move forms and the correctly rounded log in normals).
 * Problem: 8 walkers × 3-D correlated Gaussian, 200 steps; p0 = 0.1·randn(8, 3) from a fresh
 * RandomState(K); sampler stream = a second fresh RandomState(K) (as shared/tools/bench_emcee.py).
 * The log-probability below repeats the fixture's operation order exactly, so log-probs compare
 * exactly too.
 */
import { describe, expect, it } from 'vitest';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { MemoryBackend } from '../../src/sampler/backends/memoryBackend.js';
import { makeMove } from '../../src/sampler/moves/makeMove.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import type { BatchLogProb, MoveSpec } from '../../src/sampler/types.js';
import { f64, golden } from './goldenFixture.js';

const P = golden.precision;
const D = golden.ndim;
const W = golden.nwalkers;

const logProb: BatchLogProb = (x, n, out) => {
  for (let k = 0; k < n; k++) {
    let s = 0.0;
    for (let i = 0; i < D; i++) {
      let t = 0.0;
      for (let j = 0; j < D; j++) t += P[i]![j]! * x[k * D + j]!;
      s += x[k * D + i]! * t;
    }
    out[k] = -0.5 * s;
  }
};

const SPECS: Record<string, MoveSpec> = {
  stretch: { type: 'stretch' },
  stretch_a3: { type: 'stretch', a: 3.0 },
  walk: { type: 'walk' },
  walk_s3: { type: 'walk', s: 3 },
  de: { type: 'de' },
  desnooker: { type: 'desnooker' },
  gaussian: { type: 'gaussian', sigma: [Math.sqrt(0.3), Math.sqrt(0.5), Math.sqrt(0.7)] },
};

describe('emcee 3.1.4 golden chains are reproduced bit for bit', () => {
  for (const [name, run] of Object.entries(golden.runs)) {
    it(`${name} (moves ${run.moves.map(([m, w]) => `${m}:${w}`).join(', ')}; seed ${run.seed})`, async () => {
      const init = new NumpyRandomState(run.seed);
      const p0 = Float64Array.from({ length: W * D }, () => 1e-1 * init.standardNormal());
      expect(Array.from(p0)).toEqual(Array.from(f64(run.p0)));
      const backend = new MemoryBackend();
      const res = await runSampler({
        logProb,
        nwalkers: W,
        ndim: D,
        moves: run.moves.map(([m, w]) => ({ move: makeMove(SPECS[m]!), weight: w })),
        rng: new NumpyRandomState(run.seed),
        initial: p0,
        nsteps: golden.nsteps,
        backend,
      });
      const chain = f64(run.chain);
      const lp = f64(run.logProb);
      const got = backend.getChain();
      let first = -1;
      for (let i = 0; i < chain.length; i++) if (got[i] !== chain[i]) { first = i; break; }
      expect(first, first >= 0 ? `first mismatch at step ${Math.floor(first / (W * D))}` : '').toBe(-1);
      expect(Array.from(backend.getLogProb())).toEqual(Array.from(lp));
      expect(Array.from(res.accepted)).toEqual(run.accepted);
    });
  }
});
