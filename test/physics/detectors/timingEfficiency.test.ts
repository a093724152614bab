import { describe, expect, it } from 'vitest';
import { meanTimingEfficiency, timingEfficiency, type TimingEfficiencyModel } from '../../../src/physics/detectors/timingEfficiency.js';
import { integrateCompositeGaussLegendre } from '../../../src/numerics/gaussLegendre.js';

// ε_T constants: Newtrinos.jl get_timing_efficiency (physics.md §3.2); lifetimes PDG 2024
const m: TimingEfficiencyModel = { plateauEnd_us: 0.52, slope_per_us: 0.0494, window_us: [0, 6], pionLifetime_us: 0.026033, muonLifetime_us: 2.1969811 };

function bruteForce(kind: 'prompt' | 'delayed', model: TimingEfficiencyModel): number {
  const tp = model.pionLifetime_us;
  const tm = model.muonLifetime_us;
  const f = (t: number): number => (kind === 'prompt' ? Math.exp(-t / tp) / tp : (Math.exp(-t / tm) - Math.exp(-t / tp)) / (tm - tp));
  const edges = [0, ...Array.from({ length: 600 }, (_, i) => 0.01 * (i + 1))].filter((x, i, a) => i === 0 || x > a[i - 1]!);
  edges.push(0.52);
  edges.sort((a, b) => a - b);
  const uniq = edges.filter((x, i, a) => i === 0 || x - a[i - 1]! > 1e-12);
  return integrateCompositeGaussLegendre((t) => timingEfficiency(t, model) * f(t), uniq, 10);
}

describe('timingEfficiency / meanTimingEfficiency (physics.md §3.2, §3.4)', () => {
  it('ε_T is 1 on the plateau, exp(−λ(t − t0)) after it and 0 outside the window', () => {
    expect(timingEfficiency(0.3, m)).toBe(1);
    expect(Math.abs(timingEfficiency(1.52, m) - Math.exp(-0.0494))).toBeLessThan(1e-15);
    expect(timingEfficiency(6, m)).toBe(0);
    expect(timingEfficiency(-0.1, m)).toBe(0);
  });
  it('closed-form averages equal a brute-force quadrature over the decay profiles (1e-9)', () => {
    for (const kind of ['prompt', 'delayed'] as const) expect(Math.abs(meanTimingEfficiency(kind, m) - bruteForce(kind, m))).toBeLessThan(1e-9);
  });
  it('gives ≈1 (prompt) and ≈0.87 (delayed) as estimated in spec §3.4 (sanity: 0.02, δ-like pulse)', () => {
    expect(Math.abs(meanTimingEfficiency('prompt', m) - 0.99)).toBeLessThan(0.02);
    expect(Math.abs(meanTimingEfficiency('delayed', m) - 0.87)).toBeLessThan(0.02);
  });
  it('a Gaussian pulse of width → 0 reproduces the δ pulse (1e-6)', () => {
    const narrow = { ...m, beamPulse: { center_us: 0.2, sigma_us: 1e-4 } };
    const shifted = { ...m, plateauEnd_us: m.plateauEnd_us - 0.2, window_us: [-0.2, 5.8] as [number, number] };
    expect(Math.abs(meanTimingEfficiency('delayed', narrow) - meanTimingEfficiency('delayed', shifted))).toBeLessThan(1e-6);
  });
});
