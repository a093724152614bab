/**
 * Child process for the real-sampler crash/resume test (crashResume.test.ts): C1's runSampler
 * (default stretch move, emcee-compatible RNG) on a correlated 3-D Gaussian, writing to an
 * Hdf5Backend, printing `step <n>` after every step.
 * Usage: node tsxLauncher.mjs samplerChild.ts <out.h5> <nsteps> <chunkSteps> <new|resume> <sleep_ms> <policy JSON>
 */
import { Hdf5Backend } from '../../../src/sampler/backends/hdf5Backend.js';
import type { ChainMetadata } from '../../../src/sampler/backends/backend.js';
import { runSampler } from '../../../src/sampler/runSampler.js';
import { makeRng } from '../../../src/random/makeRng.js';

const [out, nstepsArg, chunkArg, mode, sleepArg, policyArg] = process.argv.slice(2);
const policy = JSON.parse(policyArg ?? '{}') as Record<string, unknown>;
const W = 10;
const D = 3;
const meta: ChainMetadata = {
  parameterNames: ['x', 'y', 'z'],
  analysisId: 'crash-test-sampler',
  modelHash: 'gaussian-3d',
  nwalkers: W,
  ndim: D,
  seed: 12345,
};
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const logProb = (x: Float64Array, n: number, lp: Float64Array): void => {
  for (let i = 0; i < n; i++) {
    const a = x[i * D];
    const b = x[i * D + 1] - 0.5 * a;
    const c = x[i * D + 2];
    lp[i] = -0.5 * (a * a + b * b / 0.25 + c * c / 4);
  }
};
// durable: true by default here, so the fsync path runs under SIGKILL too (the policy may override it)
const backend = new Hdf5Backend(out, { chunkSteps: Number(chunkArg), durable: true, ...policy });
const common = {
  logProb,
  nwalkers: W,
  ndim: D,
  nsteps: Number(nstepsArg),
  backend,
  progressEvery: 1,
  onProgress: (p: { iteration: number }) => {
    process.stdout.write(`step ${p.iteration}\n`);
    Atomics.wait(sleeper, 0, 0, Number(sleepArg)); // stands in for likelihood work, so kills land mid-run
  },
};
if (mode === 'resume') {
  await runSampler({ ...common, resume: await backend.openForResume(meta) });
} else {
  await backend.create(meta);
  const rng = makeRng('emcee', meta.seed);
  const initial = Float64Array.from({ length: W * D }, () => 0.1 * rng.standardNormal());
  await runSampler({ ...common, rng, initial });
}
await backend.close();
process.stdout.write('done\n');
