/**
 * `nuem export --to arviz` opened by Python: Debian's python3-xarray with the netCDF4 engine
 * (python3-netcdf4, i.e. the netCDF-C library) and with the h5netcdf engine (python3-h5netcdf,
 * HDF5 through h5py; `arviz.from_netcdf`'s default engine). Reading follows
 * `arviz.InferenceData.from_netcdf` (ArviZ src/arviz/data/inference_data.py): list the groups with
 * the engine's own library, then `xarray.open_dataset(path, group=g)` per group, then the root
 * group's attributes. ArviZ's default engine is h5netcdf.
 *
 * Checks (exact): groups posterior and sample_stats; dimensions chain × draw (walkers of file 0,
 * then those of file 1; the last common kept steps); variables named like the parameters with their
 * `units`, `long_name` and `latex_label` attributes; `lp` in sample_stats; every value's 8 bytes
 * equal the chain's double (compared as little-endian hex). Also a chain written by emcee, named
 * with --names.
 * Needs /usr/bin/python3 with xarray and netCDF4, and h5netcdf for the second engine (.ci/run
 * installs python3-xarray, python3-netcdf4, python3-h5netcdf); without them the test is skipped
 * (h5netcdf: that engine is skipped) locally and fails under CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/runCliInProcess.js';
import { readChain, type ChainData } from '../../src/sampler/backends/readChain.js';

const PY = '/usr/bin/python3';
const hasPython = spawnSync(PY, ['-c', 'import xarray, netCDF4'], { stdio: 'ignore' }).status === 0;
const hasH5netcdf = spawnSync(PY, ['-c', 'import h5netcdf'], { stdio: 'ignore' }).status === 0;
if ((!hasPython || !hasH5netcdf) && process.env.CI) {
  throw new Error('CI: /usr/bin/python3 lacks xarray, netCDF4 or h5netcdf (apt-get install python3-xarray python3-netcdf4 python3-h5netcdf; .ci/run does this)');
}

const READ_PY = String.raw`
import json, sys
import netCDF4, xarray as xr
engines = ["netcdf4"]
try:
    import h5netcdf  # ArviZ's default engine
    engines.append("h5netcdf")
except ImportError:
    pass
def plain(x):
    return x.tolist() if hasattr(x, "tolist") else x
def read(path):
  out = {"engines": {}}
  with netCDF4.Dataset(path, "r") as nc:
    out["data_model"] = nc.data_model
  for eng in engines:
    # as arviz.InferenceData.from_netcdf: groups from the engine's own library, each group with
    # xarray, then the root group's attributes
    with (netCDF4.Dataset(path, "r") if eng == "netcdf4" else h5netcdf.File(path, "r")) as f:
        groups = list(f.groups)
    res = {"groups": groups}
    for g in groups:
        with xr.open_dataset(path, group=g, engine=eng) as ds:
            res[g] = {
                "dims": {k: int(v) for k, v in ds.sizes.items()},
                "coords": {k: plain(ds[k].values) for k in ds.coords},
                "attrs": {k: plain(v) for k, v in ds.attrs.items()},
                "vars": {k: {"dims": list(v.dims), "dtype": str(v.dtype), "attrs": {a: plain(b) for a, b in v.attrs.items()},
                             "hex": v.values.astype("<f8").tobytes().hex()} for k, v in ds.data_vars.items()},
            }
    with xr.open_dataset(path, engine=eng) as ds:
        res["root_attrs"] = {k: plain(v) for k, v in ds.load().attrs.items()}
    out["engines"][eng] = res
  return out
print(json.dumps([read(p) for p in sys.argv[1:]]))
`;

interface PyGroup {
  dims: Record<string, number>;
  coords: Record<string, number[]>;
  attrs: Record<string, unknown>;
  vars: Record<string, { dims: string[]; dtype: string; attrs: Record<string, unknown>; hex: string }>;
}
interface PyEngine {
  groups: string[];
  root_attrs: Record<string, unknown>;
  [group: string]: PyGroup | string[] | Record<string, unknown>;
}
interface PyOut {
  data_model: string;
  engines: Record<string, PyEngine>;
}

function hexOf(values: number[]): string {
  return Buffer.from(Float64Array.from(values).buffer).toString('hex'); // little-endian on every supported platform
}

describe.skipIf(!hasPython)('xarray (python3-xarray, netCDF4 engine) opens nuem export --to arviz', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuem-arviz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'read.py');
  writeFileSync(script, READ_PY);
  // one Python process for both files (importing xarray takes seconds on a loaded machine)
  const readAll = (...nc: string[]): PyOut[] => JSON.parse(execFileSync(PY, [script, ...nc], { encoding: 'utf8' })) as PyOut[];

  it('two nuem ensembles and a chain written by emcee 3.1.4 (--names): groups, dims chain × draw, names, attributes, values and lp bit-exact', async () => {
    const A = join(dir, 'a.h5');
    const B = join(dir, 'b.h5');
    const common = ['sample', '--target', 'gaussian', '--dim', '2', '--rho', '0.3', '--walkers', '8', '--no-progress'];
    expect((await runCliInProcess([...common, '--steps', '300', '--seed', '11', '--out', A])).code).toBe(0);
    expect((await runCliInProcess([...common, '--steps', '260', '--seed', '12', '--out', B])).code).toBe(0);
    // labels and units as nuem run stores them (sidecar metadata), to see them as netCDF attributes
    for (const p of [A, B]) {
      const side = JSON.parse(readFileSync(`${p}.json`, 'utf8')) as { meta: Record<string, unknown> };
      side.meta['parameterLabels'] = ['q_ee [e]', 'alpha (signal normalisation)'];
      side.meta['parameterUnits'] = ['e', '1'];
      writeFileSync(`${p}.json`, JSON.stringify(side));
    }
    const nc = join(dir, 'ab.nc');
    const r = await runCliInProcess(['export', A, B, '--to', 'arviz', '--out', nc, '--discard', '40', '--thin', '3', '--json']);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out) as { chains: number; drawsPerChain: number };
    const chains: ChainData[] = [await readChain(A), await readChain(B)];
    const kept = chains.map((c) => {
      const rows: number[] = [];
      for (let t = 40 + 3 - 1; t < c.nsteps; t += 3) rows.push(t);
      return rows;
    });
    const nDraws = Math.min(...kept.map((k) => k.length));
    expect(info).toMatchObject({ chains: 16, drawsPerChain: nDraws });
    const expected = (get: (c: ChainData, t: number, w: number) => number): string => {
      const v: number[] = [];
      for (let ch = 0; ch < 16; ch++) {
        const k = Math.floor(ch / 8);
        for (const t of kept[k]!.slice(-nDraws)) v.push(get(chains[k]!, t, ch % 8));
      }
      return hexOf(v);
    };
    const fx = JSON.parse(readFileSync('test/fixtures/emcee/emcee_written.json', 'utf8')) as { chain: number[]; log_prob: number[]; nwalkers: number; iteration: number };
    const ncE = join(dir, 'emcee.nc');
    const rE = await runCliInProcess(['export', 'test/fixtures/emcee/emcee_written.h5', '--names', 'm,b', '--to', 'arviz', '--out', ncE, '--discard', '0', '--thin', '1']);
    expect(rE.code, rE.err).toBe(0);
    const [py, pyE] = readAll(nc, ncE) as [PyOut, PyOut];

    expect(py.data_model).toBe('NETCDF4');
    expect(Object.keys(py.engines)).toEqual(hasH5netcdf ? ['netcdf4', 'h5netcdf'] : ['netcdf4']);
    for (const [engine, eng] of Object.entries(py.engines)) {
      expect(eng.groups, engine).toEqual(['posterior', 'sample_stats']);
      expect(eng.root_attrs['inference_library'], engine).toBe('nuem');
      const groups = eng as unknown as Record<string, PyGroup>;
      for (const g of ['posterior', 'sample_stats']) {
        expect(groups[g]!.dims, engine).toEqual({ chain: 16, draw: nDraws });
        expect(groups[g]!.coords['chain'], engine).toEqual(Array.from({ length: 16 }, (_, i) => i));
        expect(groups[g]!.coords['draw'], engine).toEqual(Array.from({ length: nDraws }, (_, i) => i));
        expect(groups[g]!.attrs['inference_library'], engine).toBe('nuem');
        expect(groups[g]!.attrs['walker_of_chain'], engine).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
        expect(groups[g]!.attrs['thin'], engine).toBe(3);
      }
      const post = groups['posterior']!;
      expect(Object.keys(post.vars), engine).toEqual(['x0', 'x1']);
      for (let d = 0; d < 2; d++) {
        const v = post.vars[`x${d}`]!;
        expect(v.dims).toEqual(['chain', 'draw']);
        expect(v.dtype).toBe('float64');
        expect(v.attrs['long_name']).toBe(['q_ee', 'alpha (signal normalisation)'][d]);
        expect(v.attrs['units']).toBe(['e', '1'][d]);
        expect(v.attrs['latex_label']).toBe(['\\mathrm{x0}\\;[e]', '\\mathrm{x1}'][d]);
        expect(v.hex, `${engine} x${d}`).toBe(expected((c, t, w) => c.chain[(t * c.nwalkers + w) * 2 + d]!));
      }
      const lp = groups['sample_stats']!.vars['lp']!;
      expect(lp.dims).toEqual(['chain', 'draw']);
      expect(lp.hex, `${engine} lp`).toBe(expected((c, t, w) => c.logProb[t * c.nwalkers + w]!));
    }

    // the emcee file: no units or labels stored, names from --names
    const post = pyE.engines['netcdf4']!['posterior'] as PyGroup;
    expect(post.dims).toEqual({ chain: fx.nwalkers, draw: fx.iteration });
    expect(Object.keys(post.vars)).toEqual(['m', 'b']);
    expect(post.vars['m']!.attrs['latex_label']).toBe('m');
    expect(post.vars['m']!.attrs['units']).toBeUndefined();
    // ArviZ order (chain = walker, draw = step) from emcee's (step, walker, dim) layout
    const T = (arr: number[], dim: number, d: number): number[] => Array.from({ length: fx.nwalkers * fx.iteration }, (_, i) => arr[((i % fx.iteration) * fx.nwalkers + Math.floor(i / fx.iteration)) * dim + d]!);
    expect(post.vars['m']!.hex).toBe(hexOf(T(fx.chain, 2, 0)));
    expect(post.vars['b']!.hex).toBe(hexOf(T(fx.chain, 2, 1)));
    expect((pyE.engines['netcdf4']!['sample_stats'] as PyGroup).vars['lp']!.hex).toBe(hexOf(T(fx.log_prob, 1, 0)));
  }, 120_000);
});
