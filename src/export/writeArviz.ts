/**
 * ArviZ InferenceData as a netCDF-4 file (`nuem export --to arviz`), written with h5wasm.
 *
 * netCDF-4 files are HDF5 files that follow the netCDF-4 conventions (Unidata, "NetCDF-4 format
 * with HDF5" in the netCDF User Guide, https://docs.unidata.ucar.edu/netcdf-c/current/file_format_specifications.html):
 * every netCDF dimension is an HDF5 dimension scale (HDF5 High-Level "Dimension Scales"
 * specification: attributes `CLASS = "DIMENSION_SCALE"`, `NAME`, `REFERENCE_LIST`), every
 * variable lists its dimensions in `DIMENSION_LIST`, and groups are HDF5 groups with link creation
 * order tracked. h5wasm's `make_scale`/`attach_scale` call HDF5's own `H5DSset_scale` and
 * `H5DSattach_scale`, so those attributes are written by the HDF5 library itself. netCDF-C opens
 * such files without the `_NCProperties`, `_Netcdf4Dimid` and `_Netcdf4Coordinates` attributes
 * that only netCDF-C itself writes (they record its version and its own dimension numbering), so
 * none is faked here.
 *
 * Layout (ArviZ's InferenceData schema, https://python.arviz.org/en/stable/schema/schema.html):
 * groups `posterior` and `sample_stats`, each with the coordinate variables `chain` and `draw`
 * (int64, 0…n−1) as dimension scales; in `posterior` one float64 variable per parameter with
 * dimensions (chain, draw) and attributes `units`, `long_name`, `latex_label`, `prior`; in
 * `sample_stats` `lp`, the chain's log-probability. Walkers map to chains the way ArviZ's own
 * `from_emcee` maps them: every walker is a chain; with several files, the walkers of file k
 * follow those of file k−1 (chain = Σ_{j<k} nwalkers_j + walker).
 * @module
 */
import { renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { UserError } from '../cli/userError.js';
import type { ExportData } from './exportData.js';
import { priorText } from './textFormats.js';

/** Names a parameter may not have in the ArviZ file (they are the dimensions). */
const RESERVED = new Set(['chain', 'draw']);

/** How the draws of every file fill the (chain, draw) grid. */
export interface ArvizLayout {
  /** chains = walkers of all files */
  nChains: number;
  /** draws per chain = kept steps common to all files */
  nDraws: number;
  /** for chain c: its file and walker */
  ensembleOfChain: number[];
  walkerOfChain: number[];
  /** for file k: the step of draw 0 (draw d is step `firstStep[k] + d·thin`) */
  firstStep: number[];
}

/**
 * The (chain, draw) grid: files whose kept steps differ in number contribute their last
 * `nDraws` kept steps (the most converged part; the shorter files set `nDraws`).
 *
 * @param data - the export
 * @returns the grid
 */
export function arvizLayout(data: ExportData): ArvizLayout {
  const nDraws = Math.min(...data.ensembles.map((e) => e.steps.length));
  const ensembleOfChain: number[] = [];
  const walkerOfChain: number[] = [];
  data.ensembles.forEach((e, k) => {
    for (let w = 0; w < e.chain.nwalkers; w++) {
      ensembleOfChain.push(k);
      walkerOfChain.push(w);
    }
  });
  const firstStep = data.ensembles.map((e) => e.steps[e.steps.length - nDraws]!);
  return { nChains: ensembleOfChain.length, nDraws, ensembleOfChain, walkerOfChain, firstStep };
}

function coords(g: Group, nChains: number, nDraws: number): void {
  const chain = g.create_dataset({ name: 'chain', data: BigInt64Array.from({ length: nChains }, (_, i) => BigInt(i)), shape: [nChains], dtype: '<q' });
  chain.make_scale('chain');
  const draw = g.create_dataset({ name: 'draw', data: BigInt64Array.from({ length: nDraws }, (_, i) => BigInt(i)), shape: [nDraws], dtype: '<q' });
  draw.make_scale('draw');
}

function variable(g: Group, name: string, values: Float64Array, L: ArvizLayout, attrs: Record<string, string>): void {
  const v = g.create_dataset({ name, data: values, shape: [L.nChains, L.nDraws], dtype: '<d' });
  v.attach_scale(0, `${g.path === '/' ? '' : g.path}/chain`);
  v.attach_scale(1, `${g.path === '/' ? '' : g.path}/draw`);
  for (const [k, s] of Object.entries(attrs)) if (s !== '') v.create_attribute(k, s);
}

function int64(values: readonly number[]): BigInt64Array {
  return BigInt64Array.from(values, (x) => BigInt(x));
}

/**
 * @param data - the export
 * @throws UserError when a parameter is named `chain`, `draw` (the dimensions) or `lp`
 */
export function checkArvizNames(data: ExportData): void {
  const clash = data.parameters.find((p) => RESERVED.has(p.name) || p.name === 'lp');
  if (clash) throw new UserError('--to arviz', `parameter "${clash.name}" has the name of an ArviZ dimension or of lp`, 'rename the parameters with --names');
}

/** Provenance written into the file. */
export interface ArvizProvenance {
  /** nuem version and commit that wrote the export */
  codeVersion: string;
  gitCommit: string;
  /** ISO time */
  createdAt: string;
}

/**
 * Writes the export as a netCDF-4 file readable by `arviz.from_netcdf` and
 * `xarray.open_dataset(path, group=…)`: first to a temporary file next to `path`, renamed over
 * `path` only when complete.
 *
 * @param data - the export
 * @param path - destination (conventionally `.nc`)
 * @param prov - code version, commit, time
 * @returns the layout used
 * @throws UserError when a parameter is named `chain` or `draw`
 */
export async function writeArviz(data: ExportData, path: string, prov: ArvizProvenance): Promise<ArvizLayout> {
  checkArvizNames(data);
  const L = arvizLayout(data);
  const D = data.parameters.length;
  // loaded here, not at import: compiling the HDF5 library costs ~0.3 s of CPU (src/util/hdf5Library.ts)
  const { default: h5wasm } = await import('h5wasm/node');
  await h5wasm.ready;
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  const f = new h5wasm.File(tmp, 'w', { track_order: true });
  let closed = false;
  try {
    const common: Record<string, string> = {
      created_at: prov.createdAt,
      inference_library: 'nuem',
      inference_library_version: prov.codeVersion,
      nuem_commit: prov.gitCommit,
      ...(data.analysisId ? { nuem_analysis: data.analysisId } : {}),
      ...(data.modelHash ? { nuem_model_hash: data.modelHash } : {}),
    };
    for (const [k, v] of Object.entries(common)) f.create_attribute(k, v);
    const groups: Group[] = [];
    for (const name of ['posterior', 'sample_stats']) {
      const g = f.create_group(name, true);
      for (const [k, v] of Object.entries(common)) g.create_attribute(k, v);
      g.create_attribute('nuem_chain_mapping', 'chain = walker, walkers of file k after those of file k-1; draw d of file k is its step first_step_of_ensemble[k] + d*thin');
      g.create_attribute('nuem_source_files', data.ensembles.map((e) => e.path));
      g.create_attribute('ensemble_of_chain', int64(L.ensembleOfChain), [L.nChains]);
      g.create_attribute('walker_of_chain', int64(L.walkerOfChain), [L.nChains]);
      g.create_attribute('first_step_of_ensemble', int64(L.firstStep), [L.firstStep.length]);
      g.create_attribute('discard', int64([data.discard]), [1]);
      g.create_attribute('thin', int64([data.thin]), [1]);
      g.create_attribute('nuem_burn_in_rule', data.discardRule);
      coords(g, L.nChains, L.nDraws);
      groups.push(g);
    }
    const fill = (get: (k: number, t: number, w: number) => number): Float64Array => {
      const out = new Float64Array(L.nChains * L.nDraws);
      for (let c = 0; c < L.nChains; c++) {
        const k = L.ensembleOfChain[c]!;
        const w = L.walkerOfChain[c]!;
        for (let d = 0; d < L.nDraws; d++) out[c * L.nDraws + d] = get(k, L.firstStep[k]! + d * data.thin, w);
      }
      return out;
    };
    data.parameters.forEach((p, j) => {
      const values = fill((k, t, w) => {
        const ch = data.ensembles[k]!.chain;
        return ch.chain[(t * ch.nwalkers + w) * D + j] as number;
      });
      variable(groups[0]!, p.name, values, L, { units: p.unit, long_name: p.label, latex_label: p.latex, prior: priorText(p.prior) });
    });
    const lp = fill((k, t, w) => {
      const ch = data.ensembles[k]!.chain;
      return ch.logProb[t * ch.nwalkers + w] as number;
    });
    variable(groups[1]!, 'lp', lp, L, { long_name: 'log posterior density (up to a constant): the chain\'s log_prob', units: '1' });
    f.close();
    closed = true;
    renameSync(tmp, path);
  } catch (e) {
    if (!closed) {
      try {
        f.close();
      } catch {
        /* keep the first error */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to remove */
    }
    throw e;
  }
  return L;
}
