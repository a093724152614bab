/**
 * Report integration of toy results: a synthetic 1-D construction (known t_c, known observed
 * statistic) written like `nuem toys` writes it is found by the report loader, the FC interval is
 * where t_obs crosses t_c, and the profile plot draws the critical-value curve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finalizeResult, serialize } from '../../src/toys/result.js';
import type { PointResult, ToyConfig } from '../../src/toys/construction.js';
import { loadToyReports, toysSectionHtml } from '../../src/report/toysReport.js';
import { profilePlot } from '../../src/plots/profilePlot.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-toys-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config: ToyConfig = {
  analysis: 'synthetic',
  analysisFile: '/nonexistent/synthetic.yaml',
  modelHash: 'sha256:abc',
  axes: [{ name: 'qee', min: -1, max: 1, scale: 'linear', points: 21 }],
  toys: 1000,
  cl: 0.9,
  seed: '1',
  nuisances: 'profile',
  innerPoints: 25,
};

// every point's toys: t uniform on [0, 4) in steps of 0.004 → t_c = type-7 quantile at 0.9 = 3.5964 exactly
const t = Array.from({ length: 1000 }, (_, i) => i * 0.004);
const points: PointResult[] = Array.from({ length: 21 }, (_, j) => {
  const x = -1 + j * 0.1;
  return { index: j, theta: [x], tObs: 10 * x * x, thetaHat: [x], nuisances: [0, 0], t };
});

describe('toy results in the report', () => {
  const result = finalizeResult(config, points);
  it('the FC set is t_obs ≤ t_c: 10 x² = 3.5964 at x = ±0.5997 (linear interpolation of t_obs between nodes: ±0.6 within 0.01)', () => {
    expect(result.tc[0]).toBeCloseTo(3.5964, 10);
    expect(result.fcIntervals).toHaveLength(1);
    expect(Math.abs(result.fcIntervals![0]!.lo.at + 0.5997)).toBeLessThan(0.01);
    expect(Math.abs(result.fcIntervals![0]!.hi.at - 0.5997)).toBeLessThan(0.01);
    // Wilks: 10 x² = 2.7055 at ±0.520
    expect(Math.abs(result.wilks.intervals![0]!.hi.at - 0.5201)).toBeLessThan(0.01);
  });
  it('loadToyReports finds the result of the analysis with the same model hash, and notes another hash', () => {
    mkdirSync(join(dir, 'synthetic'), { recursive: true });
    writeFileSync(join(dir, 'synthetic', 'qee.seed1.json'), serialize(result));
    const ok = loadToyReports(dir, 'synthetic', 'sha256:abc');
    expect(ok.toys).toHaveLength(1);
    expect(ok.toys[0]!.tc).toHaveLength(21);
    expect(toysSectionHtml(ok.toys)).toMatch(/Feldman–Cousins \(toys\)/);
    const other = loadToyReports(dir, 'synthetic', 'sha256:def');
    expect(other.toys).toHaveLength(0);
    expect(other.notes[0]).toMatch(/another version of the analysis/);
    expect(loadToyReports(dir, 'absent').toys).toHaveLength(0);
  });
  it('the profile plot draws the critical-value curve and the FC interval with its legend', () => {
    const svg = profilePlot({ name: 'qee', label: 'Q_ee' }, result.nodes[0]!, result.tObs, {
      intervals: [{ lo: -0.6, hi: 0.6, color: '#56B4E9', label: 'FC' }],
      criticalValues: { grid: result.nodes[0]!, tc: result.tcSmooth, label: 'FC critical value' },
    });
    expect(svg).toMatch(/class="critical-curve"/);
    expect(svg).toMatch(/FC critical value/);
    expect(svg).toMatch(/fill="#56B4E9"/);
  });
});
