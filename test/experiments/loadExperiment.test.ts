import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment, withExposureYears } from '../../src/experiments/loadExperiment.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { isUserError } from '../../src/cli/userError.js';

const coherent = loadExperiment('coherent-csi-2021');
const COHERENT_YAML = readFileSync(join(PACKAGE_ROOT, 'models/experiments/coherent-csi-2021.yaml'), 'utf8').replace(
  'dataDir: ../data/coherent-csi-2021',
  `dataDir: ${join(PACKAGE_ROOT, 'models/data/coherent-csi-2021')}`,
);
const ESS_GE_YAML = readFileSync(join(PACKAGE_ROOT, 'models/experiments/ess-ge.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'nuem-exp-'));
let n = 0;
function withText(text: string): string {
  const p = join(dir, `x${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('loadExperiment("coherent-csi-2021"): counts computed from the release files', () => {
  // physics.md §3.3 table and §6 row 4 (H, exact integers)
  const C = [11, 147, 224, 177, 144, 237, 210, 231, 197];
  const AC = [4, 98, 144, 123, 105, 202, 182, 216, 221];
  it('bins C and AC exactly as the spec §3.3 table, totals 1578 / 1295', () => {
    const obs = coherent.observed!;
    expect([...obs.components.coincident!]).toEqual(C);
    expect([...obs.components.anticoincident!]).toEqual(AC);
    expect(C.reduce((a, b) => a + b)).toBe(1578);
    expect(AC.reduce((a, b) => a + b)).toBe(1295);
  });
  it('N_obs = C − AC and σ = sqrt(C + AC) (spec §3.3 definition)', () => {
    const obs = coherent.observed!;
    expect([...obs.counts]).toEqual(C.map((c, i) => c - AC[i]!));
    expect([...obs.sigma]).toEqual(C.map((c, i) => Math.sqrt(c + AC[i]!)));
  });
  it('BRN and NIN per bin match the spec §3.3 table (printed to 3 decimals: tolerance 6e-4) and sum to 18.4 / 5.6', () => {
    const bg = coherent.background!;
    if (bg.type !== 'fixed') throw new Error('fixed background expected');
    const brn = [0.054, 1.237, 2.183, 2.309, 2.065, 3.321, 2.508, 2.541, 2.182];
    const nin = [0.016, 0.361, 0.643, 0.685, 0.614, 0.993, 0.776, 0.818, 0.694];
    brn.forEach((v, i) => expect(Math.abs(bg.components.brn![i]! - v)).toBeLessThan(6e-4));
    nin.forEach((v, i) => expect(Math.abs(bg.components.nin![i]! - v)).toBeLessThan(6e-4));
    expect(bg.components.brn!.reduce((a, b) => a + b)).toBeCloseTo(18.4, 12);
    expect(bg.components.nin!.reduce((a, b) => a + b)).toBeCloseTo(5.6, 12);
  });
  it('ROI normalisation from the time distributions gives BRN 18.45 and NIN 5.62 without ε_T (spec §6 row 7, 0.01)', () => {
    const p = withText(COHERENT_YAML.replace(/normalisation: \{ type: fixed, events: [0-9.]+, source: "[^"]*" \}/g, 'normalisation: { type: time-distribution }'));
    const bg = loadExperiment(p).background!;
    if (bg.type !== 'fixed') throw new Error('fixed background expected');
    expect(Math.abs(bg.components.brn!.reduce((a, b) => a + b) - 18.45)).toBeLessThan(0.01);
    expect(Math.abs(bg.components.nin!.reduce((a, b) => a + b) - 5.62)).toBeLessThan(0.01);
  });
  it('computes the timing factors from ε_T in the -timing variant and uses 1 otherwise', () => {
    expect(coherent.timingFactors).toEqual({ numu: 1, nue: 1, numubar: 1 });
    const t = loadExperiment('coherent-csi-2021-timing').timingFactors;
    expect(t.nue).toBe(t.numubar);
    expect(t.nue).toBeGreaterThan(0.85);
    expect(t.nue).toBeLessThan(0.9);
  });
  it('selects systematic variants of the coefficient files', () => {
    const p = withText(COHERENT_YAML.replace('variant: nominal, source: "COHERENT release arXiv:2110.07730 (energy efficiency)"', 'variant: minus1sigma, source: "x x x"'));
    const e = loadExperiment(p);
    expect(e.response.type === 'coherent-csi-gamma' && [...e.response.efficiency]).toEqual([1.297, 0.286592, 11.8832, -0.31028]);
  });
});

describe('loadExperiment for the ESS files', () => {
  it('loads every shipped experiment file', () => {
    for (const id of ['ess-csi', 'ess-xe', 'ess-ge', 'ess-csi-ees', 'coherent-csi-2021-timing', 'coherent-csi-2021-ees']) expect(loadExperiment(id).id).toBe(id);
  });
  it('ess-ge 60 bins run uniformly from the 0.6 keVnr threshold to the 70Ge endpoint (≈85.6 keVnr for 52.83 MeV)', () => {
    const e = loadExperiment('ess-ge');
    expect(e.edges[0]).toBe(0.6);
    expect(e.edges.length).toBe(61); // 60 bins: the calibrated default (models/experiments/ess-ge.yaml)
    expect(Math.abs(e.edges[60]! - 85.58)).toBeLessThan(0.05);
  });
  it('withExposureYears changes the years and refuses fixed-exposure experiments', () => {
    const e = withExposureYears(loadExperiment('ess-ge'), 1);
    expect(e.exposure.type === 'years' && e.exposure.years).toBe(1);
    expect(errorOf(() => withExposureYears(coherent, 2))).toMatch(/^--exposure-years: experiment coherent-csi-2021 has a fixed exposure/);
  });
});

describe('loadExperiment errors name the file and the path inside it', () => {
  it('a non-positive mass', () => {
    const p = withText(ESS_GE_YAML.replace('mass_kg: 7', 'mass_kg: -7'));
    expect(errorOf(() => loadExperiment(p))).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: target\\.mass_kg: .*Fix: `));
  });
  it('unsorted bin edges', () => {
    const p = withText(COHERENT_YAML.replace('edges_PE: [0, 8, 12,', 'edges_PE: [0, 12, 8,'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: detector\.edges_PE: bin edges must be strictly increasing\. Fix: /);
  });
  it('an unknown key', () => {
    const p = withText(ESS_GE_YAML.replace('  efficiency: 0.8', '  efficiency: 0.8\n  efficency: 0.8'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: detector: .*efficency.*Fix: remove the key/);
  });
  it('an efficiency above 1', () => {
    const p = withText(ESS_GE_YAML.replace('  efficiency: 0.8', '  efficiency: 1.8'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: detector\.efficiency: /);
  });
  it('a missing data file', () => {
    const p = withText(COHERENT_YAML.replace('coincident: dataBeamOnC.txt', 'coincident: nothere.txt'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: detector\.events\.coincident: cannot read data file .*nothere\.txt/);
  });
  it('a molar mass inconsistent with the elements', () => {
    const p = withText(ESS_GE_YAML.replace('molarMass_g_per_mol: 72.630', 'molarMass_g_per_mol: 80'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: target\.molarMass_g_per_mol: 80 g\/mol disagrees/);
  });
  it('an electron channel on a keVnr axis', () => {
    const p = withText(ESS_GE_YAML.replace('channels: [cevns]', 'channels: [cevns, electron]'));
    expect(errorOf(() => loadExperiment(p))).toMatch(/: channels: the electron channel needs an electron-equivalent axis/);
  });
  it('an unknown experiment id', () => {
    expect(errorOf(() => loadExperiment('no-such-experiment'))).toMatch(/^no-such-experiment: no experiment with this id/);
  });
});
