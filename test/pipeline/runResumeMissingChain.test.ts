/**
 * The chain writer creates the chain files in its own thread, so a run killed just after sampling
 * began can leave one ensemble's file and not the other's (or a file without its sidecar). With a
 * trace of the run (its decision file), `--resume` starts those ensembles again, which gives the
 * uninterrupted run's chains (same streams); without any trace `--resume` is still refused.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { sidecarPathFor } from '../../src/sampler/backends/hdf5Backend.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { tinyRunOptions } from './tinyRun.js';
import { expectSameChain } from './runChildProcess.js';

const FILE = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-resume-missing-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--resume of a run whose chain writer had not created every file', () => {
  it('a missing chain file (and, separately, a file without its sidecar) is started again: chains equal the uninterrupted run', async () => {
    const ref = await runAnalysis(FILE, tinyRunOptions(join(dir, 'ref')));
    for (const variant of ['no file', 'no sidecar'] as const) {
      const out = join(dir, variant.replace(' ', '-'));
      const first = await runAnalysis(FILE, tinyRunOptions(out));
      const e1 = first.paths.chains[1]!;
      if (variant === 'no file') rmSync(e1);
      rmSync(sidecarPathFor(e1));
      expect(existsSync(sidecarPathFor(e1))).toBe(false);
      const again = await runAnalysis(FILE, { ...tinyRunOptions(out), resume: true });
      expect(again.diagnostics.newSteps[0]).toBe(0);
      expect(again.diagnostics.newSteps[1]).toBe(ref.diagnostics.steps[1]);
      for (let k = 0; k < 2; k++) await expectSameChain(ref.paths.chains[k]!, again.paths.chains[k]!);
      expect(again.posterior).toEqual(ref.posterior);
    }
  }, 120_000);

  it('without a decision file or a lock (no trace of the run) a missing chain file is still refused', async () => {
    const out = join(dir, 'no-trace');
    const first = await runAnalysis(FILE, tinyRunOptions(out));
    rmSync(first.paths.chains[1]!);
    rmSync(join(out, 'chains', 'default', `${first.run}.decisions.json`));
    await expect(runAnalysis(FILE, { ...tinyRunOptions(out), resume: true })).rejects.toThrow(/there is no chain to resume/);
  }, 60_000);
});
