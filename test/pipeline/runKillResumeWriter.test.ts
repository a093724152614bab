/**
 * `nuem run` with the runners in worker threads and the chain writer in its own thread, killed with
 * SIGKILL while sampling and right after sampling (while the writer may still be closing the
 * chains), resumed each time: the chains equal those of the uninterrupted run bit for bit (the
 * uninterrupted run in this thread, since the thread layout does not change the chains).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { tinyRunOptions } from './tinyRun.js';
import { expectSameChain, progressAtLeast, runChild, type ChildRun } from './runChildProcess.js';

const FILE = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-runkill-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tiny run as a child with one runner worker (and the writer thread). */
const child = (out: string, mode: 'new' | 'resume', killWhen?: (line: string) => boolean): Promise<ChildRun> => runChild(FILE, out, mode, killWhen, { NUEM_RUN_CHILD_THREADS: '1' });

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
    for (let k = 0; k < 2; k++) await expectSameChain(ref.paths.chains[k]!, join(out, 'chains', 'default', `seed20240916.e${k}.h5`));
    const again = await runAnalysis(FILE, { ...tinyRunOptions(out), threads: 1, resume: true });
    expect(again.diagnostics.newSteps).toEqual([0, 0]);
    expect(again.posterior).toEqual(ref.posterior);
  }, 240_000);
});
