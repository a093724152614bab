import { describe, it, expect } from 'vitest';
import { pullPlot } from '../../src/plots/pullPlot.js';

describe('pullPlot', () => {
  const svg = pullPlot(
    [
      { name: 'alpha', priorCenter: 0, priorWidth: 0.1, bestFit: 0.05, posterior: { mean: 0.04, sd: 0.08 } },
      { name: 'bkg', label: 'background scale', priorCenter: 1, priorWidth: 0.2, bestFit: 0.6 },
    ],
    { width_px: 520 },
  );
  const attr = (cls: string, name: string, key: string): number => Number(new RegExp(`class="${cls}" data-name="${name}"[^>]*?${key}="([-0-9.]+)"`).exec(svg)![1]);
  it('places the best fit at (ν − ν₀)/σ_prior on the common axis: +0.5 and −2 are 2.5 prior widths apart, 0.5 right of the ±0 line', () => {
    const zero = Number(/class="zero" x1="([-0-9.]+)"/.exec(svg)![1]);
    const a = attr('best-fit', 'alpha', 'cx');
    const b = attr('best-fit', 'bkg', 'cx');
    const unit = (a - b) / 2.5;
    expect(unit).toBeGreaterThan(0);
    expect(Math.abs(a - zero - 0.5 * unit)).toBeLessThan(0.02);
  });
  it('draws the posterior ±1 sd bar in prior units (0.8 prior widths wide) and labels every row', () => {
    const x1 = attr('posterior', 'alpha', 'x1');
    const x2 = attr('posterior', 'alpha', 'x2');
    const a = attr('best-fit', 'alpha', 'cx');
    const b = attr('best-fit', 'bkg', 'cx');
    expect(Math.abs((x2 - x1) / ((a - b) / 2.5) - 1.6)).toBeLessThan(0.01);
    expect(svg).toContain('>alpha<');
    expect(svg).toContain('>background scale<');
  });
  it('refuses a non-positive prior width', () => {
    expect(() => pullPlot([{ name: 'x', priorCenter: 0, priorWidth: 0 }])).toThrow();
  });
});
