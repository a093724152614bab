/**
 * `nuem run` draws the `nuem toys` result of its analysis in its own report, as `nuem report`
 * does: a synthetic 1-D construction (t_c known exactly, written as `nuem toys` writes it, with the
 * run's model hash) placed under the run's toys directory must appear in the report written by
 * runAnalysis — the Feldman–Cousins section, the critical-value curve on the profile plot and the
 * FC interval with its legend. A tiny configuration of the default analysis (8 walkers, 40 steps,
 * one ensemble in this thread, 11 profile nodes) keeps the test to a few seconds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { modelHash } from '../../src/experiments/modelHash.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { finalizeResult, serialize } from '../../src/toys/result.js';
import type { PointResult, ToyConfig } from '../../src/toys/construction.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-run-toys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nuem run report with toy results', () => {
  it('runAnalysis finds <toysDir>/<analysis>/*.json of its model hash and draws FC interval, t_c curve and section', async () => {
    const spec = parse(readFileSync(join(PACKAGE_ROOT, 'models/analyses/default.yaml'), 'utf8')) as Record<string, unknown>;
    spec.id = 'tinytoys';
    const file = join(dir, 'tinytoys.yaml');
    writeFileSync(file, stringify(spec));
    const hash = modelHash(loadAnalysis(file));
    // synthetic construction over the analysis' qee scan range: t uniform on [0, 4) → t_c = 3.5964
    const n = 21;
    const config: ToyConfig = {
      analysis: 'tinytoys',
      analysisFile: file,
      modelHash: hash,
      axes: [{ name: 'qee', min: -6e-7, max: 1.2e-6, scale: 'linear', points: n }],
      toys: 1000,
      cl: 0.9,
      seed: '7',
      nuisances: 'profile',
      innerPoints: 25,
    };
    const t = Array.from({ length: 1000 }, (_, i) => i * 0.004);
    const points: PointResult[] = Array.from({ length: n }, (_, j) => {
      const x = -6e-7 + (j * 1.8e-6) / (n - 1);
      return { index: j, theta: [x], tObs: 1e14 * (x - 3e-7) ** 2, thetaHat: [x], nuisances: [0, 0], t };
    });
    const result = finalizeResult(config, points);
    mkdirSync(join(dir, 'toys', 'tinytoys'), { recursive: true });
    writeFileSync(join(dir, 'toys', 'tinytoys', 'qee.seed7.json'), serialize(result));

    const r = await runAnalysis(file, {
      chainsDir: join(dir, 'chains'),
      reportsDir: join(dir, 'reports'),
      toysDir: join(dir, 'toys'),
      ensembles: 1,
      threads: 0,
      walkers: 8,
      maxSteps: 40,
      checkEvery: 20,
      profilePoints: 11,
      profileGrid: 5,
      profileRefine: 0,
      chunkSteps: 16,
      createdAt: '2024-01-01T00:00:00Z',
    });
    expect(r.modelHash).toBe(hash);
    const html = readFileSync(r.paths.report, 'utf8');
    expect(html).toContain('Feldman–Cousins (toy Monte Carlo)');
    expect(html).toContain('Feldman–Cousins (toys)');
    expect(html).toMatch(/class="critical-curve"/);
    expect(html).toContain('90% CL Feldman–Cousins interval (toys)');
    // the FC interval of the synthetic belt: 1e14 (x − 3e-7)² = 3.5964 → 3e-7 ± 1.8964e-7
    expect(result.fcIntervals![0]!.lo.at).toBeCloseTo(3e-7 - 1.8964e-7, 8);
  }, 60_000);
});
