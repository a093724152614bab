import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrateCompositeGaussLegendre } from '../../../src/numerics/gaussLegendre.js';
import { meanTimingEfficiency, timingEfficiency, type TimingEfficiencyModel } from '../../../src/physics/detectors/timingEfficiency.js';
import {
  arrivalFractionInBin,
  arrivalTimeCdf,
  arrivalTimePdf,
  binnedArrivalFractions,
  emgCdf,
  emgPdf,
  interpolateShiftTable,
  shiftedHistogramInBins,
  shiftTable,
  type SnsTimingModel,
} from '../../../src/physics/timing/snsArrivalTime.js';

// Pulse: COHERENT LAr release LArParametersAnlA.yaml snsPOTTraceTiming (mean 440 ns, width 150 ns);
// lifetimes PDG (τ_π = 26.033 ns, τ_μ = 2.1969811 µs); ε_T: Newtrinos.jl coherent_csi.jl (t0 = 520 ns, λ = 0.0494/µs).
const TP = 0.026033;
const TM = 2.1969811;
const model: SnsTimingModel = { pulseMean_us: 0.44, pulseSigma_us: 0.15, pionLifetime_us: TP, muonLifetime_us: TM };
const delta: SnsTimingModel = { ...model, pulseMean_us: 0, pulseSigma_us: 0 };
const eff: TimingEfficiencyModel = { plateauEnd_us: 0.52, slope_per_us: 0.0494, window_us: [0, 6], pionLifetime_us: TP, muonLifetime_us: TM };
const EDGES = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 2, 4, 6];

/** Panels of width ≤ h covering [a, b] plus the given break points. */
function panels(a: number, b: number, h: number, breaks: number[] = []): number[] {
  const pts = new Set<number>([a, b, ...breaks.filter((x) => x > a && x < b)]);
  for (let x = a; x < b; x += h) pts.add(x);
  return [...pts].sort((x, y) => x - y).filter((x, i, s) => i === 0 || x - s[i - 1]! > 1e-13);
}

describe('SNS arrival-time model (Gaussian pulse ⊗ π⁺, μ⁺ decay laws)', () => {
  it('EMG CDF is the integral of the EMG density (numerical quadrature, 1e-12), also for σ/τ = 40 (stable tail)', () => {
    for (const [mu, s, tau] of [
      [0.44, 0.15, TP],
      [0.44, 0.15, TM],
      [0, 1, 0.025],
    ] as const) {
      for (const t of [-0.3, 0.2, 0.5, 0.9, 3, 7]) {
        const num = integrateCompositeGaussLegendre((x) => emgPdf(x, mu, s, tau), panels(mu - 15 * s, t, 0.01), 10);
        expect(Math.abs(num - emgCdf(t, mu, s, tau))).toBeLessThan(1e-12);
      }
    }
  });

  it('each flavour-group PDF integrates to 1 over the time axis (quadrature of the density, 1e-10; CDF(∞) = 1 exactly)', () => {
    for (const m of [model, delta]) {
      for (const kind of ['prompt', 'delayed'] as const) {
        const lo = m.pulseMean_us - 12 * m.pulseSigma_us;
        const hi = m.pulseMean_us + 80 * TM;
        const num = integrateCompositeGaussLegendre((t) => arrivalTimePdf(kind, t, m), panels(lo, hi, 0.01, [m.pulseMean_us]), 10);
        expect(Math.abs(num - 1)).toBeLessThan(1e-10);
        expect(arrivalTimeCdf(kind, Infinity, m)).toBe(1);
        expect(Math.abs(arrivalTimeCdf(kind, hi, m) - 1)).toBeLessThan(1e-14);
      }
    }
  });

  it('delayed fraction in a window equals the analytic Bateman one for a δ pulse (1e-14)', () => {
    // δ pulse at 0: P(a ≤ t < b) = [τ_μ(e^{−a/τ_μ} − e^{−b/τ_μ}) − τ_π(e^{−a/τ_π} − e^{−b/τ_π})]/(τ_μ − τ_π)
    const analytic = (a: number, b: number): number => (TM * (Math.exp(-a / TM) - Math.exp(-b / TM)) - TP * (Math.exp(-a / TP) - Math.exp(-b / TP))) / (TM - TP);
    for (const [a, b] of [
      [0, 6],
      [1, 2],
      [0, 0.125],
      [4, 6],
    ] as const) {
      expect(Math.abs(arrivalFractionInBin('delayed', a, b, delta) - analytic(a, b))).toBeLessThan(1e-14);
    }
    // and with a Gaussian pulse it is the Gaussian average of the δ-pulse fraction (quadrature over the pulse, 1e-10)
    const gaussAvg = integrateCompositeGaussLegendre(
      (s) => (Math.exp(-0.5 * ((s - 0.44) / 0.15) ** 2) / (0.15 * Math.sqrt(2 * Math.PI))) * (s >= 1 ? analytic(0, 2 - s) : analytic(1 - s, 2 - s)),
      panels(0.44 - 12 * 0.15, 0.44 + 12 * 0.15, 0.01, [1]),
      10,
    );
    expect(Math.abs(arrivalFractionInBin('delayed', 1, 2, model) - gaussAvg)).toBeLessThan(1e-10);
  });

  it('ε_T-weighted bin fractions (closed form) equal quadrature of ε_T·f over each bin (1e-11), with and without an offset', () => {
    for (const offset of [0, 0.137, -0.21]) {
      for (const kind of ['prompt', 'delayed'] as const) {
        const got = binnedArrivalFractions(kind, EDGES, model, eff, offset);
        for (let i = 0; i < EDGES.length - 1; i++) {
          const num = integrateCompositeGaussLegendre(
            (t) => timingEfficiency(t, eff) * arrivalTimePdf(kind, t, model, offset),
            panels(EDGES[i]!, EDGES[i + 1]!, 0.005, [0.52]),
            10,
          );
          expect(Math.abs(got[i]! - num)).toBeLessThan(1e-11);
        }
      }
    }
  });

  it('summed over the 0–6 µs window the binned fractions equal the average timing efficiency of the energy-only model (δ pulse 1e-13; Gaussian pulse: 1e-10 against a quadrature over the pulse broken at the kinks, 1e-5 against meanTimingEfficiency, whose unbroken 16-point-per-σ pulse grid is off by 5e-6)', () => {
    for (const kind of ['prompt', 'delayed'] as const) {
      const sumDelta = binnedArrivalFractions(kind, EDGES, delta, eff).reduce((a, b) => a + b, 0);
      expect(Math.abs(sumDelta - meanTimingEfficiency(kind, eff))).toBeLessThan(1e-13);
      const sumPulse = binnedArrivalFractions(kind, EDGES, model, eff).reduce((a, b) => a + b, 0);
      // δ-pulse average at pulse time s: shift ε_T's clock by s (as timingEfficiency.ts does)
      const atPulse = (s: number): number => meanTimingEfficiency(kind, { ...eff, plateauEnd_us: 0.52 - s, window_us: [-s, 6 - s] });
      const gauss = (s: number): number => Math.exp(-0.5 * ((s - 0.44) / 0.15) ** 2) / (0.15 * Math.sqrt(2 * Math.PI));
      const ref = integrateCompositeGaussLegendre((s) => gauss(s) * atPulse(s), panels(0.44 - 12 * 0.15, 0.44 + 12 * 0.15, 0.01, [0, 0.52]), 10);
      expect(Math.abs(sumPulse - ref)).toBeLessThan(1e-10);
      const energyOnly = meanTimingEfficiency(kind, { ...eff, beamPulse: { center_us: 0.44, sigma_us: 0.15 } });
      expect(Math.abs(sumPulse - energyOnly)).toBeLessThan(1e-5);
    }
  });

  it('shift tables interpolate the exact templates: cubic for the smooth ν PDFs (step 2 ns, 1e-9 absolute), linear on a 1 ns grid for histograms (kinks on grid nodes; curvature from ε_T between them, O(h²): 3e-7 events of 27.6)', () => {
    const tab = shiftTable((d) => binnedArrivalFractions('prompt', EDGES, model, eff, d), 11, [-1, 1], 0.002, 'cubic');
    const out = new Float64Array(11);
    for (const d of [-0.3131, -0.0007, 0.0419, 0.2503, 0.77]) {
      interpolateShiftTable(tab, d, out);
      const exact = binnedArrivalFractions('prompt', EDGES, model, eff, d);
      for (let i = 0; i < 11; i++) expect(Math.abs(out[i]! - exact[i]!)).toBeLessThan(1e-9);
    }
    const dir = join(import.meta.dirname, '../../../models/data/coherent-csi-2021');
    const rows = readFileSync(join(dir, 'brnTrec.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    const c = rows.map((r) => r[0]!);
    const v = rows.map((r) => r[1]!);
    const htab = shiftTable((d) => shiftedHistogramInBins(c, v, EDGES, eff, d), 11, [-0.5, 0.5], 0.001, 'linear');
    for (const d of [-0.0333, 0.0101, 0.1234]) {
      interpolateShiftTable(htab, d, out);
      const exact = shiftedHistogramInBins(c, v, EDGES, eff, d);
      for (let i = 0; i < 11; i++) expect(Math.abs(out[i]! - exact[i]!)).toBeLessThan(3e-7);
    }
  });

  it('released BRN time distribution: 27.632 events in 0–6 µs without ε_T (release README, 1e-3), and ε_T-weighting lowers it', () => {
    const dir = join(import.meta.dirname, '../../../models/data/coherent-csi-2021');
    const rows = readFileSync(join(dir, 'brnTrec.txt'), 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    const c = rows.map((r) => r[0]!);
    const v = rows.map((r) => r[1]!);
    const noEff = shiftedHistogramInBins(c, v, EDGES, undefined).reduce((a, b) => a + b, 0);
    expect(Math.abs(noEff - 27.632)).toBeLessThan(1e-3);
    const withEff = shiftedHistogramInBins(c, v, EDGES, eff).reduce((a, b) => a + b, 0);
    expect(withEff).toBeLessThan(noEff);
    expect(withEff).toBeGreaterThan(0.95 * noEff);
  });
});
