import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  essBasic,
  essBulk,
  essMean,
  essMedian,
  essQuantile,
  essSd,
  essTail,
  mcseMean,
  mcseMedian,
  mcseQuantile,
  mcseSd,
  rankRhat,
  rhatBasic,
} from '../../src/diagnostics/index.js';

// Fixture: ArviZ v0.23.4 saved_models/stan_diagnostics (reference values from R `posterior`);
// blocker.1 and blocker.2 are two chains. Tolerance 1e-8 (ArviZ's own test_deterministic).
const dir = new URL('../fixtures/stan-diagnostics/', import.meta.url);

function readCmdStan(name: string): Map<string, Float64Array> {
  const lines = readFileSync(new URL(name, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = lines[0].split(',');
  const cols = header.map(() => [] as number[]);
  for (const line of lines.slice(1)) line.split(',').forEach((v, j) => cols[j].push(Number(v)));
  return new Map(header.map((h, j) => [h, Float64Array.from(cols[j])]));
}

function readReference(): { columns: string[]; rows: Map<string, number[]> } {
  const lines = readFileSync(new URL('reference_posterior.csv', dir), 'utf8').trim().split('\n');
  const unquote = (s: string): string => s.replace(/^"|"$/g, '');
  const columns = lines[0].split(',').map(unquote).slice(1);
  const rows = new Map(lines.slice(1).map((l) => {
    const f = l.split(',');
    return [unquote(f[0]), f.slice(1).map(Number)] as const;
  }));
  return { columns, rows };
}

const chain1 = readCmdStan('blocker.1.csv');
const chain2 = readCmdStan('blocker.2.csv');
const reference = readReference();

type Column = (x: Float64Array[]) => number;
const implemented: Record<string, Column> = {
  rhat_rank: rankRhat,
  rhat_raw: rhatBasic,
  ess_bulk: essBulk,
  ess_tail: essTail,
  ess_mean: essMean,
  ess_sd: essSd,
  ess_median: essMedian,
  ess_raw: essBasic,
  ess_quantile01: (x) => essQuantile(x, 0.01),
  ess_quantile10: (x) => essQuantile(x, 0.1),
  ess_quantile30: (x) => essQuantile(x, 0.3),
  mcse_mean: mcseMean,
  mcse_sd: mcseSd,
  mcse_median: mcseMedian,
  mcse_quantile01: (x) => mcseQuantile(x, 0.01),
  mcse_quantile10: (x) => mcseQuantile(x, 0.1),
  mcse_quantile30: (x) => mcseQuantile(x, 0.3),
};

describe('Vehtari et al. 2021 diagnostics against stan-dev/posterior (blocker fixture)', () => {
  it('the fixture has 48 parameters, 2 × 1000 draws, and every reference column is implemented', () => {
    expect(reference.rows.size).toBe(48);
    for (const name of reference.rows.keys()) {
      expect(chain1.get(name)?.length).toBe(1000);
      expect(chain2.get(name)?.length).toBe(1000);
    }
    expect(reference.columns.filter((c) => !(c in implemented))).toEqual([]);
  });

  for (const column of reference.columns) {
    it(`${column} matches posterior for all 48 parameters to 1e-8 absolute`, () => {
      const f = implemented[column];
      let worst = 0;
      for (const [name, row] of reference.rows) {
        const expected = row[reference.columns.indexOf(column)];
        const got = f([chain1.get(name)!, chain2.get(name)!]);
        const err = Math.abs(got - expected);
        if (!(err <= 1e-8)) expect.fail(`${column}(${name}) = ${got}, posterior ${expected}`);
        worst = Math.max(worst, err);
      }
      expect(worst).toBeLessThanOrEqual(1e-8);
    });
  }
});
