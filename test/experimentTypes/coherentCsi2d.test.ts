import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { loadCsi2d, type Csi2dInputs } from '../../src/experimentTypes/coherentCsi2d/load.js';
import { buildCsi2dModel, type Csi2dModel } from '../../src/experimentTypes/coherentCsi2d/model.js';
import { FLAVORS, emParams } from '../../src/physics/parameters.js';
import { computeSpectrum } from '../../src/physics/spectrum/computeSpectrum.js';
import { binnedArrivalFractions } from '../../src/physics/timing/snsArrivalTime.js';

const S2W = { s2w: 0.23857 };
let inp: Csi2dInputs;
let model: Csi2dModel;
const nuIndex = (m: Csi2dModel, effect: string): number => m.nuisances.findIndex((n) => n.effect === effect);

beforeAll(() => {
  inp = loadCsi2d('coherent-csi-2021-2d');
  model = buildCsi2dModel(inp, ['qee', 'qmumu'], S2W);
}, 120_000);

function projectPE(a: Float64Array, nPE: number, nT: number): number[] {
  return Array.from({ length: nPE }, (_, i) => a.subarray(i * nT, (i + 1) * nT).reduce((x, y) => x + y, 0));
}
function projectT(a: Float64Array, nPE: number, nT: number): number[] {
  return Array.from({ length: nT }, (_, j) => Array.from({ length: nPE }, (_, i) => a[i * nT + j]!).reduce((x, y) => x + y, 0));
}

describe('COHERENT CsI 2021 in PE × time (coherent-csi-2021-2d)', () => {
  it('bins the released events as the collaboration binning gives them (spec §3.3: totals 1578 / 1295, exact projections)', () => {
    const { nPE, nT } = model;
    expect(model.observed.reduce((a, b) => a + b, 0)).toBe(1578);
    expect(model.acTotal).toBe(1295);
    expect(projectPE(model.observed, nPE, nT)).toEqual([11, 147, 224, 177, 144, 237, 210, 231, 197]);
    expect(projectT(model.observed, nPE, nT)).toEqual([34, 31, 42, 42, 52, 58, 56, 41, 314, 491, 417]);
    expect(projectT(model.anticoincident, nPE, nT)).toEqual([23, 24, 30, 32, 28, 32, 31, 30, 234, 433, 398]);
  });

  it('time-integrated CEvNS per flavour equals the energy-only coherent-csi-2021-timing prediction for a δ pulse (1e-10 relative), at the SM and off it', () => {
    const deltaPulse = buildCsi2dModel({ ...inp, timing: { ...inp.timing, pulseMean_us: 0, pulseSigma_us: 0 } }, ['qee', 'qmumu'], S2W);
    const energyOnly = loadExperiment('coherent-csi-2021-timing');
    for (const [qee, qmumu] of [
      [0, 0],
      [2e-7, -5e-8],
    ] as const) {
      const ref = computeSpectrum(energyOnly, emParams({ ...S2W, qee, qmumu }));
      const parts = deltaPulse.parts([qee, qmumu], deltaPulse.nominalNuisances);
      for (const f of FLAVORS) {
        const got = projectPE(parts.byFlavor[f], deltaPulse.nPE, deltaPulse.nT);
        got.forEach((g, i) => expect(Math.abs(g - ref.byFlavor[f][i]!)).toBeLessThanOrEqual(1e-10 * Math.abs(ref.byFlavor[f][i]!) + 1e-12));
      }
    }
  }, 120_000);

  it('the quenching and efficiency morphs hit the released ±1σ curves exactly at ν = ±1 (reference path, 1e-9 relative)', () => {
    const theta = [1.3e-7, 4e-8];
    const p = emParams({ ...S2W, qee: theta[0], qmumu: theta[1] });
    const nuAt = (effect: string, v: number): Float64Array => {
      const nu = new Float64Array(model.nuisances.length);
      nu[nuIndex(model, effect)] = v;
      return nu;
    };
    // ε_T-weighted fraction of each flavour group in 0–6 µs (the energy spectra carry no timing factor)
    const sumOf = (kind: 'prompt' | 'delayed'): number => binnedArrivalFractions(kind, model.edgesT, inp.timing, inp.timingEfficiency).reduce((a, b) => a + b, 0);
    const fracPrompt = sumOf('prompt');
    const fracDelayed = sumOf('delayed');
    for (const [effect, v, variant] of [
      ['quenching-model0', 1, 'q0plus'],
      ['quenching-model0', -1, 'q0minus'],
      ['quenching-model1', 1, 'q1plus'],
      ['quenching-model1', -1, 'q1minus'],
      ['efficiency', 1, 'effplus'],
      ['efficiency', -1, 'effminus'],
    ] as const) {
      const ref = computeSpectrum(inp.variants[variant], p);
      const parts = model.parts(theta, nuAt(effect, v));
      for (const f of FLAVORS) {
        const got = projectPE(parts.byFlavor[f], model.nPE, model.nT);
        const frac = f === 'numu' ? fracPrompt : fracDelayed;
        got.forEach((g, i) => expect(Math.abs(g - frac * ref.byFlavor[f][i]!)).toBeLessThanOrEqual(1e-9 * Math.abs(frac * ref.byFlavor[f][i]!) + 1e-12));
      }
    }
  }, 120_000);

  it('−2 ln L equals the Cash statistic written out from the parts plus the AC Poisson term (1e-10)', () => {
    const theta = [5e-8, -2e-8];
    const nu = Float64Array.from(model.nuisances, (_, k) => 0.1 * ((k % 3) - 1));
    const parts = model.parts(theta, nu);
    let s = 0;
    for (let b = 0; b < model.nBins; b++) {
      const mu = parts.total[b]!;
      const n = model.observed[b]!;
      s += 2 * (mu - n + (n > 0 ? n * Math.log(n / mu) : 0));
    }
    const nss = model.acTotal * (1 + nu[nuIndex(model, 'ss-normalisation')]!);
    s += 2 * (nss - model.acTotal + model.acTotal * Math.log(model.acTotal / nss));
    expect(Math.abs(model.minus2LogL(theta, nu) - s)).toBeLessThan(1e-10 * s);
    let total = 0;
    for (let b = 0; b < model.nBins; b++) total += parts.signal[b]! + parts.brn[b]! + parts.nin[b]! + parts.ss[b]!;
    expect(Math.abs(total - parts.total.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
  });

  it('nominal backgrounds: BRN 18.31 and NIN 5.18 events in the ROI with ε_T (spec §3.3 [HLP], 0.01), SS = the AC count', () => {
    const parts = model.parts([0, 0], model.nominalNuisances);
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    expect(Math.abs(sum(parts.brn) - 18.31)).toBeLessThan(0.01);
    expect(Math.abs(sum(parts.nin) - 5.18)).toBeLessThan(0.01);
    expect(Math.abs(sum(parts.ss) - 1295)).toBeLessThan(1e-9);
  });

  it('the analytic ν-gradient of −2 ln L equals central finite differences (1e-5 relative to the largest component), also beyond ±1σ of the morphs, away from table nodes; the value equals minus2LogL', () => {
    const theta = [8e-8, -3e-8];
    for (const scale of [0.3, 1.4]) {
      // off the shift-table grid nodes (the piecewise interpolants have one-sided derivatives there)
      const nu = Float64Array.from(model.nuisances, (n, k) => scale * n.width * (((k * 5) % 7) / 3 - 1 + 0.01371));
      const g = new Float64Array(nu.length);
      const v = model.minus2LogLGradFor(model.observed, model.acTotal, theta, nu, g);
      expect(Math.abs(v - model.minus2LogL(theta, nu))).toBeLessThan(1e-9 * v);
      const gmax = Math.max(...Array.from(g, Math.abs));
      model.nuisances.forEach((n, k) => {
        const h = 1e-5 * n.width;
        const up = Float64Array.from(nu);
        const dn = Float64Array.from(nu);
        up[k]! += h;
        dn[k]! -= h;
        const fd = (model.minus2LogL(theta, up) - model.minus2LogL(theta, dn)) / (2 * h);
        expect(Math.abs(fd - g[k]!)).toBeLessThan(1e-5 * gmax);
      });
    }
  });
});
