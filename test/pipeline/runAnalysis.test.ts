/**
 * End-to-end tests of runAnalysis on a tiny configuration of the default analysis (8 walkers, a
 * few dozen steps, coarse profiles, ensembles run in this thread): outputs exist, the report
 * escapes a hostile label, the same seed gives the same chain bit for bit, a stopped run resumed
 * to the same length equals an uninterrupted run bit for bit (exact identity: the sampler is
 * deterministic given its seed and the stored RNG state), and --resume with a chain of another
 * analysis is refused before anything is written.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runAnalysis, type RunAnalysisOptions } from '../../src/pipeline/runAnalysis.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { readChainSidecar, sidecarPathFor } from '../../src/sampler/backends/hdf5Backend.js';
import { isUserError } from '../../src/cli/userError.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';

let dir: string;
let analysisFile: string;
let otherFile: string;

const tiny = (out: string, extra: RunAnalysisOptions = {}): RunAnalysisOptions => ({
  chainsDir: join(dir, out, 'chains'),
  reportsDir: join(dir, out, 'reports'),
  threads: 0,
  walkers: 8,
  maxSteps: 120,
  checkEvery: 40,
  profilePoints: 11,
  profileGrid: 7,
  profileRefine: 0,
  chunkSteps: 16,
  createdAt: '2024-01-01T00:00:00Z',
  ...extra,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-run-'));
  const spec = parse(readFileSync(join(PACKAGE_ROOT, 'models/analyses/default.yaml'), 'utf8')) as Record<string, unknown>;
  const params = spec.parameters as Array<Record<string, unknown>>;
  params[0]!.label = 'q_ee <script>alert(1)</script>';
  spec.id = 'tiny';
  analysisFile = join(dir, 'tiny.yaml');
  writeFileSync(analysisFile, stringify(spec));
  otherFile = join(dir, 'other.yaml');
  writeFileSync(otherFile, stringify({ ...spec, id: 'other' }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runAnalysis (tiny default analysis)', () => {
  it('writes one chain + sidecar per ensemble and the report, and escapes a <script> label', async () => {
    const r = await runAnalysis(analysisFile, tiny('a'));
    expect(r.paths.chains).toHaveLength(2);
    for (const p of r.paths.chains) {
      expect(existsSync(p)).toBe(true);
      const side = readChainSidecar(sidecarPathFor(p));
      expect(side.meta.analysisId).toBe('tiny');
      expect(side.meta.modelHash).toBe(r.modelHash);
      expect(side.resume?.rng).toBeTruthy(); // RNG state recorded for resuming
      expect((side.meta.code as { version: string }).version).toBe(r.code.version);
    }
    expect(r.paths.report).toBe(join(dir, 'a', 'reports', 'tiny', 'seed20240916', 'index.html'));
    const html = readFileSync(r.paths.report, 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(r.modelHash);
    expect(html).toContain('20240916');
    expect(r.diagnostics.steps).toEqual([120, 120]);
    expect(r.posterior.map((p) => p.name)).toEqual(['qee', 'qmumu', 'alpha', 'beta']);
    expect(r.posterior[0]!.savageDickey?.bf01).toBeGreaterThan(0);
    expect(r.profiles.twoD?.parameters).toEqual(['qee', 'qmumu']);
    // report input (issue 7 follow-ups): units split from labels, so no axis title reads `… [e] [10⁻⁷]`
    expect(html).not.toMatch(/\] \[10/);
    // Savage–Dickey B01 in the summary table, not in the description
    expect(html).toContain('<th>Bayes factor B₀₁</th>');
    expect(html).toContain(`${r.posterior[0]!.savageDickey!.bf01.toPrecision(3)} ± `);
    expect(html).not.toContain('Savage–Dickey Bayes factors (evidence');
    // τ-based ESS always; rank-normalised bulk/tail ESS with two ensembles
    expect(html).toContain('<th>ESS (τ-based)</th>');
    expect(html).toContain('<th>bulk ESS</th><th>tail ESS</th>');
    // spectra legends name the data and the θ = 0 curve
    expect(html).toContain('observed (±1σ)');
    expect(html).toContain('expected without EM effect (θ = 0)');
  });

  it('is reproducible: the same seed gives the same chains bit for bit', async () => {
    const r1 = await runAnalysis(analysisFile, tiny('b1', { maxSteps: 40 }));
    const r2 = await runAnalysis(analysisFile, tiny('b2', { maxSteps: 40 }));
    for (let k = 0; k < 2; k++) {
      const c1 = await readChain(r1.paths.chains[k]!);
      const c2 = await readChain(r2.paths.chains[k]!);
      expect(c2.nsteps).toBe(40);
      expect(Buffer.from(c2.chain.buffer).equals(Buffer.from(c1.chain.buffer))).toBe(true);
      expect(Buffer.from(c2.logProb.buffer).equals(Buffer.from(c1.logProb.buffer))).toBe(true);
    }
    // different ensembles are different streams
    const e0 = await readChain(r1.paths.chains[0]!);
    const e1 = await readChain(r1.paths.chains[1]!);
    expect(Buffer.from(e0.chain.buffer).equals(Buffer.from(e1.chain.buffer))).toBe(false);
  });

  it('report.savageDickeyDraws sets the draws behind B01 (default 4096, capped by the kept steps)', async () => {
    const spec = parse(readFileSync(analysisFile, 'utf8')) as Record<string, unknown>;
    const file = join(dir, 'sd.yaml');
    writeFileSync(file, stringify({ ...spec, id: 'sd', report: { savageDickeyDraws: 256 } }));
    const few = await runAnalysis(file, tiny('sd'));
    const dflt = await runAnalysis(analysisFile, tiny('sd0'));
    // 2 ensembles × 8 walkers: 256 draws = 16 evenly spaced steps per ensemble
    expect(few.posterior[0]!.savageDickey!.draws).toBe(256);
    expect(dflt.posterior[0]!.savageDickey!.draws).toBeGreaterThan(256);
  });

  it('the thread layout does not change the chains, profiles or summaries: two workers, this thread and the automatic choice agree bit for bit', async () => {
    const r0 = await runAnalysis(analysisFile, tiny('t0', { maxSteps: 40 }));
    const r2 = await runAnalysis(analysisFile, tiny('t2', { maxSteps: 40, threads: 2 }));
    const { threads: _drop, ...autoOpts } = tiny('ta', { maxSteps: 40 });
    const ra = await runAnalysis(analysisFile, autoOpts);
    expect(r0.threads).toBe(0);
    expect(r2.threads).toBe(2);
    // the default analysis' ln p costs ≈ 0.3 µs per walker, far below AUTO_WORKER_MIN_EVAL_US = 5
    expect(ra.threads).toBe(0);
    // the profiles and the B01 conditional densities follow --threads: workers give the same numbers
    expect([r0.profileWorkers, r0.evidenceWorkers]).toEqual([0, 0]);
    expect([r2.profileWorkers, r2.evidenceWorkers]).toEqual([2, 2]);
    expect([ra.profileWorkers, ra.evidenceWorkers]).toEqual([0, 0]);
    for (const r of [r2, ra]) {
      expect(r.profiles).toEqual(r0.profiles);
      expect(r.posterior).toEqual(r0.posterior);
      expect(r.bestFit).toEqual(r0.bestFit);
    }
    expect(r0.posterior[0]!.savageDickey!.method).toBe('rao-blackwell');
    for (let k = 0; k < 2; k++) {
      const c0 = await readChain(r0.paths.chains[k]!);
      for (const r of [r2, ra]) {
        const c = await readChain(r.paths.chains[k]!);
        expect(Buffer.from(c.chain.buffer).equals(Buffer.from(c0.chain.buffer))).toBe(true);
        expect(Buffer.from(c.logProb.buffer).equals(Buffer.from(c0.logProb.buffer))).toBe(true);
      }
    }
  });

  it('a stopped run resumed to the full length equals an uninterrupted run bit for bit', async () => {
    const full = await runAnalysis(analysisFile, tiny('c-full'));
    // the "killed" run got to step 56 (not a check point, not a chunk boundary of 16 × k + 0)
    const part = await runAnalysis(analysisFile, tiny('c-part', { maxSteps: 56 }));
    expect(part.diagnostics.steps).toEqual([56, 56]);
    const resumed = await runAnalysis(analysisFile, tiny('c-part', { resume: true }));
    expect(resumed.diagnostics.newSteps).toEqual([64, 64]);
    for (let k = 0; k < 2; k++) {
      const a = await readChain(full.paths.chains[k]!);
      const b = await readChain(resumed.paths.chains[k]!);
      expect(b.nsteps).toBe(120);
      expect(Buffer.from(b.chain.buffer).equals(Buffer.from(a.chain.buffer))).toBe(true);
      expect(Array.from(b.accepted)).toEqual(Array.from(a.accepted));
    }
  });

  it('--resume with a chain of another analysis is a UserError and writes nothing', async () => {
    await runAnalysis(otherFile, tiny('d', { maxSteps: 40, runId: 'shared' }));
    const before = readdirSync(join(dir, 'd', 'chains', 'other'));
    // put the other analysis's chains where the tiny analysis's chains would be
    const { cpSync } = await import('node:fs');
    cpSync(join(dir, 'd', 'chains', 'other'), join(dir, 'd', 'chains', 'tiny'), { recursive: true });
    const files = readdirSync(join(dir, 'd', 'chains', 'tiny')).sort();
    const bytes = files.map((f) => readFileSync(join(dir, 'd', 'chains', 'tiny', f)));
    let err: unknown;
    try {
      await runAnalysis(analysisFile, tiny('d', { runId: 'shared', resume: true }));
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(/belongs to analysis "other".*Fix:/);
    expect(readdirSync(join(dir, 'd', 'chains', 'tiny')).sort()).toEqual(files);
    files.forEach((f, i) => expect(readFileSync(join(dir, 'd', 'chains', 'tiny', f)).equals(bytes[i]!)).toBe(true));
    expect(existsSync(join(dir, 'd', 'reports', 'tiny'))).toBe(false);
    expect(readdirSync(join(dir, 'd', 'chains', 'other'))).toEqual(before);
  });
});
