/**
 * Crash safety (issue 5; /work/shared/stack.md §4.3): a REAL child process writing a chain is
 * killed with SIGKILL at several moments, resumed from its last flush, and must then produce
 * exactly (bit for bit, tolerance 0) the chain of an uninterrupted run with the same seed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import { readChainSidecar, sidecarPathFor } from '../../../src/sampler/backends/hdf5Backend.js';

const LAUNCHER = 'test/sampler/backends/tsxLauncher.mjs';
const FAKE_CHILD = 'test/sampler/backends/crashChild.ts';
const SAMPLER_CHILD = 'test/sampler/backends/samplerChild.ts';
const NSTEPS = 300;
const CHUNK = 8;
const SLEEP_MS = 0.5;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lastStep: number;
  stderr: string;
}

/** Runs the child; kills it with SIGKILL once it reports step ≥ killAt (if given). */
function runChild(child_: string, out: string, mode: 'new' | 'resume', killAt?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, child_, out, String(NSTEPS), String(CHUNK), mode, String(SLEEP_MS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastStep = -1;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^step (\d+)$/.exec(line);
        if (m) lastStep = Number(m[1]);
        if (killAt !== undefined && lastStep >= killAt && child.exitCode === null) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, lastStep, stderr }));
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-crash-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Uninterrupted run vs. a run killed at three steps (resumed after each kill); must be identical. */
async function killResumeCompare(child: string, name: string): Promise<void> {
  const refPath = join(dir, `${name}-reference.h5`);
  const ref = await runChild(child, refPath, 'new');
  expect(ref.stderr).toBe('');
  expect(ref.code).toBe(0);
  const reference = await readChain(refPath);
  expect(reference.nsteps).toBe(NSTEPS);

  const path = join(dir, `${name}-killed.h5`);
  const persistedAfterKill: number[] = [];
  let mode: 'new' | 'resume' = 'new';
  for (const killAt of [45, 130, 211]) {
    const r = await runChild(child, path, mode, killAt);
    expect(r.signal, r.stderr).toBe('SIGKILL'); // really killed mid-run, not finished
    const persisted = readChainSidecar(sidecarPathFor(path)).iteration;
    expect(persisted).toBeLessThan(NSTEPS);
    expect(persisted % CHUNK).toBe(0); // only whole chunks reach the disk before the end
    expect(persisted).toBeLessThanOrEqual(r.lastStep + CHUNK);
    persistedAfterKill.push(persisted);
    mode = 'resume';
  }
  const fin = await runChild(child, path, 'resume');
  expect(fin.stderr).toBe('');
  expect(fin.code).toBe(0);
  // progress was made between kills (each resume continued from a later flush)
  expect(persistedAfterKill[0]).toBeLessThan(persistedAfterKill[1]);
  expect(persistedAfterKill[1]).toBeLessThan(persistedAfterKill[2]);

  const resumed = await readChain(path);
  expect(resumed.nsteps).toBe(NSTEPS);
  expect(bytes(resumed.chain).equals(bytes(reference.chain))).toBe(true); // bit for bit
  expect(bytes(resumed.logProb).equals(bytes(reference.logProb))).toBe(true);
  expect(resumed.accepted).toEqual(reference.accepted);
  expect(readChainSidecar(sidecarPathFor(path)).resume).toEqual(readChainSidecar(sidecarPathFor(refPath)).resume);
}

describe('SIGKILL + resume reproduces the uninterrupted chain exactly (real child processes)', () => {
  it('fake deterministic steps: killed at steps ~45, ~130 and ~211 (not chunk-aligned), resumed each time, equals the uninterrupted run', async () => {
    await killResumeCompare(FAKE_CHILD, 'fake');
  });
  it('runSampler (stretch move, emcee RNG): killed at steps ~45, ~130 and ~211, resumed each time, equals the uninterrupted run', async () => {
    await killResumeCompare(SAMPLER_CHILD, 'sampler');
  });
});
