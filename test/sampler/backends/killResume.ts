/**
 * Shared driver of the crash/resume tests: runs a chain-writing child process, kills it with
 * SIGKILL at given steps, resumes it, and compares with an uninterrupted run bit for bit.
 */
import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import { readChainSidecar, sidecarPathFor } from '../../../src/sampler/backends/hdf5Backend.js';

const LAUNCHER = 'test/sampler/backends/tsxLauncher.mjs';
/** Steps of every child run. */
export const NSTEPS = 300;
/** Steps per HDF5 chunk in the children. */
export const CHUNK = 8;
const SLEEP_MS = 0.5;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lastStep: number;
  stderr: string;
}

/** Runs the child; kills it with SIGKILL once it reports step ≥ killAt (if given). */
function runChild(child_: string, out: string, mode: 'new' | 'resume', policy: string, killAt?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, child_, out, String(NSTEPS), String(CHUNK), mode, String(SLEEP_MS), policy], {
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

function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Checkpoint policy of the children's Hdf5Backend (JSON on the command line). */
export interface ChildPolicy {
  checkpointIntervalMs?: number;
  maxBufferSteps?: number;
  durable?: boolean | 'periodic';
}

/**
 * Uninterrupted run vs. a run killed at each of `killAts` (resumed after each kill); asserts identity
 * and that a kill loses less than one persist unit (`unit` steps: a chunk when persisting every
 * chunk, the buffer cap when persisting on a full buffer).
 *
 * @param child - TypeScript child script (crashChild.ts or samplerChild.ts)
 * @param dir - scratch directory
 * @param name - file name prefix
 * @param killAts - increasing steps after which the child is killed
 * @param policy - the children's checkpoint policy (default: persist every chunk)
 * @param unit - steps per persist under `policy` (default {@link CHUNK})
 */
export async function killResumeCompare(child: string, dir: string, name: string, killAts: number[], policy: ChildPolicy = { checkpointIntervalMs: 0 }, unit = CHUNK): Promise<void> {
  const pol = JSON.stringify(policy);
  const refPath = join(dir, `${name}-reference.h5`);
  const ref = await runChild(child, refPath, 'new', pol);
  expect(ref.stderr).toBe('');
  expect(ref.code).toBe(0);
  const reference = await readChain(refPath);
  expect(reference.nsteps).toBe(NSTEPS);

  const path = join(dir, `${name}-killed.h5`);
  const persistedAfterKill: number[] = [];
  let mode: 'new' | 'resume' = 'new';
  for (const killAt of killAts) {
    const r = await runChild(child, path, mode, pol, killAt);
    expect(r.signal, r.stderr).toBe('SIGKILL'); // really killed mid-run, not finished
    const persisted = readChainSidecar(sidecarPathFor(path)).iteration;
    expect(persisted).toBeLessThan(NSTEPS);
    expect(persisted % unit).toBe(0); // only whole persist units (whole chunks) reach the disk before the end
    expect(persisted).toBeLessThanOrEqual(r.lastStep + unit);
    // the loss is less than one persist unit: every step the child reported was appended, and the
    // backend persists at every multiple of `unit` inside append, before the step is reported
    expect(persisted).toBeGreaterThan(r.lastStep - unit);
    persistedAfterKill.push(persisted);
    mode = 'resume';
  }
  const fin = await runChild(child, path, 'resume', pol);
  expect(fin.stderr).toBe('');
  expect(fin.code).toBe(0);
  // progress was made between kills (each resume continued from a later flush)
  for (let i = 1; i < persistedAfterKill.length; i++) expect(persistedAfterKill[i - 1]).toBeLessThan(persistedAfterKill[i]);

  const resumed = await readChain(path);
  expect(resumed.nsteps).toBe(NSTEPS);
  expect(bytes(resumed.chain).equals(bytes(reference.chain))).toBe(true); // bit for bit
  expect(bytes(resumed.logProb).equals(bytes(reference.logProb))).toBe(true);
  expect(resumed.accepted).toEqual(reference.accepted);
  expect(readChainSidecar(sidecarPathFor(path)).resume).toEqual(readChainSidecar(sidecarPathFor(refPath)).resume);
}

