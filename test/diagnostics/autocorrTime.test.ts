import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AutocorrError, autocorrFunction1d, autocorrTime, autoWindow, integratedTime1d } from '../../src/diagnostics/index.js';
import { ar1Chain, randnArray } from './fixtureChains.js';

interface Case {
  name: string;
  recipe: { kind: 'ar1' | 'randn'; seed: number; k: number; a?: number[] };
  nsteps: number;
  nwalkers: number;
  ndim: number;
  discard: number;
  thin: number;
  tol: number;
  tau: number[];
  tooShort: boolean;
  note: string;
  head: number[];
}
// Fixture: emcee 3.1.4 integrated_time on seeded chains (generator: test/fixtures/autocorr/make_autocorr.py).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/autocorr/autocorr.json', import.meta.url), 'utf8')) as { cases: Case[] };

function regenerate(c: Case): Float64Array {
  if (c.recipe.kind === 'ar1') return ar1Chain(c.recipe.seed, c.nsteps, c.recipe.k, c.recipe.a ?? [0.9]);
  return randnArray(c.recipe.seed, c.nsteps * c.recipe.k);
}

describe('autocorrTime (emcee integrated_time)', () => {
  for (const c of fixture.cases) {
    it(`autocorrTime reproduces emcee 3.1.4 for ${c.name} to 1e-10 relative (${c.note})`, () => {
      const chain = regenerate(c);
      expect(Array.from(chain.subarray(0, c.head.length))).toEqual(c.head);
      const opts = { discard: c.discard, thin: c.thin, tol: c.tol };
      if (c.tooShort) {
        expect(() => autocorrTime(chain, c.nsteps, c.nwalkers, c.ndim, opts)).toThrow(AutocorrError);
      }
      const tau = autocorrTime(chain, c.nsteps, c.nwalkers, c.ndim, { ...opts, quiet: true });
      expect(tau.length).toBe(c.ndim);
      for (let d = 0; d < c.ndim; d++) expect(Math.abs(tau[d] - c.tau[d]) / c.tau[d]).toBeLessThan(1e-10);
    });
  }

  it('AutocorrError carries the estimate (emcee test_too_short: tau = 10.48337784)', () => {
    const c = fixture.cases.find((k) => k.name === 'test_too_short')!;
    try {
      autocorrTime(regenerate(c), c.nsteps, c.nwalkers, c.ndim);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AutocorrError);
      expect((err as AutocorrError).tau[0]).toBeCloseTo(10.48337784, 7);
      expect((err as Error).message).toMatch(/shorter than 50 autocorrelation times/);
    }
  });

  it('integratedTime1d(x) is within 20% of the AR(1) truth (1+a)/(1−a) = 19 (emcee test_1d bound)', () => {
    const x = ar1Chain(1234, 100000, 1, [0.9]);
    expect(Math.abs(integratedTime1d(x) - 19) / 19).toBeLessThan(0.2);
  });

  it('autocorrFunction1d starts at 1 and autoWindow returns the first M ≥ c·τ(M) (definition)', () => {
    const f = autocorrFunction1d(Float64Array.of(1, -1, 1, -1));
    [1, -0.75, 0.5, -0.25].forEach((v, t) => expect(Math.abs(f[t] - v)).toBeLessThan(1e-15)); // FFT rounding only
    expect(autoWindow(Float64Array.of(1, 1.8, 2.4, 2.6), 1)).toBe(3);
    expect(autoWindow(Float64Array.of(10, 10, 10), 5)).toBe(2);
  });

  it('autocorrTime rejects a chain whose length does not match the shape', () => {
    expect(() => autocorrTime(new Float64Array(10), 4, 2, 2)).toThrow(/expected nsteps/);
  });
});
