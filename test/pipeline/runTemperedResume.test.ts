/**
 * `nuem run --temperatures` end to end on a tiny default analysis (one ensemble of 8 walkers, 3
 * temperatures, 80 steps, ladder adapted during the first 12 steps, coarse profiles, this thread):
 * - a run stopped at step 56 (not a check point, not a chunk boundary) and resumed with --resume
 *   to 80 steps equals the uninterrupted run bit for bit in every rung's chain file (positions,
 *   log-probabilities, acceptance) — the rungs' files and snapshots carry the whole tempered state
 *   (src/pipeline/temperedTask.ts);
 * - its ladder and swap acceptance are identical, and its evidences agree to 1e−9 relative (the
 *   resumed run rebuilds the per-step ⟨ln L⟩ of the first 56 steps as log_prob − ln π from the
 *   files, which differs from the in-memory ln L only by rounding);
 * - the result and the report carry the tempering record (evidence table, swap acceptance);
 * - resuming those chains without tempering or with another number of temperatures is a UserError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runAnalysis, type RunAnalysisOptions } from '../../src/pipeline/runAnalysis.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';

let dir: string;
let file: string;

const tiny = (out: string, extra: RunAnalysisOptions = {}): RunAnalysisOptions => ({
  chainsDir: join(dir, out, 'chains'),
  reportsDir: join(dir, out, 'reports'),
  threads: 0,
  walkers: 8,
  ensembles: 1,
  maxSteps: 80,
  checkEvery: 40,
  profilePoints: 11,
  profileGrid: 7,
  profileRefine: 0,
  chunkSteps: 16,
  createdAt: '2024-01-01T00:00:00Z',
  ...extra,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-run-pt-'));
  const spec = parse(readFileSync(join(PACKAGE_ROOT, 'models/analyses/default.yaml'), 'utf8')) as Record<string, unknown>;
  spec.id = 'tinypt';
  (spec.sampler as Record<string, unknown>).tempering = { temperatures: 3, adaptSteps: 12 };
  file = join(dir, 'tinypt.yaml');
  writeFileSync(file, stringify(spec));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nuem run --temperatures: stop + --resume equals the uninterrupted run', () => {
  it('same rung files bit for bit, same ladder and swaps, same evidences; the report has the evidence section', { timeout: 120_000 }, async () => {
    const full = await runAnalysis(file, tiny('full'));
    const part = await runAnalysis(file, tiny('part', { maxSteps: 56 }));
    expect(part.diagnostics.steps).toEqual([56]);
    const resumed = await runAnalysis(file, tiny('part', { resume: true }));
    expect(resumed.diagnostics.newSteps).toEqual([24]);
    expect(full.tempering).toBeDefined();
    expect(full.tempering!.rungFiles.map((r) => r.length)).toEqual([2]);
    for (let k = 0; k < 1; k++) {
      const rungs = [full.paths.chains[k]!, ...full.tempering!.rungFiles[k]!];
      const rungsR = [resumed.paths.chains[k]!, ...resumed.tempering!.rungFiles[k]!];
      for (let t = 0; t < 3; t++) {
        const a = await readChain(rungs[t]!);
        const b = await readChain(rungsR[t]!);
        expect(b.nsteps).toBe(80);
        expect(Buffer.from(b.chain.buffer).equals(Buffer.from(a.chain.buffer)), `ensemble ${k} rung ${t} positions`).toBe(true);
        expect(Buffer.from(b.logProb.buffer).equals(Buffer.from(a.logProb.buffer)), `ensemble ${k} rung ${t} log_prob`).toBe(true);
        expect(Array.from(b.accepted)).toEqual(Array.from(a.accepted));
      }
    }
    expect(resumed.tempering!.betas).toEqual(full.tempering!.betas);
    expect(resumed.tempering!.swapAcceptance).toEqual(full.tempering!.swapAcceptance);
    const e = full.tempering!.evidence!;
    const eR = resumed.tempering!.evidence!;
    expect(Math.abs(eR.lnZ - e.lnZ)).toBeLessThan(1e-9 * Math.abs(e.lnZ));
    expect(resumed.tempering!.nested.map((n) => n.parameter)).toEqual(['qee', 'qmumu']);
    resumed.tempering!.nested.forEach((n, i) => expect(Math.abs(n.bayesFactor.lnBf01 - full.tempering!.nested[i]!.bayesFactor.lnBf01)).toBeLessThan(1e-9));
    // resuming tempered chains without tempering (or with another ladder size) is refused
    await expect(runAnalysis(file, tiny('part', { resume: true, temperatures: 1 }))).rejects.toThrow(/written with 3 temperatures, the run asks for no tempering/);
    await expect(runAnalysis(file, tiny('part', { resume: true, temperatures: 4 }))).rejects.toThrow(/written with 3 temperatures, the run asks for 4 temperatures/);
    const html = readFileSync(resumed.paths.report, 'utf8');
    expect(html).toContain('<section id="evidence">');
    expect(html).toContain('Swap acceptance between neighbouring temperatures');
  });
});
