/**
 * `nuem export` (src/export, src/cli/actions/exportAction.ts): the formats, the kept rows, and the
 * command-line contract.
 *
 * Checks, each exact unless stated:
 * - kept rows are emcee's `get_chain(discard, thin)` rows `discard + thin − 1 :: thin`
 *   (emcee src/emcee/backends/backend.py `get_value`), with discard = ⌈2·max τ⌉ and
 *   thin = ⌊min τ / 2⌋ over all files (the rule `nuem run` applies, src/pipeline/summarizeEnsembles.ts);
 * - every exported value equals the chain's double bit for bit (CSV, GetDist, netCDF read back);
 * - the GetDist columns are weight 1, −log_prob, parameters (GetDist docs, "Samples file format");
 *   `.ranges` are the analysis priors' hard bounds, `N` for open ends; `.paramnames` LaTeX labels;
 * - the summary CSV's mean equals the mean of the exported draws (relative 1e-12: the same
 *   numbers summed in another order);
 * - bad input: one line `nuem: … Fix: …`, exit 2, nothing written; no overwrite without --force.
 * The netCDF file is opened by Python's xarray in test/interop/arvizExport.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm/node';
import { runCliInProcess } from '../helpers/runCliInProcess.js';
import { readChain, type ChainData } from '../../src/sampler/backends/readChain.js';
import { autocorrTime } from '../../src/diagnostics/autocorrTime.js';
import { burnAndThin } from '../../src/diagnostics/convergenceCheck.js';
import { exportData } from '../../src/export/exportData.js';
import { getdistFiles, num } from '../../src/export/textFormats.js';
import { latexLabel } from '../../src/export/latexLabel.js';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { modelHash } from '../../src/experiments/modelHash.js';

const dir = mkdtempSync(join(tmpdir(), 'nuem-export-'));
const A = join(dir, 'a.h5');
const B = join(dir, 'b.h5');
let a: ChainData;
let b: ChainData;

/** emcee get_chain(discard, thin) rows of an nsteps-long chain */
function emceeRows(nsteps: number, discard: number, thin: number): number[] {
  const rows: number[] = [];
  for (let t = discard + thin - 1; t < nsteps; t += thin) rows.push(t);
  return rows;
}

function parseCsv(text: string): { head: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  return { head: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

beforeAll(async () => {
  const common = ['sample', '--target', 'gaussian', '--dim', '3', '--rho', '0.5', '--walkers', '12', '--no-progress'];
  expect((await runCliInProcess([...common, '--steps', '400', '--seed', '5', '--out', A])).code).toBe(0);
  expect((await runCliInProcess([...common, '--steps', '360', '--seed', '6', '--out', B])).code).toBe(0);
  a = await readChain(A);
  b = await readChain(B);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nuem export: kept rows and values', () => {
  it('CSV draws: emcee get_chain(discard, thin) rows of both files with discard/thin from max/min τ, values bit-exact', async () => {
    const r = await runCliInProcess(['export', A, B, '--to', 'csv', '--out', join(dir, 'ab'), '--json']);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out) as { files: string[]; discard: number; thin: number; draws: number };
    const tau = [a, b].map((c) => autocorrTime(c.chain, c.nsteps, c.nwalkers, c.ndim, { quiet: true }));
    const maxTau = [0, 1, 2].map((d) => Math.max(tau[0]![d]!, tau[1]![d]!));
    const bt = burnAndThin(maxTau);
    expect(bt.burn).toBeLessThan(360 / 2); // the τ rule applies unchanged (no cut-back) for these chains
    expect(info.discard).toBe(bt.burn);
    expect(info.thin).toBe(bt.thin);
    expect(info.files).toEqual([join(dir, 'ab.draws.csv'), join(dir, 'ab.summary.csv')]);
    const { head, rows } = parseCsv(readFileSync(info.files[0]!, 'utf8'));
    expect(head).toEqual(['ensemble', 'walker', 'step', 'lp', 'x0', 'x1', 'x2']);
    const expectedRows = [a, b].flatMap((c, k) => emceeRows(c.nsteps, bt.burn, bt.thin).flatMap((t) => Array.from({ length: c.nwalkers }, (_, w) => [k, w, t])));
    expect(rows.length).toBe(expectedRows.length);
    expect(info.draws).toBe(expectedRows.length);
    rows.forEach((row, i) => {
      const [k, w, t] = expectedRows[i]!;
      const c = k === 0 ? a : b;
      expect(row.slice(0, 3).map(Number)).toEqual([k, w, t]);
      expect(Object.is(Number(row[3]), c.logProb[t! * c.nwalkers + w!])).toBe(true);
      for (let d = 0; d < 3; d++) expect(Object.is(Number(row[4 + d]), c.chain[(t! * c.nwalkers + w!) * 3 + d])).toBe(true);
    });
    // summary: the mean of the exported draws (same numbers, other summation order: 1e-12 relative)
    const sum = parseCsv(readFileSync(info.files[1]!, 'utf8'));
    expect(sum.head.slice(0, 7)).toEqual(['parameter', 'label', 'unit', 'prior', 'mean', 'sd', 'median']);
    for (let d = 0; d < 3; d++) {
      const col = rows.map((row) => Number(row[4 + d]));
      const mean = col.reduce((s, x) => s + x, 0) / col.length;
      const line = sum.rows[d]!;
      expect(line[0]).toBe(`x${d}`);
      expect(Math.abs(Number(line[4]) - mean)).toBeLessThan(1e-12 * Math.max(1, Math.abs(mean)) + 1e-15);
      expect(line[16]).not.toBe(''); // R̂ across the two files
      expect(Number(line[19])).toBe(rows.length);
    }
  });

  it('--discard/--thin override the τ rule; GetDist root_1/root_2: weight 1, −lp, parameters bit-exact; N ranges without priors', async () => {
    const root = join(dir, 'gd', 'run');
    const r = await runCliInProcess(['export', A, B, '--to', 'getdist', '--out', root, '--discard', '100', '--thin', '7']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([`${root}_1.txt`, `${root}_2.txt`, `${root}.paramnames`, `${root}.ranges`]);
    [a, b].forEach((c, k) => {
      const lines = readFileSync(`${root}_${k + 1}.txt`, 'utf8').trimEnd().split('\n');
      const steps = emceeRows(c.nsteps, 100, 7);
      expect(lines.length).toBe(steps.length * c.nwalkers);
      lines.forEach((line, i) => {
        const t = steps[Math.floor(i / c.nwalkers)]!;
        const w = i % c.nwalkers;
        const f = line.split(' ').map(Number);
        expect(f.length).toBe(5);
        expect(f[0]).toBe(1);
        expect(Object.is(f[1], -c.logProb[t * c.nwalkers + w]!)).toBe(true);
        for (let d = 0; d < 3; d++) expect(Object.is(f[2 + d], c.chain[(t * c.nwalkers + w) * 3 + d])).toBe(true);
      });
    });
    expect(readFileSync(`${root}.paramnames`, 'utf8')).toBe('x0\t\\mathrm{x0}\nx1\t\\mathrm{x1}\nx2\t\\mathrm{x2}\n');
    expect(readFileSync(`${root}.ranges`, 'utf8')).toBe('x0\tN\tN\nx1\tN\tN\nx2\tN\tN\n');
    // one file: root.txt (GetDist's single-chain name)
    const one = await runCliInProcess(['export', A, '--to', 'getdist', '--out', join(dir, 'gd', 'one')]);
    expect(one.code, one.err).toBe(0);
    expect(existsSync(join(dir, 'gd', 'one.txt'))).toBe(true);
  });

  it('a chain of an analysis: .ranges are the priors of models/analyses/default.yaml, LaTeX labels with units, Savage–Dickey for the physics parameters', () => {
    const analysis = loadAnalysis('default');
    const n = 300;
    const W = 8;
    const chain = new Float64Array(n * W * 4);
    // deterministic spread values inside the priors (the summary needs no real posterior here)
    for (let i = 0; i < chain.length; i++) chain[i] = Math.sin(i * 1.618) * [3e-7, 2e-7, 0.1, 0.5][i % 4]!;
    const c: ChainData = {
      parameterNames: ['qee', 'qmumu', 'alpha', 'beta'],
      parameterLabels: ['q_ee [e]', 'q_mumu [e]', 'alpha (signal normalisation)', 'beta (background normalisation)'],
      parameterUnits: ['e', 'e', '1', '1'],
      chain,
      logProb: new Float64Array(n * W).fill(-1),
      accepted: new Float64Array(W).fill(n / 4),
      nsteps: n,
      nwalkers: W,
      ndim: 4,
      meta: { parameterNames: ['qee', 'qmumu', 'alpha', 'beta'], analysisId: 'default', modelHash: modelHash(analysis), nwalkers: W, ndim: 4, seed: 1 },
    };
    const data = exportData([c], { paths: ['x.h5'], discard: 0, thin: 1 });
    expect(data.notes.filter((x) => /could not be loaded|changed/.test(x))).toEqual([]);
    const files = getdistFiles(data, 'r');
    // default.yaml: qee uniform(-1.2e-6, 1.2e-6), qmumu uniform(-8e-7, 8e-7), alpha, beta normal (open)
    expect(files.get('r.ranges')).toBe(`qee\t${num(-1.2e-6)}\t${num(1.2e-6)}\nqmumu\t${num(-8e-7)}\t${num(8e-7)}\nalpha\tN\tN\nbeta\tN\tN\n`);
    expect(files.get('r.paramnames')).toBe('qee\tq_{ee}\\;[e]\nqmumu\tq_{\\mu\\mu}\\;[e]\nalpha\t\\alpha\nbeta\t\\beta\n');
    expect(data.summary.parameters.map((p) => p.savageDickey !== undefined)).toEqual([true, true, false, false]);
  });

  it('latexLabel: LaTeX labels pass through, per-experiment nuisances get a subscript, other names are upright', () => {
    expect(latexLabel('r2e', 'r2e', 'cm^2')).toBe('\\langle r^2_{\\nu_e}\\rangle\\;[\\mathrm{cm}^2]');
    expect(latexLabel('alpha.ess-ge', 'alpha.ess-ge', '1')).toBe('\\alpha_{\\mathrm{ess-ge}}');
    expect(latexLabel('lnf', 'lnf', '')).toBe('\\mathrm{lnf}');
    expect(latexLabel('m', 'm', '')).toBe('m');
    expect(latexLabel('x', '$\\Omega_m$', '')).toBe('\\Omega_m');
    expect(latexLabel('log_f', 'log_f', '')).toBe('\\mathrm{log\\_f}');
  });

  it('a chain written by emcee, named with --names: every stored value comes out (discard 0, thin 1)', async () => {
    const fx = JSON.parse(readFileSync('test/fixtures/emcee/emcee_written.json', 'utf8')) as { chain: number[]; log_prob: number[]; nwalkers: number; iteration: number };
    const r = await runCliInProcess(['export', 'test/fixtures/emcee/emcee_written.h5', '--names', 'm,b', '--to', 'csv', '--out', join(dir, 'emcee.csv'), '--discard', '0', '--thin', '1']);
    expect(r.code, r.err).toBe(0);
    const { head, rows } = parseCsv(readFileSync(join(dir, 'emcee.draws.csv'), 'utf8'));
    expect(head).toEqual(['ensemble', 'walker', 'step', 'lp', 'm', 'b']);
    expect(rows.length).toBe(fx.iteration * fx.nwalkers);
    rows.forEach((row, i) => {
      expect(Object.is(Number(row[3]), fx.log_prob[i])).toBe(true);
      expect(Object.is(Number(row[4]), fx.chain[2 * i])).toBe(true);
      expect(Object.is(Number(row[5]), fx.chain[2 * i + 1])).toBe(true);
    });
  });

  it('ArviZ: netCDF-4 layout read back with h5wasm (dimension scales chain/draw, walker = chain, lp), values bit-exact', async () => {
    const nc = join(dir, 'ab.nc');
    const r = await runCliInProcess(['export', A, B, '--to', 'arviz', '--out', nc, '--discard', '50', '--thin', '5']);
    expect(r.code, r.err).toBe(0);
    await h5wasm.ready;
    const f = new h5wasm.File(nc, 'r');
    try {
      expect(f.keys()).toEqual(['posterior', 'sample_stats']);
      const post = f.get('posterior') as InstanceType<typeof h5wasm.Group>;
      expect(post.keys()).toEqual(['chain', 'draw', 'x0', 'x1', 'x2']);
      const chainDim = post.get('chain') as InstanceType<typeof h5wasm.Dataset>;
      expect(chainDim.get_attribute('CLASS', false)).toBe('DIMENSION_SCALE');
      const x1 = post.get('x1') as InstanceType<typeof h5wasm.Dataset>;
      expect(x1.get_attached_scales(0)).toEqual(['/posterior/chain']);
      expect(x1.get_attached_scales(1)).toEqual(['/posterior/draw']);
      // b is shorter: the grid holds the last common number of kept steps of each file
      const rowsA = emceeRows(a.nsteps, 50, 5);
      const rowsB = emceeRows(b.nsteps, 50, 5);
      const nDraws = Math.min(rowsA.length, rowsB.length);
      expect(x1.shape).toEqual([24, nDraws]);
      const v = x1.value as Float64Array;
      const lp = ((f.get('sample_stats') as InstanceType<typeof h5wasm.Group>).get('lp') as InstanceType<typeof h5wasm.Dataset>).value as Float64Array;
      for (let ch = 0; ch < 24; ch++) {
        const c = ch < 12 ? a : b;
        const rows = (ch < 12 ? rowsA : rowsB).slice(-nDraws);
        const w = ch % 12;
        rows.forEach((t, d) => {
          expect(Object.is(v[ch * nDraws + d], c.chain[(t * 12 + w) * 3 + 1])).toBe(true);
          expect(Object.is(lp[ch * nDraws + d], c.logProb[t * 12 + w])).toBe(true);
        });
      }
    } finally {
      f.close();
    }
  });
});

describe('nuem export: bad input', () => {
  const oneLine = (err: string): void => {
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^nuem: .+\. Fix: .+/);
  };
  it.each([
    [['--to', 'stan', '--out', 'x'], /--to: "stan" is not a format/],
    [['--out', 'x'], /--to: is missing/],
    [['--to', 'csv'], /--out: is missing/],
    [['--to', 'csv', '--out', 'x', '--discard', 'lots'], /--discard: must be "auto" or an integer/],
    [['--to', 'csv', '--out', 'x', '--discard', '399'], /--discard: 399 leaves fewer than 4/],
    [['--to', 'csv', '--out', 'x', '--thin', '0'], /--thin: must be "auto" or an integer ≥ 1/],
    [['--to', 'csv', '--out', 'x', '--names', 'p,q'], /--names: gives 2 name\(s\), the chain has 3/],
    [['--to', 'arviz', '--out', 'x.nc', '--names', 'chain,q,r'], /--to arviz: parameter "chain"/],
    [['--to', 'csv', '--out', 'x', '--prob', '1.5'], /--prob: must be in \(0, 1\)/],
  ])('%j → exit 2, one line, nothing written', async (args, msg) => {
    const out = mkdtempSync(join(dir, 'bad-'));
    const r = await runCliInProcess(['export', A, ...args.map((s) => (s === 'x' || s === 'x.nc' ? join(out, s) : s))]);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toMatch(msg);
    expect(readdirSync(out)).toEqual([]);
  });

  it('never writes over an input chain, even with --force', async () => {
    const r = await runCliInProcess(['export', A, '--to', 'arviz', '--out', A, '--force']);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toMatch(/is one of the chain files being exported/);
    expect((await readChain(A)).nsteps).toBe(400);
  });

  it('a missing chain file, or files of different parameters: exit 2', async () => {
    const r1 = await runCliInProcess(['export', join(dir, 'nope.h5'), '--to', 'csv', '--out', join(dir, 'n')]);
    expect(r1.code).toBe(2);
    oneLine(r1.err);
    const r2 = await runCliInProcess(['export', A, 'test/fixtures/emcee/emcee_written.h5', '--to', 'csv', '--out', join(dir, 'n')]);
    expect(r2.code).toBe(2);
    oneLine(r2.err);
    expect(r2.err).toMatch(/has parameters param_0, param_1, not x0, x1, x2/);
  });

  it('refuses to overwrite without --force (file untouched), replaces with --force, leaves no temporary file', async () => {
    const out = mkdtempSync(join(dir, 'force-'));
    const nc = join(out, 'p.nc');
    writeFileSync(nc, 'my precious file');
    const r = await runCliInProcess(['export', A, '--to', 'arviz', '--out', nc]);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toMatch(/p\.nc: exists\. Fix: add --force/);
    expect(readFileSync(nc, 'utf8')).toBe('my precious file');
    const g = await runCliInProcess(['export', A, '--to', 'getdist', '--out', join(out, 'p')]);
    expect(g.code).toBe(0);
    const again = await runCliInProcess(['export', A, '--to', 'getdist', '--out', join(out, 'p')]);
    expect(again.code).toBe(2); // p.txt exists
    const forced = await runCliInProcess(['export', A, '--to', 'arviz', '--out', nc, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(nc).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])); // HDF5 signature
    expect(readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
