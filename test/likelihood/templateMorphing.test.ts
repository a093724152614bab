import { describe, expect, it } from 'vitest';
import { morphDelta, morphTemplate, morphWeights } from '../../src/likelihood/templateMorphing.js';

const nom = [10, 4, 0];
const up = [12, 3, 1];
const down = [9, 6, 0];

function apply(alpha: number, t = morphTemplate('x', nom, up, down)): number[] {
  const w = morphWeights(alpha);
  return nom.map((n, b) => n + w.w1 * t[w.first][b]! + w.w2 * t.a[b]!);
}

describe('templateMorphing (HistFactory / pyhf code 4p)', () => {
  it('reproduces the nominal at α = 0 and the alternatives at α = ±1 exactly', () => {
    expect(apply(0)).toEqual(nom);
    apply(1).forEach((v, b) => expect(v).toBeCloseTo(up[b]!, 14));
    apply(-1).forEach((v, b) => expect(v).toBeCloseTo(down[b]!, 14));
  });

  it('is linear beyond ±1 with the slope of the nearer alternative', () => {
    apply(2.5).forEach((v, b) => expect(v).toBeCloseTo(nom[b]! + 2.5 * (up[b]! - nom[b]!), 12));
    apply(-3).forEach((v, b) => expect(v).toBeCloseTo(nom[b]! - 3 * (nom[b]! - down[b]!), 12));
  });

  it('has a continuous value and first derivative at α = −1, 0, 1 (finite differences, 1e-6)', () => {
    const h = 1e-7;
    for (const a0 of [-1, 0, 1]) {
      for (let b = 0; b < nom.length; b++) {
        const f = (a: number): number => morphDelta(a, nom[b]!, up[b]!, down[b]!);
        const left = (f(a0) - f(a0 - h)) / h;
        const right = (f(a0 + h) - f(a0)) / h;
        expect(Math.abs(left - right)).toBeLessThan(1e-5);
        expect(Math.abs(f(a0 + h) - f(a0 - h))).toBeLessThan(1e-5);
      }
    }
  });

  it('the split form (morphWeights) equals morphDelta everywhere', () => {
    const t = morphTemplate('x', nom, up, down);
    for (const a of [-2.2, -1, -0.3, 0.4, 1, 1.7]) {
      const w = morphWeights(a);
      nom.forEach((n, b) => expect(w.w1 * t[w.first][b]! + w.w2 * t.a[b]!).toBeCloseTo(morphDelta(a, n, up[b]!, down[b]!), 13));
    }
  });

  it('symmetrises a one-sided systematic: down = 2·nominal − up', () => {
    const t = morphTemplate('w', nom, up);
    apply(-1, t).forEach((v, b) => expect(v).toBeCloseTo(2 * nom[b]! - up[b]!, 13));
  });

  it('rejects histograms of different lengths', () => {
    expect(() => morphTemplate('x', [1, 2], [1])).toThrow(/differ in length/);
  });
});
