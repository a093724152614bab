/**
 * `nuem run` with the runners in worker threads and the chain writer in its own thread, killed with
 * SIGKILL while sampling and right after sampling (while the writer may still be closing the
 * chains), resumed each time: the chains equal those of the uninterrupted run bit for bit (the
 * uninterrupted run in this thread, since the thread layout does not change the chains).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { tinyRunOptions } from './tinyRun.js';

const LAUNCHER = 'test/sampler/backends/tsxLauncher.mjs';
const FILE = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-runkill-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs test/pipeline/runChild.ts with one runner worker until `killWhen(line)` (then SIGKILL) or to the end. */
function child(out: string, mode: 'new' | 'resume', killWhen?: (line: string) => boolean): Promise<{ signal: NodeJS.Signals | null; code: number | null; lines: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [LAUNCHER, 'test/pipeline/runChild.ts', FILE, out, mode], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUEM_RUN_CHILD_THREADS: '1' } });
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

const progressAtLeast = (n: number) => (l: string): boolean => /^progress (\d+)$/.test(l) && Number(/^progress (\d+)$/.exec(l)![1]) >= n;

describe('nuem run with the writer thread: SIGKILL + --resume equals the uninterrupted run', () => {
  it('runner workers: killed while sampling and at the summaries, resumed, same chains', async () => {
    const refOut = join(dir, 'ref');
    const ref = await runAnalysis(FILE, tinyRunOptions(refOut));
    const out = join(dir, 'killed');
    const a = await child(out, 'new', progressAtLeast(300));
    expect(a.signal, `${a.stderr}\n${a.lines.slice(-5).join('\n')}`).toBe('SIGKILL');
    const b = await child(out, 'resume', (l) => l === 'stage summarise');
    expect(b.signal, `${b.stderr}\n${b.lines.slice(-5).join('\n')}`).toBe('SIGKILL');
    const fin = await child(out, 'resume');
    expect(fin.code, fin.stderr).toBe(0);
    for (let k = 0; k < 2; k++) {
      const x = await readChain(ref.paths.chains[k]!);
      const y = await readChain(join(out, 'chains', 'default', `seed20240916.e${k}.h5`));
      expect(y.nsteps).toBe(x.nsteps);
      expect(Buffer.from(y.chain.buffer).equals(Buffer.from(x.chain.buffer))).toBe(true);
      expect(Buffer.from(y.logProb.buffer).equals(Buffer.from(x.logProb.buffer))).toBe(true);
      expect(Array.from(y.accepted)).toEqual(Array.from(x.accepted));
    }
    const again = await runAnalysis(FILE, { ...tinyRunOptions(out), threads: 1, resume: true });
    expect(again.diagnostics.newSteps).toEqual([0, 0]);
    expect(again.posterior).toEqual(ref.posterior);
  }, 240_000);
});
