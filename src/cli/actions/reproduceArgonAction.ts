/**
 * `nuem reproduce coherent-ar2020 [--json] [--no-write]`: the checks of the argon experiment
 * against the COHERENT CENNS-10 2020 release (arXiv:2003.10630; data release arXiv:2006.12659,
 * models/data/coherent-lar-2020): nuem's SM prediction against the release's 128 ± 17, the
 * CEvNS count fitted with the signal normalisation free (released PDFs, and nuem's own signal)
 * against 159 ± 43, the background normalisations, and the significance against no CEvNS.
 * Prints rows `{ quantity, published, ours, pass }` (`--json`), and rewrites the generated block
 * of docs/reproduction.md unless `--no-write`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../provenance.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { argonNuisances, buildArgonModel, type ArgonNuisance } from '../../experiments/coherentLar2020/argonModel.js';
import { measureCevnsCount } from '../../experiments/coherentLar2020/argonFits.js';
import { readLarRelease, type LarRelease } from '../../experiments/coherentLar2020/release.js';
import { replaceGeneratedBlock } from './reproduceAction.js';

/** One row of the comparison. */
export interface ArgonReproductionRow {
  /** what is compared */
  quantity: string;
  /** the published value: central value with its 1σ, or a lower bound */
  published: { value: number; uncertainty?: number } | { atLeast: number };
  /** ours: central value with its 1σ interval where there is one */
  ours: { value: number; lower?: number; upper?: number };
  /** the pass criterion, in words */
  criterion: string;
  /** within the criterion */
  pass: boolean;
}

const NORMS = ['brn-prompt-events', 'brn-delayed-events', 'ss-events'];

/**
 * Width of the CEvNS normalisation not covered by flux, mass and QF: √(σ_rel² − σ_flux² − σ_mass²
 * − σ_QF²) with σ_rel = 17/128 (release prediction), σ_QF the relative change of the in-window
 * SM count for ±1σ of a and b (added in quadrature). Used for the `signal-other` nuisance.
 *
 * @param rel - the release
 * @returns the relative width (dimensionless)
 * @example argonResidualNormSigma(release) // returns ≈ 0.08
 * Reference: arXiv:2006.12659 Table 2 (128 ± 17) and §2.8.
 */
export function argonResidualNormSigma(rel: LarRelease): number {
  const P = rel.parameters;
  const base = argonNuisances(rel, 0);
  const m = buildArgonModel(rel, { nuisances: base });
  const nu = base.map((n) => n.nominal);
  const count = (v: number[]): number => {
    const a = new Float64Array(960);
    const b = new Float64Array(960);
    m.expected([], v, a, 1);
    m.expected([], v, b, 0);
    return a.reduce((s, x, i) => s + x - b[i]!, 0);
  };
  const n0 = count(nu);
  let qf2 = 0;
  for (const e of ['qf-a', 'qf-b']) {
    const k = base.findIndex((n) => n.effect === e);
    const up = [...nu];
    up[k] = nu[k]! + base[k]!.width;
    const dn = [...nu];
    dn[k] = nu[k]! - base[k]!.width;
    qf2 += ((count(up) - count(dn)) / (2 * n0)) ** 2;
  }
  const total = P.prediction.cevns.sigma / P.prediction.cevns.value;
  const flux = P.nuPerFlavorPerProton.sigma / P.nuPerFlavorPerProton.value;
  const mass = P.fiducialMass_kg.sigma / P.fiducialMass_kg.value;
  return Math.sqrt(Math.max(0, total * total - flux * flux - mass * mass - qf2));
}

/**
 * Computes every row.
 *
 * @param rel - the release
 * @returns the rows
 * @example argonReproductionRows(readLarRelease(dir))[0].quantity // returns 'SM CEvNS prediction (events in the 3-D window)'
 */
export function argonReproductionRows(rel: LarRelease): ArgonReproductionRow[] {
  const P = rel.parameters;
  const nuis = argonNuisances(rel, 0);
  const norms = nuis.filter((n) => NORMS.includes(n.effect));
  const shapes = nuis.filter((n) => !n.effect.startsWith('signal-'));
  const rows: ArgonReproductionRow[] = [];
  // SM prediction
  const sm = buildArgonModel(rel, { nuisances: nuis });
  const a = new Float64Array(960);
  const b = new Float64Array(960);
  const nu = nuis.map((n) => n.nominal);
  sm.expected([], nu, a, 1);
  sm.expected([], nu, b, 0);
  const smCount = a.reduce((s, x, i) => s + x - b[i]!, 0);
  const pc = P.prediction.cevns;
  rows.push({
    quantity: 'SM CEvNS prediction (events in the 3-D window)',
    published: { value: pc.value, uncertainty: pc.sigma },
    ours: { value: smCount },
    criterion: 'within the published 1σ',
    pass: Math.abs(smCount - pc.value) < pc.sigma,
  });
  const bf = P.bestFit;
  const fit = (label: string, signal: 'release' | 'nuem', list: ArgonNuisance[], tight: boolean): void => {
    const r = measureCevnsCount(buildArgonModel(rel, { nuisances: list, signal }), [0]);
    const ok = tight
      ? Math.abs(r.best - bf.cevns.value) < 0.1 * bf.cevns.sigma && Math.abs(r.interval[1] - r.interval[0] - 2 * bf.cevns.sigma) < 0.1 * 2 * bf.cevns.sigma
      : Math.abs(r.best - bf.cevns.value) < bf.cevns.sigma;
    rows.push({
      quantity: `fitted CEvNS events, signal normalisation free (${label})`,
      published: { value: bf.cevns.value, uncertainty: bf.cevns.sigma },
      ours: { value: r.best, lower: r.interval[0], upper: r.interval[1] },
      criterion: tight ? 'centre within 0.1σ and interval width within 10%' : 'centre within the published 1σ',
      pass: ok,
    });
    rows.push({
      quantity: `significance against no CEvNS, √(−2Δln L) (${label})`,
      published: { atLeast: 3 },
      ours: { value: r.significance },
      criterion: 'above the published > 3σ (arXiv:2003.10630 abstract)',
      pass: r.significance > 3,
    });
    if (tight) {
      const names = [
        ['prompt BRN events', bf.brnPrompt],
        ['delayed BRN events', bf.brnDelayed],
        ['steady-state events', bf.steadyState],
      ] as const;
      names.forEach(([q, v], k) =>
        rows.push({
          quantity: `fitted ${q} (${label})`,
          published: { value: v.value, uncertainty: v.sigma },
          ours: { value: r.nu[k]! },
          criterion: 'within 0.1σ',
          pass: Math.abs(r.nu[k]! - v.value) < 0.1 * v.sigma,
        }),
      );
    }
  };
  fit('released CEvNS PDF; BRN, delayed-BRN and steady-state normalisations constrained, as in the release', 'release', norms, true);
  fit("nuem's CEvNS signal; same nuisances", 'nuem', norms, false);
  fit("nuem's CEvNS signal; all shape nuisances (QF, pulse mean, F90, BRN shapes) too", 'nuem', shapes, false);
  return rows;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(Math.abs(x) >= 10 ? 1 : 2));

function table(rows: ArgonReproductionRow[]): string[] {
  const out = ['| quantity | published | ours | criterion | pass |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const pub = 'atLeast' in r.published ? `> ${r.published.atLeast}` : `${fmt(r.published.value)}${r.published.uncertainty !== undefined ? ` ± ${fmt(r.published.uncertainty)}` : ''}`;
    const o = r.ours;
    const ours = o.lower !== undefined && o.upper !== undefined ? `${fmt(o.value)} (+${fmt(o.upper - o.value)}, −${fmt(o.value - o.lower)})` : fmt(o.value);
    out.push(`| ${r.quantity} | ${pub} | ${ours} | ${r.criterion} | ${r.pass ? 'pass' : '**FAIL**'} |`);
  }
  return out;
}

/** Flags of `nuem reproduce coherent-ar2020`. */
export interface ArgonReproduceFlags {
  json?: boolean;
  write: boolean;
}

/**
 * Runs `nuem reproduce coherent-ar2020`.
 *
 * @param flags - `--json`, `--no-write`
 * @returns nothing; prints the rows (JSON) or the pass count, rewrites docs/reproduction.md unless --no-write
 */
export function reproduceArgonAction(flags: ArgonReproduceFlags): void {
  const rel = readLarRelease(resolve(PACKAGE_ROOT, 'models/data/coherent-lar-2020'));
  const rows = argonReproductionRows(rel);
  if (flags.json) process.stdout.write(`${JSON.stringify(rows.map((r) => ({ quantity: r.quantity, published: r.published, ours: r.ours, pass: r.pass })), null, 2)}\n`);
  const passed = rows.filter((r) => r.pass).length;
  if (flags.write) {
    const file = resolve(PACKAGE_ROOT, 'docs', 'reproduction.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Reproduction of published results\n';
    const block = [`Generated by \`nuem reproduce coherent-ar2020\` (do not edit by hand). ${passed} of ${rows.length} rows pass.`, '', ...table(rows)].join('\n');
    writeFileAtomic(file, replaceGeneratedBlock(text, 'coherent-ar2020', block), { fsync: false });
    if (!flags.json) process.stderr.write(`updated ${file}\n`);
  }
  if (!flags.json) {
    process.stdout.write(`${table(rows).join('\n')}\n`);
    process.stdout.write(`coherent-ar2020: ${passed}/${rows.length} rows pass\n`);
  }
}
