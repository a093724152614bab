import { describe, expect, it } from 'vitest';
import { autocorrTime, convergenceCheck, IncrementalAutocorr } from '../../src/diagnostics/index.js';
import { TauRuleMonitor } from '../../src/diagnostics/index.js';
import { randnArray } from './fixtureChains.js';

/** AR(1) walkers x_i = μ + a_d (x_{i−1} − μ) + N(0,1), τ_d = (1 + a_d)/(1 − a_d); row-major (n, W, D). */
function ar1(seed: number, n: number, W: number, a: readonly number[], mu = 0): Float64Array {
  const D = a.length;
  const out = new Float64Array(n * W * D);
  const z = randnArray(seed, n * W * D);
  for (let w = 0; w < W; w++) {
    for (let d = 0; d < D; d++) {
      let x = mu + 2;
      for (let i = 0; i < n; i++) {
        x = mu + a[d]! * (x - mu) + z[(i * W + w) * D + d]!;
        out[(i * W + w) * D + d] = x;
      }
    }
  }
  return out;
}

/** The verdict of evaluating every parameter at every check (the rule as stated, via autocorrTime). */
function eagerVerdicts(chain: Float64Array, n: number, W: number, D: number, every: number, minAt: (c: number) => number): boolean[] {
  const out: boolean[] = [];
  let prev: Float64Array | null = null;
  for (let c = every; c <= n; c += every) {
    const now = autocorrTime(chain.subarray(0, c * W * D), c, W, D, { tol: 0, quiet: true });
    out.push(c >= minAt(c) && prev !== null && convergenceCheck([prev, now], c).converged);
    prev = now;
  }
  return out;
}

describe('TauRuleMonitor (the τ rule evaluated only where it decides)', () => {
  const W = 8;
  const a = [0.95, 0.8, 0.9];
  const D = a.length;
  const n = 4000;
  const every = 100;
  // schedules of minimum lengths (as R̂ extension rounds set them): none, and two extensions
  const schedules: Array<{ name: string; ext: Array<{ step: number; to: number }> }> = [
    { name: 'no extension', ext: [] },
    { name: 'extensions at 1500 → 2300 and 2300 → 3500', ext: [{ step: 1500, to: 2300 }, { step: 2300, to: 3500 }] },
  ];
  for (const seed of [3, 17]) {
    const chain = ar1(seed, n, W, a, 50);
    for (const sch of schedules) {
      const minAt = (c: number): number => sch.ext.filter((e) => e.step < c).reduce((m, e) => Math.max(m, e.to), 0);
      it(`seed ${seed}, ${sch.name}: same verdict as evaluating every parameter at every check, and every τ it computed is emcee's (1e-10)`, () => {
        const mon = new TauRuleMonitor(W, D, { checkEvery: every });
        const lazy: boolean[] = [];
        for (let c = every; c <= n; c += every) lazy.push(c < minAt(c) ? false : mon.check(chain, c, minAt(c)));
        const eager = eagerVerdicts(chain, n, W, D, every, minAt);
        // the chains are long enough for the rule to pass at some checks and fail at others
        expect(eager.some((v) => v)).toBe(true);
        expect(eager.some((v) => !v)).toBe(true);
        expect(lazy).toEqual(eager);
        mon.fillHistory(chain, n);
        const h = mon.history();
        let computed = 0;
        let skipped = 0;
        h.steps.forEach((s, i) => {
          const ref = autocorrTime(chain.subarray(0, s * W * D), s, W, D, { tol: 0, quiet: true });
          for (let d = 0; d < D; d++) {
            const v = h.tau[i]![d]!;
            if (Number.isNaN(v)) {
              skipped++;
              continue;
            }
            computed++;
            expect(Math.abs(v - ref[d]!) / ref[d]!, `step ${s}, parameter ${d}`).toBeLessThan(1e-10);
          }
        });
        // the last row is complete, and the monitor did skip work
        expect(h.tau[h.tau.length - 1]!.every((v) => !Number.isNaN(v))).toBe(true);
        expect(h.steps[h.steps.length - 1]).toBe(n);
        expect(skipped).toBeGreaterThan(0);
        expect(computed).toBeGreaterThan(0);
      });
    }
  }

  it('a run that evaluated no check (fixed length) still gets a τ(N) history for every parameter and the verdict at its last check', () => {
    const chain = ar1(7, 3050, W, a);
    const mon = new TauRuleMonitor(W, D, { checkEvery: every });
    mon.fillHistory(chain, 3050, [2900, 3000]);
    const verdict = mon.check(chain, 3000, 0);
    expect(verdict).toBe(eagerVerdicts(chain, 3000, W, D, every, () => 0)[29]);
    const h = mon.history();
    // geometric points 200, 300, 500, 800, 1200, 1800, 2700, then 2900, 3000 and the end
    expect(h.steps).toEqual([200, 300, 500, 800, 1200, 1800, 2700, 2900, 3000, 3050]);
    for (const row of h.tau) expect(row.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('is deterministic: the same checks on the same chain give the same τ history bit for bit (what a resumed run replays)', () => {
    const chain = ar1(5, 3000, W, a);
    const run = (): { steps: number[]; tau: number[][] } => {
      const mon = new TauRuleMonitor(W, D, { checkEvery: every });
      for (let c = every; c <= 3000; c += every) mon.check(chain, c, c > 1200 ? 2000 : 0);
      mon.fillHistory(chain, 3000);
      return mon.history();
    };
    expect(run()).toEqual(run());
  });
});

describe('IncrementalAutocorr column mode, catch-up blocks and reserved lags', () => {
  const W = 12;
  const a = [0.97, 0.5, 0.9];
  const D = a.length;
  const n = 5000;
  const chain = ar1(29, n, W, a, 1e3);
  it('one column equals that parameter of the all-parameter accumulator (1e-12) at every check', () => {
    const all = new IncrementalAutocorr(W, D, { block: 250 });
    const cols = a.map((_, d) => new IncrementalAutocorr(W, D, { block: 250, column: d }));
    for (let c = 250; c <= n; c += 250) {
      const t = all.update(chain, c);
      cols.forEach((col, d) => {
        const v = col.update(chain, c)[0]!;
        expect(Math.abs(v - t[d]!) / t[d]!, `n ${c}, d ${d}`).toBeLessThan(1e-12);
      });
    }
  });
  it('catching up in large blocks (and with lags reserved up front) equals autocorrTime (1e-10)', () => {
    for (let d = 0; d < D; d++) {
      const inc = new IncrementalAutocorr(W, D, { block: 250, column: d });
      if (d === 1) inc.reserveLags(2000);
      const v = inc.update(chain, 4750, inc.catchUpBlock())[0]!;
      const ref = autocorrTime(chain.subarray(0, 4750 * W * D), 4750, W, D, { tol: 0, quiet: true })[d]!;
      expect(Math.abs(v - ref) / ref, `parameter ${d}`).toBeLessThan(1e-10);
      expect(inc.catchUpBlock()).toBeGreaterThan(250);
    }
  });
  it('rejects a column outside the parameters and reserving lags after the first update', () => {
    expect(() => new IncrementalAutocorr(W, D, { column: 3 })).toThrow(/column 3/);
    const inc = new IncrementalAutocorr(W, D, { column: 0 });
    inc.update(chain, 100);
    expect(() => inc.reserveLags(10)).toThrow(/before the first update/);
  });
});
