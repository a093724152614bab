/**
 * Child process for the crash/resume test (crashResume.test.ts): runs the deterministic fake
 * generator (fakeSteps.ts) into an Hdf5Backend and prints `step <n>` after every appended step.
 * Usage: node tsxLauncher.mjs crashChild.ts <out.h5> <nsteps> <chunkSteps> <new|resume> <sleep_ms> <policy JSON>
 */
import { Hdf5Backend } from '../../../src/sampler/backends/hdf5Backend.js';
import type { ChainMetadata } from '../../../src/sampler/backends/backend.js';
import { fakeRun } from './fakeSteps.js';

const [out, nstepsArg, chunkArg, mode, sleepArg, policyArg] = process.argv.slice(2);
const policy = JSON.parse(policyArg ?? '{}') as Record<string, unknown>;
const nsteps = Number(nstepsArg);
const W = 8;
const D = 3;
const meta: ChainMetadata = {
  parameterNames: ['a', 'b', 'c'],
  analysisId: 'crash-test',
  modelHash: 'fake',
  nwalkers: W,
  ndim: D,
  seed: 2024,
};
const sleeper = new Int32Array(new SharedArrayBuffer(4));
// durable: false — surviving SIGKILL needs no fsync (the OS keeps written pages); the sampler child covers fsync on
const backend = new Hdf5Backend(out, { chunkSteps: Number(chunkArg), durable: false, ...policy });
const run = mode === 'resume' ? fakeRun(W, D, 0, await backend.openForResume(meta)) : (await backend.create(meta), fakeRun(W, D, meta.seed));
while (run.iteration < nsteps) {
  const s = run.step();
  await backend.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
  process.stdout.write(`step ${run.iteration}\n`);
  Atomics.wait(sleeper, 0, 0, Number(sleepArg)); // stands in for likelihood work, so kills land mid-run
}
await backend.close();
process.stdout.write('done\n');
