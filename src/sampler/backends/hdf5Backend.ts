/**
 * Chains on disk in emcee's `HDFBackend` layout (emcee 3.1.4 HDFBackend, arXiv:1202.3665), written with
 * h5wasm in whole chunks, plus a JSON sidecar `<file>.json` holding the run metadata and the
 * {@link ResumeState} after the last persisted step, so a killed run resumes exactly
 *.
 *
 * Checkpoint policy (see docs/performance.md, "Sampler"): steps are buffered in memory and
 * *persisted* together — HDF5 rows (always a whole number of `chunkSteps` chunks, except the last
 * rows at the end of a run) → `accepted` → `iteration` attribute → HDF5 flush → optional fsync →
 * sidecar replaced atomically (temp + rename) — at the first chunk boundary at which
 * `checkpointIntervalMs` has passed since the last persist, or the buffer holds `maxBufferSteps`
 * steps (or `maxBufferBytes`), and always at `flush()`/`close()`. The unit of loss of a killed
 * run is therefore one persist interval (by default ≤ 2 s of sampling or 4096 steps, whichever
 * comes first), and memory stays bounded by the buffer cap.
 *
 * Crash safety: the sidecar is written after the rows it vouches for, so it is never ahead of the
 * HDF5 file; on resume, rows beyond the sidecar's iteration are cut off and `accepted` is
 * rewritten from it. Surviving SIGKILL needs no fsync (written pages stay in the OS page cache);
 * surviving an OS crash or power loss needs `durable: true` (fsync at every persist). The default
 * `'periodic'` fsyncs at most every `fsyncIntervalMs` and at `close()`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Dataset, File as H5File, Group } from 'h5wasm/node';
import { UserError } from '../../cli/userError.js';
import { fsyncFile } from '../../util/fsyncFile.js';
import { readRegularFile } from '../../util/readRegularFile.js';
import { hdf5ErrorSummary, hdf5Ready, isHdf5ChecksumFailure } from '../../util/hdf5Library.js';
import { isHdf5File } from '../../util/isHdf5File.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import type { ChainBackend, ChainMetadata, ResumeState } from './backend.js';

/** emcee version whose `HDFBackend` layout the files follow (stored in the group's `version` attribute). */
export const EMCEE_LAYOUT_VERSION = '3.1.4';

/** Value of the sidecar's `format` field. */
export const SIDECAR_FORMAT = 'nuem-chain-sidecar';

/** Current sidecar format version. */
export const SIDECAR_FORMAT_VERSION = 1;

/** Default minimum time between persists (ms); see {@link Hdf5BackendOptions.checkpointIntervalMs}. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 2000;
/** Default cap on buffered steps; see {@link Hdf5BackendOptions.maxBufferSteps}. */
export const DEFAULT_MAX_BUFFER_STEPS = 4096;
/** Default cap on buffered bytes (positions + log-probabilities); see {@link Hdf5BackendOptions.maxBufferBytes}. */
export const DEFAULT_MAX_BUFFER_BYTES = 16 * 1024 * 1024;
/** Default minimum time between fsyncs in `durable: 'periodic'` mode (ms). */
export const DEFAULT_FSYNC_INTERVAL_MS = 60_000;

/** Options of {@link Hdf5Backend}. */
export interface Hdf5BackendOptions {
  /** HDF5 group of the run (emcee's `name`), default `mcmc` */
  group?: string;
  /** steps per HDF5 chunk (the chunk shape is (chunkSteps, W, D)); writes are whole chunks, default 64 */
  chunkSteps?: number;
  /** gzip level 1–9 for `chain` and `log_prob`, or null/undefined for none */
  compression?: number | null;
  /**
   * Minimum time between persists in ms, checked at chunk boundaries (default
   * {@link DEFAULT_CHECKPOINT_INTERVAL_MS} = 2000). 0 persists every chunk (the most a killed run
   * can lose is then one chunk; on a cheap target this costs several times the sampling time).
   */
  checkpointIntervalMs?: number;
  /**
   * Persist at the latest when this many steps are buffered (rounded down to whole chunks, at
   * least one chunk; default {@link DEFAULT_MAX_BUFFER_STEPS} = 4096). Bounds memory and loss.
   */
  maxBufferSteps?: number;
  /** byte cap of the buffer, 8·W·(D + 1) bytes per step (default {@link DEFAULT_MAX_BUFFER_BYTES} = 16 MiB) */
  maxBufferBytes?: number;
  /**
   * When to fsync the HDF5 file and the sidecar. `true`: at every persist (survives an OS crash or
   * power loss up to the last persist; costs ~5–15 ms per persist on this machine's disk).
   * `'periodic'` (default): at a persist only if `fsyncIntervalMs` has passed since the last fsync,
   * and at `close()`. `false`: never. A process killed by SIGKILL (or any crash of nuem itself)
   * resumes exactly in every mode: the written pages belong to the OS. Without an fsync an OS crash
   * may leave the file behind its sidecar, which resume detects and refuses.
   */
  durable?: boolean | 'periodic';
  /** minimum time between fsyncs in `'periodic'` mode, ms (default {@link DEFAULT_FSYNC_INTERVAL_MS} = 60 000) */
  fsyncIntervalMs?: number;
  /** monotonic clock in ms for the interval checks (default `performance.now`; injectable for tests) */
  clock?: () => number;
}

/** Content of the JSON sidecar `<chain file>.json`. */
export interface ChainSidecar {
  format: typeof SIDECAR_FORMAT;
  formatVersion: number;
  /** base name of the HDF5 file this sidecar describes */
  chainFile: string;
  /** HDF5 group holding the run */
  group: string;
  meta: ChainMetadata;
  /** steps persisted in the HDF5 file when this sidecar was written */
  iteration: number;
  /** state after step `iteration − 1`; null before the first chunk is written */
  resume: ResumeState | null;
  /**
   * random id of the chain file, also stored in the HDF5 group's `nuem_chain_id` attribute when
   * the file was created: a resume refuses an HDF5 file that is not the one this sidecar belongs to
   * (absent in sidecars of older versions, which skip that check)
   */
  chainId?: string;
}

/**
 * Setting keys that may change between a run and its resume (the target length, where the
 * analysis file lives); every other key of `meta.settings`, the moves and the seed must match.
 */
export const RESUMABLE_SETTING_KEYS: readonly string[] = Object.freeze(['nsteps', 'maxSteps', 'analysisFile']);

/** HDF5 group attribute written by nuem next to emcee's `iteration` (equal unless another program extended the file). */
export const NUEM_ITERATION_ATTR = 'nuem_iteration';
/** HDF5 group attribute holding the chain's random id (see {@link ChainSidecar.chainId}). */
export const NUEM_CHAIN_ID_ATTR = 'nuem_chain_id';

/** JSON with object keys sorted (a canonical form to compare metadata by value). */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/**
 * Compares the sampler settings a resume asks for with those stored with the chain: the moves,
 * the seed and every setting except {@link RESUMABLE_SETTING_KEYS} must be equal, or the resumed
 * chain would not be the continuation of the stored one.
 *
 * @param path - chain file (for the message)
 * @param stored - metadata stored in the sidecar
 * @param want - metadata of the run that wants to continue
 * @throws UserError naming the first difference
 */
export function checkResumeSettings(path: string, stored: ChainMetadata, want: ChainMetadata): void {
  if (canonicalJson(stored.moves ?? null) !== canonicalJson(want.moves ?? null)) {
    throw new UserError(path, `chain was sampled with moves ${canonicalJson(stored.moves ?? null)}, the resume asks for ${canonicalJson(want.moves ?? null)}`, 'resume with the same moves (--moves or sampler.moves), or start a new chain');
  }
  if (stored.seed !== want.seed) {
    throw new UserError(path, `chain was started with seed ${stored.seed}, the resume gives seed ${want.seed}`, `resume with --seed ${stored.seed}, or start a new chain`);
  }
  const a = stored.settings ?? {};
  const b = want.settings ?? {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (RESUMABLE_SETTING_KEYS.includes(key)) continue;
    if (canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null)) {
      throw new UserError(path, `setting ${key} of the chain is ${canonicalJson(a[key] ?? null)}, the resume asks for ${canonicalJson(b[key] ?? null)}`, `resume with the settings the chain was started with (${key}), or start a new chain`);
    }
  }
}

/**
 * Path of the sidecar that belongs to a chain file.
 *
 * @param chainPath - HDF5 chain file
 * @returns `<chainPath>.json`
 */
export function sidecarPathFor(chainPath: string): string {
  return `${chainPath}.json`;
}

// JSON cannot hold ±Infinity, NaN, bigint or typed arrays; encode them as tagged objects so the
// sidecar round-trips exactly (doubles themselves round-trip exactly through JSON, ECMA-262 Number::toString).
function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: String(value) };
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>);
  }
  return value;
}

function jsonReviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$float') return Number((value as { $float: string }).$float);
    if (keys.length === 1 && keys[0] === '$bigint') return BigInt((value as { $bigint: string }).$bigint);
  }
  return value;
}

/**
 * Reads and checks a chain sidecar.
 *
 * @param path - sidecar file (`<chain>.json`)
 * @returns the parsed sidecar
 * @throws UserError when the file is not valid JSON or not a nuem sidecar
 */
export function readChainSidecar(path: string): ChainSidecar {
  const text = readRegularFile(path, path, 'restore the sidecar or start a new chain with a new --out');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, jsonReviver);
  } catch (e) {
    throw new UserError(path, `cannot read the chain sidecar (${(e as Error).message})`, 'restore the sidecar or start a new chain with a new --out');
  }
  const s = parsed as Partial<ChainSidecar> | null;
  if (!s || s.format !== SIDECAR_FORMAT || typeof s.iteration !== 'number' || !s.meta) {
    throw new UserError(path, `is not a nuem chain sidecar (field "format" must be "${SIDECAR_FORMAT}")`, 'restore the sidecar or start a new chain with a new --out');
  }
  if (s.formatVersion !== SIDECAR_FORMAT_VERSION) {
    throw new UserError(path, `sidecar format version ${String(s.formatVersion)} is not supported (expected ${SIDECAR_FORMAT_VERSION})`, 'use the nuem version that wrote the chain');
  }
  return s as ChainSidecar;
}

function serialiseSidecar(s: ChainSidecar): string {
  return `${JSON.stringify(s, jsonReplacer)}\n`;
}

type AttrOwner = Group | Dataset;

function setInt64Attr(owner: AttrOwner, name: string, value: number): void {
  if (name in owner.attrs) owner.delete_attribute(name);
  // A JS number would be stored as int32 whatever the dtype; a BigInt64Array gives int64.
  owner.create_attribute(name, new BigInt64Array([BigInt(value)]), [], '<q');
}

/**
 * Parameter names, labels and units as group attributes (arrays of UTF-8 strings, one per
 * parameter), readable without nuem: `h5py.File(f)['mcmc'].attrs['parameter_names']`. Labels
 * default to the names; units to `''` (unknown).
 */
function writeParameterAttributes(g: Group, meta: ChainMetadata): void {
  const D = meta.ndim;
  const fill = (v: readonly string[] | undefined, dflt: (d: number) => string): string[] =>
    Array.from({ length: D }, (_, d) => (v && typeof v[d] === 'string' ? v[d]! : dflt(d)));
  for (const [name, values] of [
    ['parameter_names', fill(meta.parameterNames, (d) => `param_${d}`)],
    ['parameter_labels', fill(meta.parameterLabels, (d) => meta.parameterNames[d] ?? `param_${d}`)],
    ['parameter_units', fill(meta.parameterUnits, () => '')],
  ] as const) {
    if (name in g.attrs) g.delete_attribute(name);
    g.create_attribute(name, values);
  }
}

/** numpy's `RandomState.get_state()` tuple of an `emcee`-kind generator state (legacy MT19937). */
export interface NumpyLegacyState {
  /** the 624 key words */
  key: Uint32Array;
  /** position in the key (numpy `pos`, 0…624) */
  pos: number;
  /** numpy's cached second normal: 1 if present */
  hasGauss: number;
  /** the cached normal (0 when absent) */
  cachedGaussian: number;
}

/**
 * Converts a nuem generator state of kind `emcee` to numpy's legacy `get_state()` fields.
 * The @stdlib mt19937 state layout is [version, sections, 624, key[0..623], 1, index, seedLen,
 * seed…]; its index is numpy's `pos` (test/random/numpyRandomState.test.ts checks both against
 * a reference implementation).
 *
 * @param state - a saved generator state
 * @returns the numpy fields, or null for the `default` stream (not a numpy stream)
 */
export function numpyLegacyState(state: unknown): NumpyLegacyState | null {
  const s = state as { mt?: unknown; hasGauss?: unknown; gauss?: unknown; kind?: unknown } | null;
  if (!s || !Array.isArray(s.mt) || (s.kind !== undefined && s.kind !== 'emcee')) return null;
  const mt = s.mt as number[];
  if (mt[2] !== 624 || mt.length < 629) return null;
  return { key: Uint32Array.from(mt.slice(3, 627)), pos: mt[628]!, hasGauss: s.hasGauss ? 1 : 0, cachedGaussian: s.hasGauss ? Number(s.gauss) : 0 };
}

/**
 * Writes emcee's `random_state_0…4` group attributes (numpy `get_state()`: 'MT19937', key,
 * pos, has_gauss, cached_gaussian), which emcee's `HDFBackend.random_state` returns and
 * `EnsembleSampler.run_mcmc(None, n)` restores: emcee then continues a nuem chain with the
 * stream nuem's `--resume` would use. Written only for the `emcee` stream; for the `default`
 * stream stale attributes are removed (emcee then draws a fresh stream).
 */
function writeEmceeRandomState(g: Group, rngState: unknown): void {
  const np = numpyLegacyState(rngState);
  for (let i = 0; i < 5; i++) if (`random_state_${i}` in g.attrs) g.delete_attribute(`random_state_${i}`);
  if (!np) return;
  g.create_attribute('random_state_0', 'MT19937');
  g.create_attribute('random_state_1', np.key, [624], '<I');
  setInt64Attr(g, 'random_state_2', np.pos);
  setInt64Attr(g, 'random_state_3', np.hasGauss);
  g.create_attribute('random_state_4', new Float64Array([np.cachedGaussian]), [], '<d');
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function checkMeta(where: string, meta: ChainMetadata): void {
  if (!isPositiveInt(meta.nwalkers) || !isPositiveInt(meta.ndim)) {
    throw new Error(`${where}: nwalkers (${meta.nwalkers}) and ndim (${meta.ndim}) must be positive integers`);
  }
  if (meta.parameterNames.length !== meta.ndim) {
    throw new Error(`${where}: ${meta.parameterNames.length} parameter names for ndim = ${meta.ndim}`);
  }
}

/** HDF5 filter id of the Fletcher-32 checksum (H5Zpublic.h, `H5Z_FILTER_FLETCHER32`). */
const FLETCHER32_FILTER_ID = 3;

/** Bitwise equality of two float arrays (NaN payloads and −0 included). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  const x = new Float64Array(1);
  const y = new Float64Array(1);
  const xb = new BigUint64Array(x.buffer);
  const yb = new BigUint64Array(y.buffer);
  for (let i = 0; i < a.length; i++) {
    x[0] = a[i]!;
    y[0] = b[i]!;
    if (xb[0] !== yb[0]) return false;
  }
  return true;
}

/**
 * Checks before creating a chain file that its directory exists and is a directory, and that
 * the path is not a directory itself (so HDF5 never gets to print about it).
 *
 * @param path - chain file to create
 * @throws UserError naming the path and the fix
 */
export function checkOutputDirectory(path: string): void {
  const dir = dirname(path);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new UserError(path, `directory ${dir} does not exist`, `create it first (mkdir -p ${dir}) or choose another output path`);
  }
  if (!st.isDirectory()) throw new UserError(path, `${dir} is not a directory`, 'choose an output path inside a directory');
  let target;
  try {
    target = statSync(path);
  } catch {
    return;
  }
  if (target.isDirectory()) throw new UserError(path, 'is a directory', 'give a file name, e.g. chain.h5');
  if (!target.isFile()) throw new UserError(path, 'is not a regular file (a device, FIFO or socket)', 'give a file name, e.g. chain.h5');
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * HDF5 chain backend in emcee 3.1.4's `HDFBackend` layout (emcee 3.1.4 HDFBackend, arXiv:1202.3665): group
 * `mcmc` with attributes `nwalkers`, `ndim`, `iteration` (int64), `has_blobs` (int8 0),
 * `version`, and datasets `chain` (N, W, D) f8, `log_prob` (N, W) f8 (both chunked, maxshape
 * (None, …)) and `accepted` (W) f8. emcee reads the files (`HDFBackend(path, read_only=True)`) and
 * can even continue them. Steps are buffered and written one whole chunk at a time (:
 * 30× faster than row-wise writes with gzip); `iteration` always equals the number of valid rows
 * on disk. Metadata and the resume state go to the sidecar `<path>.json`
 * ({@link sidecarPathFor}); the group also carries the metadata as a JSON string attribute
 * `nuem_metadata`, the string-array attributes `parameter_names`, `parameter_labels` and
 * `parameter_units` (one entry per parameter), which emcee ignores, and emcee's own
 * `random_state_0…4` (numpy `get_state()` after the last stored step, `emcee` stream only), so
 * `emcee.EnsembleSampler(..., backend=HDFBackend(path)).run_mcmc(None, n)` continues the chain
 * with exactly the steps `--resume` would add (test/interop/emceeContinuation.test.ts).
 */
export class Hdf5Backend implements ChainBackend {
  /** HDF5 file path */
  readonly path: string;
  /** JSON sidecar path (`<path>.json`) */
  readonly sidecarPath: string;
  /** HDF5 group of the run */
  readonly group: string;
  /** steps per written chunk */
  readonly chunkSteps: number;
  /** gzip level or null */
  readonly compression: number | null;
  /** fsync policy (see {@link Hdf5BackendOptions.durable}) */
  readonly durable: boolean | 'periodic';
  /** minimum ms between persists */
  readonly checkpointIntervalMs: number;
  /** requested buffer cap in steps (the effective cap also honours maxBufferBytes and whole chunks) */
  readonly maxBufferSteps: number;
  /** requested buffer cap in bytes */
  readonly maxBufferBytes: number;
  /** minimum ms between fsyncs in periodic mode */
  readonly fsyncIntervalMs: number;

  private readonly clock: () => number;
  private file: H5File | null = null;
  private meta: ChainMetadata | null = null;
  /** rows in the HDF5 file */
  private written = 0;
  /** rows covered by the sidecar (recoverable after a crash) */
  private persisted = 0;
  private lastPersistMs = 0;
  private lastFsyncMs = 0;
  /** rows written or a sidecar replaced since the last fsync */
  private unsynced = false;
  private buffered = 0;
  /** effective buffer cap in steps (a multiple of chunkSteps) */
  private capSteps = 0;
  private chainBuf: Float64Array = new Float64Array(0);
  private logProbBuf: Float64Array = new Float64Array(0);
  private acceptedTotal: Float64Array = new Float64Array(0);
  private lastSnapshot: (() => ResumeState) | null = null;
  /** content of the sidecar last written (to make it durable at close) */
  private sidecarText: string | null = null;
  /** random id of the open chain file (see {@link ChainSidecar.chainId}) */
  private chainId: string | undefined = undefined;

  /**
   * @param path - HDF5 file to write (its sidecar is `<path>.json`)
   * @param opts - group, chunk size, compression and the checkpoint policy (see {@link Hdf5BackendOptions})
   */
  constructor(path: string, opts: Hdf5BackendOptions = {}) {
    this.path = path;
    this.sidecarPath = sidecarPathFor(path);
    this.group = opts.group ?? 'mcmc';
    this.chunkSteps = opts.chunkSteps ?? 64;
    this.compression = opts.compression ?? null;
    this.durable = opts.durable ?? 'periodic';
    this.checkpointIntervalMs = opts.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    this.maxBufferSteps = opts.maxBufferSteps ?? DEFAULT_MAX_BUFFER_STEPS;
    this.maxBufferBytes = opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES;
    this.fsyncIntervalMs = opts.fsyncIntervalMs ?? DEFAULT_FSYNC_INTERVAL_MS;
    this.clock = opts.clock ?? (() => performance.now());
    if (!isPositiveInt(this.chunkSteps)) throw new Error(`Hdf5Backend: chunkSteps must be a positive integer, got ${this.chunkSteps}`);
    for (const [name, v] of [
      ['checkpointIntervalMs', this.checkpointIntervalMs],
      ['maxBufferSteps', this.maxBufferSteps],
      ['maxBufferBytes', this.maxBufferBytes],
      ['fsyncIntervalMs', this.fsyncIntervalMs],
    ] as const) {
      if (!(v >= 0)) throw new Error(`Hdf5Backend: ${name} must be ≥ 0, got ${v}`);
    }
    if (this.durable !== true && this.durable !== false && this.durable !== 'periodic') {
      throw new Error(`Hdf5Backend: durable must be true, false or 'periodic', got ${String(this.durable)}`);
    }
    if (this.compression !== null && !(Number.isInteger(this.compression) && this.compression >= 0 && this.compression <= 9)) {
      throw new Error(`Hdf5Backend: compression must be a gzip level 0–9 or null, got ${this.compression}`);
    }
  }

  /**
   * Effective buffer cap in steps: min(maxBufferSteps, maxBufferBytes / bytes per step), rounded
   * down to whole chunks, at least one chunk.
   *
   * @param nwalkers - walkers
   * @param ndim - parameters
   * @returns steps
   */
  bufferCapSteps(nwalkers: number, ndim: number): number {
    const perStep = 8 * nwalkers * (ndim + 1);
    const steps = Math.min(this.maxBufferSteps, Math.floor(this.maxBufferBytes / perStep));
    return Math.max(1, Math.floor(steps / this.chunkSteps)) * this.chunkSteps;
  }

  /** Steps stored so far (written + buffered). */
  get iteration(): number {
    return this.written + this.buffered;
  }

  /** Steps recoverable after a crash (HDF5 rows covered by the sidecar). */
  get persistedIteration(): number {
    return this.persisted;
  }

  /**
   * Starts a new chain: truncates `path`, creates the emcee layout with zero rows and writes the
   * sidecar (iteration 0, no resume state).
   *
   * @param meta - run metadata (nwalkers, ndim, names, analysis id, model hash, seed, …)
   */
  async create(meta: ChainMetadata): Promise<void> {
    checkMeta(this.path, meta);
    const h5wasm = await hdf5Ready();
    this.closeFile();
    checkOutputDirectory(this.path);
    // Remove the old sidecar first: a crash before the new one is written must not pair an old
    // resume state with the fresh, empty HDF5 file.
    rmSync(this.sidecarPath, { force: true });
    const W = meta.nwalkers;
    const D = meta.ndim;
    let f: H5File;
    try {
      f = new h5wasm.File(this.path, 'w');
    } catch (e) {
      throw new UserError(this.path, `cannot create the chain file (${hdf5ErrorSummary(e)})`, 'check that the directory exists and is writable, and that the disk has space');
    }
    this.file = f;
    this.chainId = randomUUID();
    const g = f.create_group(this.group);
    g.create_attribute('version', EMCEE_LAYOUT_VERSION);
    setInt64Attr(g, 'nwalkers', W);
    setInt64Attr(g, 'ndim', D);
    g.create_attribute('has_blobs', new Int8Array([0]), [], '<b');
    setInt64Attr(g, 'iteration', 0);
    setInt64Attr(g, NUEM_ITERATION_ATTR, 0);
    g.create_attribute(NUEM_CHAIN_ID_ATTR, this.chainId);
    g.create_attribute('nuem_metadata', JSON.stringify(meta, jsonReplacer));
    writeParameterAttributes(g, meta);
    g.create_dataset({ name: 'accepted', data: new Float64Array(W), shape: [W], dtype: '<d' });
    // Without gzip the chunks carry HDF5's Fletcher-32 checksum filter (filter id 3), so a bit
    // flip in stored raw data makes the read fail instead of returning a wrong number; h5py and
    // emcee read such files unchanged. (h5wasm takes one filter per dataset, so gzip-compressed
    // chains go without it.)
    const gzip = this.compression !== null ? { compression: 'gzip' as const, compression_opts: this.compression } : { compression: FLETCHER32_FILTER_ID, compression_opts: [] as number[] };
    g.create_dataset({
      name: 'chain',
      data: new Float64Array(0),
      shape: [0, W, D],
      maxshape: [null, W, D],
      chunks: [this.chunkSteps, W, D],
      dtype: '<d',
      ...gzip,
    });
    g.create_dataset({
      name: 'log_prob',
      data: new Float64Array(0),
      shape: [0, W],
      maxshape: [null, W],
      chunks: [this.chunkSteps, W],
      dtype: '<d',
      ...gzip,
    });
    f.flush();
    this.setState(meta, 0, new Float64Array(W));
    if (this.durable === true) this.fsyncNow();
    this.writeSidecar(null);
  }

  /**
   * Reopens a chain written by this backend and returns the state after its last persisted step.
   * Rows beyond the sidecar's iteration are cut off and `accepted`/`iteration` are rewritten from it.
   *
   * @param meta - metadata of the run that wants to continue; analysis id, model hash, shape and
   *   parameter names must match the stored ones
   * @returns the resume state stored in the sidecar
   * @throws UserError naming the file and the fix on any mismatch, missing file or missing steps
   */
  async openForResume(meta: ChainMetadata): Promise<ResumeState> {
    checkMeta(this.path, meta);
    if (!existsSync(this.path)) {
      throw new UserError(this.path, 'there is no chain to resume', 'run without --resume to start a new chain, or point --out at the existing chain');
    }
    if (!existsSync(this.sidecarPath)) {
      throw new UserError(
        this.path,
        `has no sidecar ${basename(this.sidecarPath)} (not written by nuem, e.g. by emcee), so it cannot be resumed`,
        'start a new chain with a new --out',
      );
    }
    const side = readChainSidecar(this.sidecarPath);
    const stored = side.meta;
    if (stored.analysisId !== meta.analysisId) {
      throw new UserError(
        this.path,
        `chain was written by analysis "${stored.analysisId}", not "${meta.analysisId}"`,
        'use a new --out, or resume with the matching analysis',
      );
    }
    if (stored.modelHash !== meta.modelHash) {
      throw new UserError(
        this.path,
        `chain was written with model hash ${stored.modelHash}, but the model (analysis, experiments or data files) now hashes to ${meta.modelHash}`,
        'use a new --out to start a new chain, or restore the model files the chain was run with',
      );
    }
    if (stored.nwalkers !== meta.nwalkers || stored.ndim !== meta.ndim) {
      throw new UserError(
        this.path,
        `chain has ${stored.nwalkers} walkers × ${stored.ndim} parameters, the run asks for ${meta.nwalkers} × ${meta.ndim}`,
        'resume with the same number of walkers, or use a new --out',
      );
    }
    if (!sameStrings(stored.parameterNames, meta.parameterNames)) {
      throw new UserError(
        this.path,
        `chain parameters [${stored.parameterNames.join(', ')}] differ from the run's [${meta.parameterNames.join(', ')}]`,
        'resume with the same parameters, or use a new --out',
      );
    }
    if (side.group !== this.group) {
      throw new UserError(this.path, `sidecar describes group "${side.group}", the backend writes "${this.group}"`, `open it with group "${side.group}"`);
    }
    const resume = side.resume;
    const k = side.iteration;
    if (resume === null || k === 0) {
      throw new UserError(this.path, 'the run stopped before its first chunk of steps was written, so there is nothing to resume', 'start it again without --resume');
    }
    const W = stored.nwalkers;
    const D = stored.ndim;
    if (resume.iteration !== k || resume.coords.length !== W * D || resume.logProb.length !== W || resume.accepted.length !== W) {
      throw new UserError(this.sidecarPath, 'resume state is inconsistent (iteration or array lengths)', 'restore the sidecar or start a new chain with a new --out');
    }
    checkResumeSettings(this.path, stored, meta);

    const h5wasm = await hdf5Ready();
    this.closeFile();
    if (!statSync(this.path).isFile()) throw new UserError(this.path, 'is not a regular file', 'start a new chain with a new --out');
    if (!isHdf5File(this.path)) throw new UserError(this.path, 'cannot open as HDF5 (no HDF5 signature)', 'start a new chain with a new --out');
    let f: H5File;
    try {
      f = new h5wasm.File(this.path, 'a');
    } catch (e) {
      throw new UserError(this.path, `cannot open as HDF5 (${hdf5ErrorSummary(e)})`, 'start a new chain with a new --out');
    }
    this.file = f;
    try {
      const g = f.get(this.group) as Group | null;
      const chain = g?.get('chain') as Dataset | null | undefined;
      const logProb = g?.get('log_prob') as Dataset | null | undefined;
      const accepted = g?.get('accepted') as Dataset | null | undefined;
      if (!g || !chain || !logProb || !accepted) {
        throw new UserError(`${this.path}: /${this.group}`, 'group or its datasets chain/log_prob/accepted are missing', 'start a new chain with a new --out');
      }
      const cshape = chain.shape ?? [];
      if (cshape[1] !== W || cshape[2] !== D || Number(g.get_attribute('nwalkers', false)) !== W || Number(g.get_attribute('ndim', false)) !== D) {
        throw new UserError(this.path, `HDF5 shape ${JSON.stringify(cshape)} does not match the sidecar (${W} walkers × ${D} parameters)`, 'start a new chain with a new --out');
      }
      const rows = cshape[0] ?? 0;
      if (rows < k || (logProb.shape?.[0] ?? 0) < k) {
        throw new UserError(this.path, `holds ${rows} steps but its sidecar records ${k}; the file was truncated or replaced`, 'start a new chain with a new --out');
      }
      // fingerprints: this is the file the sidecar belongs to, nobody else appended to it, and
      // its last vouched-for row is exactly the state the sidecar would continue from
      const attrs = g.attrs as Record<string, unknown>;
      if (side.chainId !== undefined) {
        const id = NUEM_CHAIN_ID_ATTR in attrs ? g.get_attribute(NUEM_CHAIN_ID_ATTR, false) : undefined;
        if (id !== side.chainId) {
          throw new UserError(this.path, `is not the chain file its sidecar ${basename(this.sidecarPath)} was written for (chain id ${String(id ?? 'missing')}, sidecar ${side.chainId})`, 'put the sidecar back next to its own chain, or start a new chain with a new --out');
        }
      }
      if (NUEM_ITERATION_ATTR in attrs) {
        const ours = Number(g.get_attribute(NUEM_ITERATION_ATTR, false));
        const theirs = Number(g.get_attribute('iteration', false));
        if (theirs !== ours) {
          throw new UserError(this.path, `was extended by another program (e.g. emcee) from ${ours} to ${theirs} steps after nuem last wrote it; resuming would discard those steps`, 'keep the file as it is and start a new chain with a new --out (nuem report can still read it)');
        }
      }
      let lastRow: Float64Array;
      let lastLogProb: Float64Array;
      try {
        lastRow = chain.slice([[k - 1, k], [], []]) as Float64Array;
        lastLogProb = logProb.slice([[k - 1, k], []]) as Float64Array;
      } catch (e) {
        if (isHdf5ChecksumFailure(e)) throw new UserError(this.path, `stored chain data fail their checksum (${hdf5ErrorSummary(e)}): the file is corrupted`, 'restore the file from a backup, or start a new chain with a new --out');
        throw e;
      }
      if (!sameBits(lastRow, resume.coords) || !sameBits(lastLogProb, resume.logProb)) {
        throw new UserError(this.path, `its step ${k} differs from the state recorded in ${basename(this.sidecarPath)}: the chain file was replaced or modified`, 'put back the chain file the sidecar belongs to, or start a new chain with a new --out');
      }
      // Cut any rows written after the last sidecar update and restore accepted/iteration from it.
      if (rows !== k) chain.resize([k, W, D]);
      if ((logProb.shape?.[0] ?? 0) !== k) logProb.resize([k, W]);
      const acc = Float64Array.from(resume.accepted);
      accepted.write_slice([[]], acc);
      writeEmceeRandomState(g, resume.rng);
      setInt64Attr(g, 'iteration', k);
      setInt64Attr(g, NUEM_ITERATION_ATTR, k);
      f.flush();
      this.setState(stored, k, acc);
      this.chainId = side.chainId ?? (typeof attrs[NUEM_CHAIN_ID_ATTR] !== 'undefined' ? String(g.get_attribute(NUEM_CHAIN_ID_ATTR, false)) : undefined);
      this.unsynced = true;
      if (this.durable === true) this.fsyncNow();
    } catch (e) {
      this.closeFile();
      if (e instanceof UserError) throw e;
      // h5wasm throws the HDF5 error stack (or plain strings) for damaged files
      throw new UserError(this.path, `cannot update the chain for resuming (${hdf5ErrorSummary(e)})`, 'the file is damaged; start a new chain with a new --out');
    }
    return resume;
  }

  /**
   * Buffers one step; at a chunk boundary, persists the buffer when the checkpoint interval has
   * passed or the buffer is full (see module doc). Synchronous (returns nothing).
   *
   * @param coords - walker positions after the step, nwalkers × ndim row-major
   * @param logProb - their log-probabilities, length nwalkers
   * @param accepted - per-walker 0/1 acceptance of this step
   * @param snapshot - returns the resume state after this step; called when the step is persisted
   */
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void {
    const meta = this.requireOpen();
    const W = meta.nwalkers;
    const D = meta.ndim;
    if (coords.length !== W * D || logProb.length !== W || accepted.length !== W) {
      throw new Error(`Hdf5Backend.append: expected ${W}×${D} coords and ${W} logProb/accepted, got ${coords.length}, ${logProb.length}, ${accepted.length}`);
    }
    const n = this.buffered;
    if (n === this.logProbBuf.length / W) this.growBuffer(W, D);
    this.chainBuf.set(coords, n * W * D);
    this.logProbBuf.set(logProb, n * W);
    for (let w = 0; w < W; w++) this.acceptedTotal[w] += accepted[w];
    this.lastSnapshot = snapshot;
    this.buffered = n + 1;
    // chunk boundaries are absolute row numbers, so writes stay chunk-aligned after a resume too
    if ((this.written + this.buffered) % this.chunkSteps === 0 && (this.buffered + this.chunkSteps > this.capSteps || this.clock() - this.lastPersistMs >= this.checkpointIntervalMs)) {
      this.persist(false);
    }
  }

  /**
   * Buffers `rows` consecutive steps at once; the same as calling {@link Hdf5Backend.append} for
   * each row in order with the same `snapshot` (the same buffer contents, acceptance totals and
   * persists, decided at the same chunk boundaries with the same clock readings), but copying each
   * run of rows up to the next chunk boundary in one `set`.
   *
   * @param coords - (rows, nwalkers, ndim) positions, row-major (at least rows·W·D values)
   * @param logProb - (rows, nwalkers) log-probabilities
   * @param accepted - (rows, nwalkers) per-step 0/1 acceptance
   * @param rows - steps in the batch
   * @param snapshot - returns the resume state after the batch's last step; called when that step is persisted
   */
  appendRows(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, rows: number, snapshot: () => ResumeState): void {
    const meta = this.requireOpen();
    const W = meta.nwalkers;
    const D = meta.ndim;
    if (!(Number.isInteger(rows) && rows >= 0) || coords.length < rows * W * D || logProb.length < rows * W || accepted.length < rows * W) {
      throw new Error(`Hdf5Backend.appendRows: expected ${rows} rows of ${W}×${D} coords and ${W} logProb/accepted, got ${coords.length}, ${logProb.length}, ${accepted.length} values`);
    }
    let r = 0;
    while (r < rows) {
      const n = this.buffered;
      // rows up to the next absolute chunk boundary (or the batch's end), where append() would check the policy
      const toBoundary = this.chunkSteps - ((this.written + n) % this.chunkSteps);
      const k = Math.min(toBoundary, rows - r);
      while (n + k > this.logProbBuf.length / W) this.growBuffer(W, D);
      this.chainBuf.set(coords.subarray(r * W * D, (r + k) * W * D), n * W * D);
      this.logProbBuf.set(logProb.subarray(r * W, (r + k) * W), n * W);
      for (let i = r; i < r + k; i++) for (let w = 0; w < W; w++) this.acceptedTotal[w] += accepted[i * W + w]!;
      this.lastSnapshot = snapshot;
      this.buffered = n + k;
      r += k;
      if ((this.written + this.buffered) % this.chunkSteps === 0 && (this.buffered + this.chunkSteps > this.capSteps || this.clock() - this.lastPersistMs >= this.checkpointIntervalMs)) {
        this.persist(false);
      }
    }
  }

  /** Persists everything buffered (including a partial chunk) with the sidecar; fsyncs only if the policy says so. */
  async flush(): Promise<void> {
    if (this.file) this.persist(false);
  }

  /** Persists, fsyncs (unless `durable: false`) and closes the HDF5 file; safe to call twice. */
  async close(): Promise<void> {
    if (!this.file) return;
    this.persist(this.durable !== false);
    this.closeFile();
  }

  private requireOpen(): ChainMetadata {
    if (!this.file || !this.meta) throw new Error(`Hdf5Backend(${this.path}): call create() or openForResume() first`);
    return this.meta;
  }

  private setState(meta: ChainMetadata, persisted: number, acceptedTotal: Float64Array): void {
    this.meta = meta;
    this.written = persisted;
    this.persisted = persisted;
    this.lastPersistMs = this.clock();
    this.lastFsyncMs = this.lastPersistMs;
    this.unsynced = false;
    this.buffered = 0;
    this.capSteps = this.bufferCapSteps(meta.nwalkers, meta.ndim);
    // grown in whole chunks up to capSteps by growBuffer (short runs allocate little)
    this.chainBuf = new Float64Array(this.chunkSteps * meta.nwalkers * meta.ndim);
    this.logProbBuf = new Float64Array(this.chunkSteps * meta.nwalkers);
    this.acceptedTotal = acceptedTotal;
    this.lastSnapshot = null;
    this.sidecarText = null;
  }

  /** Doubles the buffer (in whole chunks, at most capSteps); called when it is full. */
  private growBuffer(W: number, D: number): void {
    const have = this.logProbBuf.length / W;
    const want = Math.min(this.capSteps, 2 * have);
    if (want <= have) throw new Error(`Hdf5Backend: buffer of ${have} steps is full (persist was skipped)`);
    const c = new Float64Array(want * W * D);
    c.set(this.chainBuf);
    this.chainBuf = c;
    const l = new Float64Array(want * W);
    l.set(this.logProbBuf);
    this.logProbBuf = l;
  }

  private fsyncNow(): void {
    fsyncFile(this.path);
    this.lastFsyncMs = this.clock();
    this.unsynced = false;
  }

  private closeFile(): void {
    if (this.file) {
      this.file.close();
      this.file = null;
    }
  }

  /**
   * Writes the buffered rows (if any) to the HDF5 file, fsyncs it when `forceFsync` or the
   * durability policy asks for it, then replaces the sidecar (see module doc for the order).
   */
  private persist(forceFsync: boolean): void {
    const meta = this.requireOpen();
    const n = this.buffered;
    const W = meta.nwalkers;
    const D = meta.ndim;
    const f = this.file as H5File;
    // the resume snapshot, taken once per persist (the rows' random_state_* and the sidecar share it)
    let snap: ResumeState | null = null;
    if (n > 0) {
      const g = f.get(this.group) as Group;
      const chain = g.get('chain') as Dataset;
      const logProb = g.get('log_prob') as Dataset;
      const accepted = g.get('accepted') as Dataset;
      const r0 = this.written;
      const r1 = r0 + n;
      chain.resize([r1, W, D]);
      chain.write_slice([[r0, r1], [], []], this.chainBuf.subarray(0, n * W * D));
      logProb.resize([r1, W]);
      logProb.write_slice([[r0, r1], []], this.logProbBuf.subarray(0, n * W));
      accepted.write_slice([[]], this.acceptedTotal);
      // emcee's random_state_* for the state after row r1 − 1, in the same HDF5 update as the rows
      snap = this.lastSnapshot ? this.lastSnapshot() : null;
      if (snap?.iteration === r1) writeEmceeRandomState(g, snap.rng);
      setInt64Attr(g, 'iteration', r1);
      setInt64Attr(g, NUEM_ITERATION_ATTR, r1);
      f.flush();
      this.written = r1;
      this.buffered = 0;
      this.unsynced = true;
    }
    const now = this.clock();
    const fsync = this.unsynced && (forceFsync || this.durable === true || (this.durable === 'periodic' && now - this.lastFsyncMs >= this.fsyncIntervalMs));
    let state: ResumeState | null = null;
    if (this.written > this.persisted && this.lastSnapshot) {
      state = snap ?? this.lastSnapshot();
      if (state.iteration !== this.written) {
        throw new Error(`Hdf5Backend: snapshot is for iteration ${state.iteration}, but ${this.written} steps are stored`);
      }
      for (let w = 0; w < W; w++) {
        if (state.accepted[w] !== this.acceptedTotal[w]) {
          throw new Error(`Hdf5Backend: snapshot accepted[${w}] = ${state.accepted[w]} differs from the appended total ${this.acceptedTotal[w]}`);
        }
      }
    }
    // the HDF5 rows must be on disk before the sidecar that vouches for them
    if (fsync) this.fsyncNow();
    if (state) {
      this.persisted = this.written;
      this.lastSnapshot = null;
      this.writeSidecar(state, fsync);
    } else if (fsync && this.sidecarText !== null) {
      // the last sidecar was replaced without fsync: replace it again, durably (same content)
      writeFileAtomic(this.sidecarPath, this.sidecarText, { fsync: true });
    }
    this.lastPersistMs = now;
  }

  private writeSidecar(resume: ResumeState | null, fsync = this.durable === true): void {
    const meta = this.requireOpen();
    const side: ChainSidecar = {
      format: SIDECAR_FORMAT,
      formatVersion: SIDECAR_FORMAT_VERSION,
      chainFile: basename(this.path),
      group: this.group,
      meta,
      iteration: this.persisted,
      resume,
      ...(this.chainId !== undefined ? { chainId: this.chainId } : {}),
    };
    const text = serialiseSidecar(side);
    writeFileAtomic(this.sidecarPath, text, { fsync });
    this.sidecarText = text;
    if (!fsync) this.unsynced = true;
  }
}
