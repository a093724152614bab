/**
 * Shared parts of the `nuem run` kill/resume tests: the child process (test/pipeline/runChild.ts)
 * run until a line of its output says when to SIGKILL it, and the bit-for-bit comparison of two
 * chain files.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { readChain } from '../../src/sampler/backends/readChain.js';

const LAUNCHER = 'test/sampler/backends/tsxLauncher.mjs';

/** What the child printed and how it ended. */
export interface ChildRun {
  signal: NodeJS.Signals | null;
  code: number | null;
  lines: string[];
  stderr: string;
}

/**
 * Runs the tiny `nuem run` child until `killWhen(line)` is true (then SIGKILL) or to the end.
 * @param file - analysis file
 * @param out - output directory
 * @param mode - a new run or `--resume`
 * @param killWhen - kills the child at the first stdout line it accepts
 * @param env - extra environment (e.g. NUEM_RUN_CHILD_THREADS)
 * @returns signal, exit code, stdout lines and stderr
 */
export function runChild(file: string, out: string, mode: 'new' | 'resume', killWhen?: (line: string) => boolean, env: Record<string, string> = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [LAUNCHER, 'test/pipeline/runChild.ts', file, out, mode], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        if (killWhen?.(l) && c.exitCode === null) c.kill('SIGKILL');
      }
    });
    c.on('error', reject);
    c.on('exit', (code, signal) => resolve({ code, signal, lines, stderr }));
  });
}

/** Kill condition: the child reported sampling progress of at least `n` steps. */
export const progressAtLeast = (n: number) => (l: string): boolean => /^progress (\d+)$/.test(l) && Number(/^progress (\d+)$/.exec(l)![1]) >= n;

/**
 * Asserts that two chain files hold the same steps bit for bit: positions, log-probabilities and
 * (unless `accepted` is false) the acceptance record.
 * @param ref - the reference chain file
 * @param got - the chain file under test
 * @param opts - `label` for the assertion messages; `accepted: false` skips the acceptance record
 */
export async function expectSameChain(ref: string, got: string, opts: { label?: string; accepted?: boolean } = {}): Promise<void> {
  const x = await readChain(ref);
  const y = await readChain(got);
  expect(y.nsteps, opts.label).toBe(x.nsteps);
  expect(Buffer.from(y.chain.buffer).equals(Buffer.from(x.chain.buffer)), opts.label).toBe(true);
  expect(Buffer.from(y.logProb.buffer).equals(Buffer.from(x.logProb.buffer)), opts.label).toBe(true);
  if (opts.accepted !== false) expect(Array.from(y.accepted), opts.label).toEqual(Array.from(x.accepted));
}
