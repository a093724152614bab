import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { equalTailed, median, quantiles, weightedQuantiles } from '../../src/summaries/index.js';

// Fixture: numpy 1.24 np.quantile (type 7) and corner.py's weighted quantile algorithm
// (generator: test/fixtures/summaries/make_quantiles.py).
interface QCase { name: string; x: number[]; probs: number[]; q: number[]; w?: number[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/summaries/quantiles.json', import.meta.url), 'utf8')) as {
  quantile: QCase[];
  weighted: QCase[];
};

const close = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('quantiles (numpy type 7) and weightedQuantiles (corner.py)', () => {
  for (const c of fixture.quantile) {
    it(`quantiles(${c.name}) equals numpy np.quantile to 4e-16 relative`, () => {
      const q = quantiles(c.x, c.probs);
      c.q.forEach((v, i) => expect(close(q[i], v, 4e-16), `p = ${c.probs[i]}: ${q[i]} vs ${v}`).toBe(true));
    });
  }
  for (const c of fixture.weighted) {
    it(`weightedQuantiles(${c.name}) equals corner.quantile with weights to 1e-14 relative`, () => {
      const q = weightedQuantiles(c.x, c.probs, c.w!);
      c.q.forEach((v, i) => expect(close(q[i], v, 1e-14), `p = ${c.probs[i]}: ${q[i]} vs ${v}`).toBe(true));
    });
  }

  it('weightedQuantiles with equal weights is the type-7 quantile (identity)', () => {
    const x = fixture.quantile.find((c) => c.name === 'normal101')!.x;
    const probs = [0.05, 0.5, 0.95];
    const a = weightedQuantiles(x, probs, x.map(() => 1));
    const b = quantiles(x, probs);
    probs.forEach((_, i) => expect(close(a[i], b[i], 1e-14)).toBe(true));
  });

  it('median and equalTailed follow from the same quantiles; bad input is rejected', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(equalTailed([1, 2, 3, 4, 5], 0.5)).toEqual({ lo: 2, hi: 4 });
    expect(Number.isNaN(quantiles([], [0.5])[0])).toBe(true);
    expect(() => equalTailed([1, 2], 1.5)).toThrow(/prob/);
    expect(() => weightedQuantiles([1, 2], [0.5], [1])).toThrow(/weights/);
  });
});
