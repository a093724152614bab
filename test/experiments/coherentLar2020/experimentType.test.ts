import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentType } from '../../../src/experimentModel/registry.js';
import { loadExperimentDefinition } from '../../../src/experiments/loadExperimentDefinition.js';
import { readLarRelease } from '../../../src/experiments/coherentLar2020/release.js';
import { argonResidualNormSigma } from '../../../src/cli/actions/reproduceArgonAction.js';
import { projectOnto } from '../../../src/experimentModel/types.js';
import { makeRng } from '../../../src/random/makeRng.js';

const ROOT = resolve(__dirname, '../../..');

describe('experiment type coherent-lar-2020', () => {
  const entry = loadExperimentDefinition('coherent-lar-2020');
  const def = entry.definition;

  it('loads the model file: 13 nuisances with priors and sources, every release file in dataFiles', () => {
    expect(def.type).toBe('coherent-lar-2020');
    expect(def.nuisances.map((n) => n.name)).toEqual([
      'ar_flux', 'ar_mass', 'ar_cevns_other', 'ar_qf_a', 'ar_qf_b', 'ar_time', 'ar_cevns_f90', 'ar_brn', 'ar_brn_delayed', 'ar_ss', 'ar_brn_energy', 'ar_brn_tmean', 'ar_brn_twidth',
    ]);
    for (const n of def.nuisances) expect(n.source.length).toBeGreaterThan(10);
    expect(def.dataFiles).toHaveLength(15);
  });

  it("the 'rest' CEvNS normalisation width in the model file is the derivation √(0.1328² − 0.10² − 0.025² − σ_QF²) to 5e-4", () => {
    const rest = def.nuisances.find((n) => n.name === 'ar_cevns_other')!;
    expect(rest.width).toBeCloseTo(argonResidualNormSigma(readLarRelease(resolve(ROOT, 'models/data/coherent-lar-2020'))), 3);
  });

  it('builds an ExperimentModel whose observables, parts and data follow the interface (row-major energy × F90 × time)', () => {
    const m = experimentType('coherent-lar-2020')!.build(def, { physicsNames: ['qee'], fixed: {}, where: 'test' });
    expect(m.observables.map((o) => o.edges.length - 1)).toEqual([12, 8, 10]);
    expect(m.nBins).toBe(960);
    const nu = m.nuisances.map((n) => n.nominal);
    const p = m.expectedParts([0], nu);
    const sum = p.components.reduce((a, c) => a.map((v, i) => v + c.counts[i]!), new Float64Array(960));
    sum.forEach((v, i) => expect(v).toBeCloseTo(p.total[i]!, 9));
    expect(projectOnto(m.observables, m.data.counts, 0)[0]).toBe(1194);
    const d = m.generate([0], nu, makeRng('default', 5));
    expect(d.kind).toBe('pseudo');
    const m2 = m.withData(d);
    expect(m2.logLikelihood([0], nu)).not.toBe(m.logLikelihood([0], nu));
    expect(Number.isFinite(m2.logLikelihood([1e-7], nu))).toBe(true);
  }, 60_000);

  it('refuses a prior that differs from the release YAML, naming the file, the nuisance and the release value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lar-type-'));
    mkdirSync(join(dir, 'models', 'experiments'), { recursive: true });
    cpSync(resolve(ROOT, 'models/data/coherent-lar-2020'), join(dir, 'models', 'data', 'coherent-lar-2020'), { recursive: true });
    const text = readFileSync(resolve(ROOT, 'models/experiments/coherent-lar-2020.yaml'), 'utf8').replace('mu: 0.246, sigma: 0.006', 'mu: 0.246, sigma: 0.06');
    writeFileSync(join(dir, 'models', 'experiments', 'bad.yaml'), text);
    expect(() => loadExperimentDefinition(join(dir, 'models', 'experiments', 'bad.yaml'))).toThrow(/nuisances\[3\]\.prior.*qf-a prior must be the release's \(mu 0\.246, sigma 0\.006/);
  });
});
