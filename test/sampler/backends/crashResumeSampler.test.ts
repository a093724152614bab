/**
 * Crash safety (issue 5; /work/shared/stack.md §4.3): a REAL child process writing a chain is
 * killed with SIGKILL at several moments, resumed from its last flush, and must then produce
 * exactly (bit for bit, tolerance 0) the chain of an uninterrupted run with the same seed.
 * Steps come from C1's runSampler (samplerChild.ts).
 */
import { describe, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killResumeCompare } from './killResume.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-crash-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL + resume reproduces the uninterrupted chain exactly (real child processes)', () => {
  it('runSampler (stretch move, emcee RNG): killed after steps ~70 and ~190, resumed each time, equals the uninterrupted run', async () => {
    await killResumeCompare('test/sampler/backends/samplerChild.ts', dir, 'sampler', [70, 190]);
  });
  it("runSampler, durable 'periodic' (the default), persisting on a full 32-step buffer (interval never due, so the test does not depend on timing): killed after ~70 and ~190, loses < 32 steps, equals the uninterrupted run", async () => {
    await killResumeCompare('test/sampler/backends/samplerChild.ts', dir, 'sampler-cap', [70, 190], { checkpointIntervalMs: 1e12, maxBufferSteps: 32, durable: 'periodic' }, 32);
  });
});
