import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAR_TEMPLATE_FILES, larBinIndex, projectLar, readLarRelease, readLarTemplate } from '../../../src/experiments/coherentLar2020/release.js';

const DIR = resolve(__dirname, '../../../models/data/coherent-lar-2020');
const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

describe('readLarRelease (COHERENT CENNS-10 2020 release, arXiv:2006.12659)', () => {
  const rel = readLarRelease(DIR);

  it('reads the 3-D files with the sums of companion Table 2 (data 3752, CEvNS 128, BRN 497 and 33, SS 3152)', () => {
    expect(sum(rel.templates.data)).toBe(3752);
    expect(sum(rel.templates.cevns)).toBeCloseTo(128, 3);
    expect(sum(rel.templates.brnPrompt)).toBeCloseTo(497, 3);
    expect(sum(rel.templates.brnDelayed)).toBeCloseTo(33, 3);
    expect(sum(rel.templates.steadyState)).toBeCloseTo(3152, 3);
  });

  it('reads the YAML: exposure 13.8e22 POT, 27.5 m, 24.4 ± 0.61 kg, QF a, b, 0.09 ± 0.009 ν/proton, pulse 440 ± 200 / 150 ns, normalisations', () => {
    const P = rel.parameters;
    expect(P.protonsOnTarget).toBeCloseTo(1.38e23, -18);
    expect(P.distance_m).toBe(27.5);
    expect(P.fiducialMass_kg).toEqual({ value: 24.4, sigma: 0.61 });
    expect(P.qfA).toEqual({ value: 0.246, sigma: 0.006 });
    expect(P.qfB).toEqual({ value: 0.00078, sigma: 0.00009 });
    expect(P.nuPerFlavorPerProton).toEqual({ value: 0.09, sigma: 0.009 });
    expect(P.resolutionA_sqrtkeVee).toBe(0.58);
    expect(P.pulseMean_ns).toEqual({ value: 440, sigma: 200 });
    expect(P.pulseWidth_ns).toBe(150);
    expect(P.prediction.cevns).toEqual({ value: 128, sigma: 17 });
    expect(P.bestFit.cevns).toEqual({ value: 159, sigma: 43 });
    expect(P.bestFit.brnPrompt).toEqual({ value: 553, sigma: 34 });
    expect(P.prediction.steadyState).toEqual({ value: 3154, sigma: 25 });
  });

  it('the released 1-D "SS-Sub Data" projections are the data minus the steady-state PDF scaled to the best fit (3131.75 events; 1e-3 per bin)', () => {
    const files = ['energydata1d.txt', 'f90data1d.txt', 'timingdata1d.txt'] as const;
    files.forEach((f, axis) => {
      const rows = readFileSync(join(DIR, 'OneDProjections', f), 'utf8').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/).map(Number));
      // the subtracted steady-state count implied by the file's total
      const nSs = sum(rel.templates.data) - rows.reduce((a, r) => a + r[1]!, 0);
      expect(nSs).toBeCloseTo(3131.75, 1); // YAML best fit: 3131 ± 23
      const k = nSs / sum(rel.templates.steadyState);
      const sub = rel.templates.data.map((v, b) => v - k * rel.templates.steadyState[b]!);
      const ours = projectLar(sub, axis as 0 | 1 | 2);
      rows.forEach((r, i) => expect(Math.abs(ours[i]! - r[1]!)).toBeLessThan(1e-3));
    });
  });

  it('larBinIndex follows the file order: energy outermost, t_trig innermost', () => {
    expect(larBinIndex(0, 0, 1)).toBe(1);
    expect(larBinIndex(0, 1, 0)).toBe(10);
    expect(larBinIndex(1, 0, 0)).toBe(80);
    expect(projectLar(rel.templates.data, 0)[0]).toBe(1194);
  });

  it('rejects a file whose rows are not in the release order, with file:line in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lar-'));
    const lines = readFileSync(join(DIR, LAR_TEMPLATE_FILES.cevns), 'utf8').split('\n');
    [lines[0], lines[1]] = [lines[1]!, lines[0]!];
    writeFileSync(join(dir, 'x.txt'), lines.join('\n'));
    expect(() => readLarTemplate(join(dir, 'x.txt'), 'x')).toThrow(/x\.txt:1.*bin centres/);
    writeFileSync(join(dir, 'y.txt'), lines.slice(0, 10).join('\n'));
    expect(() => readLarTemplate(join(dir, 'y.txt'), 'y')).toThrow(/expected 960 rows/);
    mkdirSync(join(dir, 'SystErrors'));
    copyFileSync(join(DIR, 'LArParametersAnlA.yaml'), join(dir, 'LArParametersAnlA.yaml'));
    expect(() => readLarRelease(dir)).toThrow(/cannot read data file/);
  });
});
