/**
 * Reads a chain in emcee's `HDFBackend` layout (emcee 3.1.4 HDFBackend, arXiv:1202.3665), whether written
 * by {@link Hdf5Backend} or by emcee itself.
 */
import { existsSync, statSync } from 'node:fs';
import type { Dataset, File as H5File, Group, OutputData } from 'h5wasm/node';
import { UserError } from '../../cli/userError.js';
import { hdf5ErrorSummary, hdf5Ready, isHdf5ChecksumFailure } from '../../util/hdf5Library.js';
import { isHdf5File } from '../../util/isHdf5File.js';
import type { ChainMetadata } from './backend.js';
import { readChainSidecar, sidecarPathFor } from './hdf5Backend.js';

/** A chain read from disk; arrays are C-order, step-major like emcee's `get_chain()`. */
export interface ChainData {
  /** parameter names (from the sidecar, `nuem_metadata` or the `parameter_names` attribute; `param_0…` for foreign files) */
  parameterNames: string[];
  /** display labels (default: the names), from the same sources or `parameter_labels` */
  parameterLabels: string[];
  /** units (`''` unknown), from the same sources or `parameter_units` */
  parameterUnits: string[];
  /** positions, nsteps × nwalkers × ndim, element `(t, w, d)` at `(t·nwalkers + w)·ndim + d` */
  chain: Float64Array;
  /** log-probabilities, nsteps × nwalkers */
  logProb: Float64Array;
  /** cumulative accepted proposals per walker (emcee's `accepted`) */
  accepted: Float64Array;
  /** valid steps (the group's `iteration` attribute; emcee may have grown the datasets further) */
  nsteps: number;
  nwalkers: number;
  ndim: number;
  /** run metadata from the sidecar (preferred) or the `nuem_metadata` attribute; null for emcee files */
  meta: ChainMetadata | null;
}

/** Options of {@link readChain}. */
export interface ReadChainOptions {
  /** HDF5 group (emcee's `name`), default `mcmc` */
  group?: string;
}

function toFloat64(data: OutputData | null, expected: number, where: string): Float64Array {
  if (expected === 0) return new Float64Array(0);
  let out: Float64Array;
  if (data instanceof Float64Array) out = data;
  else if (data instanceof Float32Array) out = Float64Array.from(data);
  else throw new UserError(where, 'is not a floating-point dataset', 'pass a chain in emcee HDFBackend layout');
  if (out.length !== expected) throw new UserError(where, `holds ${out.length} values, expected ${expected}`, 'pass a complete chain file');
  return out;
}

function intAttr(g: Group, name: string, where: string): number {
  if (!(name in g.attrs)) throw new UserError(where, `attribute "${name}" is missing`, 'pass a chain in emcee HDFBackend layout');
  const v = g.get_attribute(name, false);
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : ArrayBuffer.isView(v) ? Number((v as unknown as ArrayLike<number | bigint>)[0]) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new UserError(where, `attribute "${name}" = ${String(v)} is not a non-negative integer`, 'pass a chain in emcee HDFBackend layout');
  return n;
}

/** A string-array attribute with exactly `n` entries (e.g. `parameter_names`), else undefined. */
function stringsAttr(g: Group, name: string, n: number): string[] | undefined {
  if (!(name in g.attrs)) return undefined;
  const v = g.get_attribute(name, false) as unknown;
  const arr = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
  return arr && arr.length === n && arr.every((x) => typeof x === 'string') ? (arr as string[]) : undefined;
}

function metaFromAttr(g: Group): ChainMetadata | null {
  if (!('nuem_metadata' in g.attrs)) return null;
  const v = g.get_attribute('nuem_metadata', false);
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v) as ChainMetadata;
  } catch {
    return null;
  }
}

/**
 * Reads a whole chain (rows `0 … iteration−1`) from an emcee-layout HDF5 file.
 *
 * @param path - HDF5 file written by {@link Hdf5Backend} or by `emcee.backends.HDFBackend`
 * @param opts - group name (default `mcmc`)
 * @returns the chain, log-probabilities, acceptance counts, shape, names and metadata
 * @throws UserError naming the file when it is missing, not HDF5, or not in emcee's layout
 */
export async function readChain(path: string, opts: ReadChainOptions = {}): Promise<ChainData> {
  const groupName = opts.group ?? 'mcmc';
  if (!existsSync(path)) throw new UserError(path, 'chain file not found', 'check the path (the chain is the --out file of `nuem sample`)');
  const st = statSync(path);
  if (st.isDirectory()) throw new UserError(path, 'is a directory, not a chain file', 'pass the .h5 file itself, e.g. chains/<analysis>/<run>.e0.h5');
  if (!st.isFile()) throw new UserError(path, 'is not a regular file (a device, FIFO or socket)', 'pass a chain file (.h5) written by nuem or emcee');
  const h5wasm = await hdf5Ready();
  if (!isHdf5File(path)) throw new UserError(path, 'cannot open as HDF5 (no HDF5 signature)', 'pass a chain written by nuem or emcee');
  let f: H5File;
  try {
    f = new h5wasm.File(path, 'r');
  } catch (e) {
    throw new UserError(path, `cannot open as HDF5 (${hdf5ErrorSummary(e)})`, 'pass a chain written by nuem or emcee');
  }
  try {
    const where = `${path}: /${groupName}`;
    const g = f.get(groupName);
    if (!(g instanceof h5wasm.Group)) throw new UserError(where, 'group not found', `pass the group the chain was written to (groups here: ${f.keys().join(', ') || 'none'})`);
    const nwalkers = intAttr(g, 'nwalkers', where);
    const ndim = intAttr(g, 'ndim', where);
    const nsteps = intAttr(g, 'iteration', where);
    const chainDs = g.get('chain');
    const lpDs = g.get('log_prob');
    const accDs = g.get('accepted');
    if (!(chainDs instanceof h5wasm.Dataset) || !(lpDs instanceof h5wasm.Dataset) || !(accDs instanceof h5wasm.Dataset)) {
      throw new UserError(where, 'datasets chain, log_prob and accepted are required', 'pass a chain in emcee HDFBackend layout');
    }
    const rows = (chainDs as Dataset).shape?.[0] ?? 0;
    if (rows < nsteps) throw new UserError(where, `iteration = ${nsteps} but chain has only ${rows} rows`, 'pass a complete chain file');
    const chain = toFloat64(nsteps > 0 ? chainDs.slice([[0, nsteps], [], []]) : null, nsteps * nwalkers * ndim, `${where}/chain`);
    const logProb = toFloat64(nsteps > 0 ? lpDs.slice([[0, nsteps], []]) : null, nsteps * nwalkers, `${where}/log_prob`);
    const accepted = toFloat64(accDs.value, nwalkers, `${where}/accepted`);
    const side = sidecarPathFor(path);
    const meta = existsSync(side) ? readChainSidecar(side).meta : metaFromAttr(g);
    const parameterNames = meta?.parameterNames.length === ndim ? [...meta.parameterNames] : stringsAttr(g, 'parameter_names', ndim) ?? Array.from({ length: ndim }, (_, i) => `param_${i}`);
    const parameterLabels = (meta?.parameterLabels?.length === ndim ? [...meta.parameterLabels] : stringsAttr(g, 'parameter_labels', ndim)) ?? [...parameterNames];
    const parameterUnits = (meta?.parameterUnits?.length === ndim ? [...meta.parameterUnits] : stringsAttr(g, 'parameter_units', ndim)) ?? parameterNames.map(() => '');
    return { parameterNames, parameterLabels, parameterUnits, chain, logProb, accepted, nsteps, nwalkers, ndim, meta };
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (isHdf5ChecksumFailure(e)) {
      throw new UserError(path, `stored chain data fail their checksum (${hdf5ErrorSummary(e)}): the file is corrupted`, 'restore the file from a backup or rerun the chain');
    }
    // h5wasm throws the HDF5 error stack (or plain strings) for damaged files
    throw new UserError(path, `cannot read the chain (${hdf5ErrorSummary(e)})`, 'the file is damaged; rerun or restore it');
  } finally {
    f.close();
  }
}
