/**
 * Crash safety (issue 5; /work/shared/stack.md §4.3): a REAL child process writing a chain is
 * killed with SIGKILL at several moments, resumed from its last flush, and must then produce
 * exactly (bit for bit, tolerance 0) the chain of an uninterrupted run with the same seed.
 * Steps come from a deterministic fake generator (fakeSteps.ts) that needs the restored RNG state.
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
  it('fake deterministic steps: killed after steps ~45, ~130 and ~211 (not chunk-aligned), resumed each time, equals the uninterrupted run', async () => {
    await killResumeCompare('test/sampler/backends/crashChild.ts', dir, 'fake', [45, 130, 211]);
  });
  it('buffer-cap policy (maxBufferSteps 24 = 3 chunks, interval never due): killed after ~45, ~130 and ~211, loses < 24 steps each time, equals the uninterrupted run', async () => {
    await killResumeCompare('test/sampler/backends/crashChild.ts', dir, 'fake-cap', [45, 130, 211], { checkpointIntervalMs: 1e12, maxBufferSteps: 24 }, 24);
  });
});
