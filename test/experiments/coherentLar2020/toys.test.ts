/**
 * Done-when test of the argon experiment: toys generated from the model at known parameters (the
 * SM signal, nominal nuisances; penalty centres drawn from the priors) refit without bias: the
 * pulls (estimate − truth)/σ̂ have mean 0 and width 1 within their statistical errors.
 * The prompt-BRN count is reported but not asserted (tails from the BRN shape morphs; see the
 * long run in docs/reproduction.md).
 * Fast seeded version: 40 toys (mean within 3/√n, width within 3/√(2n) of 1). Long version:
 * ARGON_TOYS=1 runs 400 toys with the same criteria (results in docs/reproduction.md).
 * ARGON_COVERAGE=<n> (not in the suite) checks the coverage of the profile-likelihood intervals of
 * the CEvNS events and the pulse shift with n toys (docs/reproduction.md, argon toys).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argonNuisances, buildArgonModel } from '../../../src/experiments/coherentLar2020/argonModel.js';
import { argonToy, argonToyCoverage } from '../../../src/experiments/coherentLar2020/argonFits.js';
import { readLarRelease } from '../../../src/experiments/coherentLar2020/release.js';
import { makeRng } from '../../../src/random/makeRng.js';
import { poissonVariate } from '../../../src/random/poisson.js';

const LONG = process.env.ARGON_TOYS === '1';
const N = LONG ? 400 : 40;

describe(`argon toys (${N}, seeded)`, () => {
  it('pulls of the CEvNS events, the steady-state count, QF a and the pulse shift have mean 0 and width 1 within 3 standard errors', () => {
    const rel = readLarRelease(resolve(__dirname, '../../../models/data/coherent-lar-2020'));
    // with the CEvNS events free, the signal-rate nuisances only duplicate them: leave them out
    const nuis = argonNuisances(rel, 0).filter((n) => !n.effect.startsWith('signal-'));
    const m = buildArgonModel(rel, { nuisances: nuis });
    const rng = makeRng('default', 20261205);
    const watch = ['ar_ss', 'ar_qf_a', 'ar_time', 'ar_brn'].map((name) => nuis.findIndex((n) => n.name === name));
    const pulls: number[][] = [[], ...watch.map(() => [])];
    let converged = 0;
    for (let i = 0; i < N; i++) {
      const p = argonToy(m, (l) => poissonVariate(rng, l), () => rng.standardNormal());
      if (p.converged) converged++;
      pulls[0]!.push(p.cevns);
      watch.forEach((k, j) => pulls[j + 1]!.push(p.nuisances[k]!));
    }
    expect(converged).toBeGreaterThanOrEqual(N - Math.ceil(N / 40));
    const rows = pulls.map((a) => {
      const mean = a.reduce((x, y) => x + y, 0) / a.length;
      const sd = Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / (a.length - 1));
      return { mean, sd };
    });
    if (LONG || process.env.ARGON_TOYS_PRINT) console.log(JSON.stringify({ toys: N, pulls: Object.fromEntries(['cevns', 'ar_ss', 'ar_qf_a', 'ar_time', 'ar_brn'].map((k, i) => [k, rows[i]])) }));
    // the prompt-BRN count (last row) is reported, not asserted: its pulls have tails from the
    // non-linear BRN t_trig morphs (docs/reproduction.md, argon toys)
    for (const r of rows.slice(0, 4)) {
      expect(Math.abs(r.mean)).toBeLessThan(3 / Math.sqrt(N));
      expect(Math.abs(r.sd - 1)).toBeLessThan(3 / Math.sqrt(2 * N));
    }
  }, 600_000);
});

const COVERAGE = Number(process.env.ARGON_COVERAGE ?? 0);

describe.skipIf(!(COVERAGE > 0))(`argon profile-likelihood coverage (${COVERAGE} toys, seeded; ARGON_COVERAGE=<n>)`, () => {
  it('the 68.27% and 90% intervals −2Δln L < 1, 2.71 of the CEvNS events and of the pulse shift cover the truth at their nominal rate within 3 binomial standard errors', () => {
    const rel = readLarRelease(resolve(__dirname, '../../../models/data/coherent-lar-2020'));
    const nuis = argonNuisances(rel, 0).filter((n) => !n.effect.startsWith('signal-'));
    const m = buildArgonModel(rel, { nuisances: nuis });
    const rng = makeRng('default', 20261206);
    const rows: Array<{ c: number; s: number; ok: boolean }> = [];
    for (let i = 0; i < COVERAGE; i++) {
      const r = argonToyCoverage(m, (l) => poissonVariate(rng, l), () => rng.standardNormal());
      rows.push({ c: r.deltaChi2Cevns, s: r.deltaChi2Shift, ok: r.converged });
    }
    const frac = (key: 'c' | 's', level: number): number => rows.filter((r) => r[key] < level).length / rows.length;
    const result = {
      toys: COVERAGE,
      converged: rows.filter((r) => r.ok).length,
      cevns: { cov68: frac('c', 1), cov90: frac('c', 2.705543) },
      shift: { cov68: frac('s', 1), cov90: frac('s', 2.705543) },
    };
    console.log(JSON.stringify(result));
    for (const [p, level] of [[0.6827, 'cov68'], [0.9, 'cov90']] as const) {
      const se = Math.sqrt((p * (1 - p)) / COVERAGE);
      expect(Math.abs(result.cevns[level] - p)).toBeLessThan(3 * se);
      expect(Math.abs(result.shift[level] - p)).toBeLessThan(3 * se);
    }
  }, 3_600_000);
});
