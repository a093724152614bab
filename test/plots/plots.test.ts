import { describe, it, expect } from 'vitest';
import { cornerPlot } from '../../src/plots/cornerPlot.js';
import { tracePlot } from '../../src/plots/tracePlot.js';
import { autocorrPlot } from '../../src/plots/autocorrPlot.js';
import { spectrumPlot } from '../../src/plots/spectrumPlot.js';
import { profilePlot } from '../../src/plots/profilePlot.js';
import type { PlotParameter } from '../../src/plots/types.js';
import { correlatedGaussian, EXAMPLE_MEAN, exampleCov, parabolicProfile, gaussianEllipse, toySpectrum, excessSpectrum } from './fixtures/syntheticData.js';

const PARAMS: PlotParameter[] = [
  { name: 'mu', label: 'μ', unit: '' },
  { name: 'q', label: 'q_νe', unit: 'e' },
  { name: 'r2', label: '⟨r²⟩', unit: 'fm²', scale: 'log' },
];
const cov = exampleCov();
const runA = correlatedGaussian(0.25, 4000, EXAMPLE_MEAN, cov);
const runB = correlatedGaussian(0.75, 2000, [1.1, 2.1e-7, 0.5], cov);

function count(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

function cornerExample(): string {
  return cornerPlot(PARAMS, [
    { label: 'run A', samples: runA },
    { label: 'run B', samples: runB },
  ], {
    truths: [1, 2e-7, null],
    published: [null, { lo: 1.6e-7, hi: 2.5e-7, label: 'published 90% CL' }, null],
    profiles1d: [{ parameter: 1, ...parabolicProfile(2e-7, 0.3e-7) }],
    profiles2d: [{ x: 0, y: 1, level: '68.3% CL, Δχ² = 2.30', polygons: [gaussianEllipse([1, 2e-7], [cov[0]![0]!, cov[0]![1]!, cov[1]![1]!], 2.3)] }],
  });
}

describe('cornerPlot', () => {
  const svg = cornerExample();

  it('cornerPlot draws d diagonal and d(d−1)/2 pair panels, one histogram per run per diagonal', () => {
    expect(count(svg, /class="panel diag"/g)).toBe(3);
    expect(count(svg, /class="panel pair"/g)).toBe(3);
    expect(count(svg, /<path class="hist"/g)).toBe(3 * 2);
    expect(count(svg, /<line class="quantile"/g)).toBe(3 * 2 * 3);
  });

  it('cornerPlot draws non-empty contours for every run, pair and level (2 × 3 × 2), outer level first', () => {
    const contours = [...svg.matchAll(/<path class="contour" data-run="(\d)" data-mass="([\d.]+)" d="([^"]*)"/g)];
    expect(contours.length).toBe(12);
    for (const c of contours) expect(c[3]!.length).toBeGreaterThan(20);
    for (let k = 0; k < contours.length; k += 2) expect(Number(contours[k]![2])).toBeGreaterThan(Number(contours[k + 1]![2]));
  });

  it('cornerPlot overlays profile likelihoods, truths, published bands and states the level convention in the legend', () => {
    expect(count(svg, /class="profile1d"/g)).toBe(1);
    expect(count(svg, /class="profile2d"/g)).toBe(1);
    expect(count(svg, /class="published"/g)).toBe(1 + 2); // diagonal q plus the two pair panels with q
    expect(svg).toContain('2-D contours enclose 68.3% and 95.4% of the posterior mass');
    expect(svg).toContain('q_νe [10⁻⁷ e]'); // factored exponent joins the unit
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('cornerPlot titles use the same quantiles as the dashed lines', () => {
    // run A, parameter μ: title "μ = m +p −n"; the three quantile lines of run 0 at the title's values
    const m = svg.match(/<text class="panel-title"[^>]*>μ = ([\d.]+) \+([\d.]+) \u2212([\d.]+)<\/text>/);
    expect(m).not.toBeNull();
    const sorted = Float64Array.from({ length: 4000 }, (_, s) => runA[3 * s]!).sort();
    const q = (p: number): number => {
      const h = (sorted.length - 1) * p;
      const i = Math.floor(h);
      return sorted[i]! + (h - i) * (sorted[i + 1]! - sorted[i]!);
    };
    expect(Number(m![1])).toBeCloseTo(q(0.5), 2);
    expect(Number(m![2])).toBeCloseTo(q(0.84) - q(0.5), 2);
    expect(Number(m![3])).toBeCloseTo(q(0.5) - q(0.16), 2);
  });

  it('cornerPlot is deterministic: same input, same string', () => {
    expect(cornerExample()).toBe(svg);
  });

  it('cornerPlot matches the committed SVG snapshot', async () => {
    await expect(svg).toMatchFileSnapshot('./__snapshots__/corner.svg');
  });

  it('cornerPlot rejects non-positive draws on a log axis with a message naming the parameter', () => {
    const bad = Float64Array.from([1, -1, 2, 3]);
    expect(() => cornerPlot([{ name: 'a', label: 'a' }, { name: 'm', label: 'm', scale: 'log' }], [{ label: 'r', samples: bad }])).toThrow(/parameter "m" uses a log axis.*non-positive draw/);
    expect(() => cornerPlot(PARAMS, [{ label: 'r', samples: new Float64Array(5) }])).toThrow(/not a multiple of 3/);
  });

  it('cornerPlot with corner.py σ levels, KDE marginals and one run states the 2-D σ convention', () => {
    const s = cornerPlot(PARAMS.slice(0, 2), [{ label: 'A', samples: correlatedGaussian(0.3, 2000, [0, 0], [[1, 0.5], [0.5, 1]]) }], {
      levels: { kind: 'sigma2d', sigmas: [1, 2] },
      density1d: 'kde',
    });
    expect(s).toContain('corner.py 2-D σ levels 1σ, 2σ');
    expect(s).toContain('39.3% and 86.5%');
    expect(count(s, /<path class="contour"/g)).toBe(2);
  });
});

describe('tracePlot, autocorrPlot, spectrumPlot, profilePlot', () => {
  const T = 50;
  const W = 6;
  const values = new Float64Array(T * W * 3).map((_, i) => 1 + 0.1 * Math.sin(i * 0.37) + (i % 3 === 2 ? 0 : 0)).map((v, i) => (i % 3 === 1 ? v * 1e-7 : v));
  const trace = tracePlot(PARAMS, { steps: Array.from({ length: T }, (_, t) => 10 * t), nWalkers: W, nParams: 3, values, burnIn: 100 });
  const steps = [100, 200, 400, 800, 1600];
  const tau = autocorrPlot(PARAMS, { steps, tau: [steps.map((s) => 10 + 50 / Math.sqrt(s)), steps.map(() => 12), steps.map((s) => 30 - s / 200)] });
  const spec = spectrumPlot({ ...toySpectrum(), xLabel: 'recoil energy', xUnit: 'keVnr', title: 'toy' });
  const prof = parabolicProfile(0, 1);
  const profile = profilePlot({ name: 'x', label: 'x', unit: 'm' }, prof.grid, prof.deltaChi2, { intervals: [{ lo: -1.645, hi: 1.645, label: '90% CL' }] });

  it('tracePlot draws one panel per parameter and min(W, 16) walkers each, and the burn-in line', () => {
    expect(count(trace, /class="panel trace"/g)).toBe(3);
    expect(count(trace, /<path class="walker"/g)).toBe(3 * W);
    expect(count(trace, /class="burnin"/g)).toBe(3);
    expect(() => tracePlot(PARAMS, { steps: [0, 1], nWalkers: 2, nParams: 3, values: new Float64Array(3) })).toThrow(/expected steps × walkers × params = 12/);
  });

  it('autocorrPlot draws one τ line per parameter and the τ = N/50 line on log–log axes', () => {
    expect(count(tau, /<path class="tau"/g)).toBe(3);
    expect(count(tau, /class="tau-threshold"/g)).toBe(1);
    expect(tau).toContain('τ = N/50');
  });

  it('spectrumPlot draws observed points with error bars in both panels and the model step lines', () => {
    expect(count(spec, /<circle class="point observed"/g)).toBe(12);
    expect(count(spec, /<circle class="point residual"/g)).toBe(12);
    expect(count(spec, /class="(expected|bestfit|background)"/g)).toBe(3);
    expect(spec).toContain('recoil energy [keVnr]');
    expect(() => spectrumPlot({ edges: [0, 1], observed: [1, 2], sigma: [1, 1], xLabel: 'x' })).toThrow(/3 edges|need bins \+ 1/);
  });

  const excess = spectrumPlot({ ...excessSpectrum(), xLabel: 'PE', title: 'C − AC excess' });
  /** Top panel frame (the first frame rect) and the observed points and error bars, in px. */
  function topPanel(svg: string): { y0: number; y1: number; points: number[]; bars: Array<[number, number]>; zero: number | null } {
    const rect = /<rect class="frame" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"/.exec(svg)!;
    const y0 = Number(rect[1]);
    const main = svg.slice(svg.indexOf('<g class="panel spectrum">'), svg.indexOf('<g class="panel residuals">'));
    const points = [...main.matchAll(/<circle class="point observed" cx="[^"]+" cy="([^"]+)" r="([^"]+)"/g)].map((m) => Number(m[1]));
    const bars = [...main.matchAll(/<line class="errorbar observed" x1="[^"]+" y1="([^"]+)" x2="[^"]+" y2="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
    const z = /<line class="zero" x1="[^"]+" y1="([^"]+)"/.exec(main);
    return { y0, y1: y0 + Number(rect[2]), points, bars, zero: z ? Number(z[1]) : null };
  }

  it('spectrumPlot keeps every observed point (r = 2.2 px) and error bar inside the top panel, also a negative bin (−24 ± 20.4, COHERENT C − AC) and zero bins', () => {
    for (const svg of [spec, excess]) {
      const p = topPanel(svg);
      expect(p.points).toHaveLength(svg === spec ? 12 : 9);
      expect(p.bars).toHaveLength(p.points.length);
      for (const cy of p.points) {
        expect(cy - 2.2).toBeGreaterThanOrEqual(p.y0); // whole marker inside, not on the frame edge
        expect(cy + 2.2).toBeLessThanOrEqual(p.y1);
      }
      for (const [a, b] of p.bars) {
        for (const y of [a, b]) {
          expect(y).toBeGreaterThanOrEqual(p.y0);
          expect(y).toBeLessThanOrEqual(p.y1);
        }
      }
    }
  });

  it('spectrumPlot draws a zero line in the top panel only when the range extends below 0, and places it between the frame edges', () => {
    expect(topPanel(spec).zero).toBeNull();
    const p = topPanel(excess);
    expect(p.zero).not.toBeNull();
    expect(p.zero!).toBeGreaterThan(p.y0);
    expect(p.zero!).toBeLessThan(p.y1);
  });

  it('spectrumPlot: a lone data point 0 ± 0 among positive bins does not sit on the frame edge', () => {
    const svg = spectrumPlot({ edges: [0, 1, 2, 3], observed: [5, 0, 7], sigma: [1, 0, 1], xLabel: 'x' });
    const p = topPanel(svg);
    expect(Math.max(...p.points) + 2.2).toBeLessThanOrEqual(p.y1);
    expect(p.zero).not.toBeNull();
  });

  it('profilePlot draws the Δχ² curve and the 1-dof CL lines 1, 2.71, 3.84 (PDG Table 40.2)', () => {
    expect(count(profile, /class="cl-line"/g)).toBe(3);
    expect(profile).toContain('90% CL (2.71)');
    expect(count(profile, /class="profile-curve"/g)).toBe(1);
  });

  it('every plot matches its committed SVG snapshot and contains no NaN', async () => {
    for (const [name, s] of [
      ['trace', trace],
      ['tau', tau],
      ['spectrum', spec],
      ['spectrum-excess', excess],
      ['profile', profile],
    ] as const) {
      expect(s).not.toMatch(/NaN|undefined/);
      await expect(s).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
    }
  });
});
