/**
 * Hdf5Backend: emcee layout, whole-chunk writes, checkpoint policy (interval with an injected
 * clock, buffer cap, chunk alignment after resume), sidecar, resume checks and truncation.
 * Reference implementation: emcee 3.1.4 `HDFBackend` (/work/shared/inference.md §3.1), queried
 * through /usr/bin/python3 when it has emcee + h5py. All comparisons are exact (tolerance 0):
 * doubles go through HDF5 f8 and JSON (shortest round-trip repr) unchanged.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hdf5Backend, readChainSidecar, sidecarPathFor } from '../../../src/sampler/backends/hdf5Backend.js';
import { readChain } from '../../../src/sampler/backends/readChain.js';
import type { ChainMetadata } from '../../../src/sampler/backends/backend.js';
import { UserError } from '../../../src/cli/userError.js';
import { fakeRun } from './fakeSteps.js';

const PY = '/usr/bin/python3';
const hasEmcee = existsSync(PY) && spawnSync(PY, ['-c', 'import emcee, h5py'], { stdio: 'ignore' }).status === 0;
const SKIP_NOTE = `${PY} with emcee and h5py not available (Debian: apt-get install python3-emcee python3-h5py); emcee interop not checked`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-hdf5-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function meta(nwalkers: number, ndim: number, over: Partial<ChainMetadata> = {}): ChainMetadata {
  return {
    parameterNames: Array.from({ length: ndim }, (_, i) => `theta_${i}`),
    analysisId: 'test-analysis',
    modelHash: 'sha256:abc',
    nwalkers,
    ndim,
    seed: 7,
    settings: { note: 'test' },
    ...over,
  };
}

/** Writes `nsteps` fake steps; returns what was appended (the expected file content). */
async function writeFake(path: string, W: number, D: number, nsteps: number, opts: { chunkSteps?: number; compression?: number | null } = {}) {
  const b = new Hdf5Backend(path, opts);
  await b.create(meta(W, D));
  const run = fakeRun(W, D, 11);
  const chain = new Float64Array(nsteps * W * D);
  const logProb = new Float64Array(nsteps * W);
  for (let t = 0; t < nsteps; t++) {
    const s = run.step();
    chain.set(s.coords, t * W * D);
    logProb.set(s.logProb, t * W);
    await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
  }
  await b.close();
  return { chain, logProb, accepted: Float64Array.from(run.snapshot().accepted), last: run.snapshot() };
}

function python(script: string, ...args: string[]): unknown {
  const r = spawnSync(PY, ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('Hdf5Backend writes and readChain reads back (exact)', () => {
  it.each([
    { nsteps: 50, chunkSteps: 16, compression: null }, // 3 full chunks + partial chunk of 2
    { nsteps: 32, chunkSteps: 16, compression: null }, // exact multiple: no partial chunk
    { nsteps: 7, chunkSteps: 64, compression: null }, // only the final partial chunk
    { nsteps: 40, chunkSteps: 8, compression: 4 }, // gzip
  ])('round trip nsteps=$nsteps chunkSteps=$chunkSteps gzip=$compression', async ({ nsteps, chunkSteps, compression }) => {
    const path = join(dir, `rt-${nsteps}-${chunkSteps}-${compression}.h5`);
    const W = 6;
    const D = 3;
    const exp = await writeFake(path, W, D, nsteps, { chunkSteps, compression });
    const r = await readChain(path);
    expect(r.nsteps).toBe(nsteps);
    expect([r.nwalkers, r.ndim]).toEqual([W, D]);
    expect(r.chain).toEqual(exp.chain);
    expect(r.logProb).toEqual(exp.logProb);
    expect(r.accepted).toEqual(exp.accepted);
    expect(r.parameterNames).toEqual(['theta_0', 'theta_1', 'theta_2']);
    expect(r.meta?.analysisId).toBe('test-analysis');
    const side = readChainSidecar(sidecarPathFor(path));
    expect(side.iteration).toBe(nsteps);
    expect(side.resume).toEqual(exp.last);
  });

  it('checkpointIntervalMs 0: persists at every chunk; iteration counts buffered steps; the file only ever holds whole chunks until flush()', async () => {
    const path = join(dir, 'chunks.h5');
    const b = new Hdf5Backend(path, { chunkSteps: 4, checkpointIntervalMs: 0 });
    await b.create(meta(2, 1));
    const run = fakeRun(2, 1, 3);
    const persistedAfter: number[] = [];
    for (let t = 0; t < 10; t++) {
      const s = run.step();
      await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
      persistedAfter.push(b.persistedIteration);
    }
    expect(b.iteration).toBe(10);
    expect(persistedAfter).toEqual([0, 0, 0, 4, 4, 4, 4, 8, 8, 8]);
    expect((await readChain(path)).nsteps).toBe(8);
    expect(readChainSidecar(sidecarPathFor(path)).iteration).toBe(8);
    await b.flush();
    expect((await readChain(path)).nsteps).toBe(10);
    await b.close();
    await b.close(); // idempotent
  });

  it('default policy: nothing reaches the file before the checkpoint interval (injected clock); then whole chunks + sidecar together', async () => {
    const path = join(dir, 'interval.h5');
    let now = 0;
    const b = new Hdf5Backend(path, { chunkSteps: 4, checkpointIntervalMs: 100, durable: false, clock: () => now });
    await b.create(meta(2, 1));
    const run = fakeRun(2, 1, 5);
    let snapshots = 0;
    const persistedAfter: number[] = [];
    for (let t = 1; t <= 22; t++) {
      if (t === 14) now = 100; // the interval has passed during step 14: persisted at the next chunk boundary (16)
      const s = run.step();
      await b.append(s.coords, s.logProb, s.accepted, () => (snapshots++, run.snapshot()));
      persistedAfter.push(b.persistedIteration);
      if (t === 12) {
        expect((await readChain(path)).nsteps).toBe(0); // buffered in memory only
        expect(readChainSidecar(sidecarPathFor(path)).iteration).toBe(0);
        await expect(new Hdf5Backend(path).openForResume(meta(2, 1))).rejects.toThrow(/stopped before its first chunk/);
      }
    }
    expect(persistedAfter).toEqual([...Array<number>(15).fill(0), ...Array<number>(7).fill(16)]);
    expect(snapshots).toBe(1); // snapshots are only taken for persists
    expect((await readChain(path)).nsteps).toBe(16);
    expect(readChainSidecar(sidecarPathFor(path)).iteration).toBe(16);
    await b.flush(); // the end of a run persists the partial chunk
    expect(snapshots).toBe(2);
    expect(b.persistedIteration).toBe(22);
    expect((await readChain(path)).nsteps).toBe(22);
    expect(readChainSidecar(sidecarPathFor(path)).resume).toEqual(run.snapshot());
    await b.close();
  });

  it('buffer cap: persists when maxBufferSteps (rounded down to whole chunks) or maxBufferBytes is reached, whatever the clock says', async () => {
    // W = 2, D = 1: 8·2·(1 + 1) = 32 bytes per step
    expect(new Hdf5Backend('x.h5', { chunkSteps: 4, maxBufferSteps: 10 }).bufferCapSteps(2, 1)).toBe(8);
    expect(new Hdf5Backend('x.h5', { chunkSteps: 4, maxBufferBytes: 200 }).bufferCapSteps(2, 1)).toBe(4); // 6 steps → one chunk
    expect(new Hdf5Backend('x.h5', { chunkSteps: 4, maxBufferBytes: 1 }).bufferCapSteps(2, 1)).toBe(4); // at least one chunk
    expect(new Hdf5Backend('x.h5').bufferCapSteps(32, 2)).toBe(4096); // defaults: 4096 steps × 768 B = 3 MiB < 16 MiB
    expect(new Hdf5Backend('x.h5').bufferCapSteps(1000, 20)).toBe(64); // 168 000 B per step: 16 MiB holds 99 steps → 1 chunk
    const path = join(dir, 'cap.h5');
    const b = new Hdf5Backend(path, { chunkSteps: 4, maxBufferSteps: 10, checkpointIntervalMs: 1e12, durable: false, clock: () => 0 });
    await b.create(meta(2, 1));
    const run = fakeRun(2, 1, 9);
    const persistedAfter: number[] = [];
    for (let t = 0; t < 19; t++) {
      const s = run.step();
      await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
      persistedAfter.push(b.persistedIteration);
    }
    expect(persistedAfter).toEqual([...Array<number>(7).fill(0), ...Array<number>(8).fill(8), ...Array<number>(4).fill(16)]);
    await b.close();
    expect((await readChain(path)).nsteps).toBe(19);
  });

  it('after resuming at a row that is not a chunk boundary, the next persist ends on a chunk boundary again', async () => {
    const W = 3;
    const D = 2;
    const reference = join(dir, 'align-ref.h5');
    const exp = await writeFake(reference, W, D, 29, { chunkSteps: 4 });
    const path = join(dir, 'align.h5');
    await writeFake(path, W, D, 10, { chunkSteps: 4 }); // ends with a partial chunk (rows 8, 9)
    const b = new Hdf5Backend(path, { chunkSteps: 4, checkpointIntervalMs: 0, durable: false });
    const state = await b.openForResume(meta(W, D));
    expect(state.iteration).toBe(10);
    const run = fakeRun(W, D, 0, state);
    const persistedAfter: number[] = [];
    for (let t = 10; t < 29; t++) {
      const s = run.step();
      await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
      persistedAfter.push(b.persistedIteration);
    }
    expect(persistedAfter.slice(0, 7)).toEqual([10, 12, 12, 12, 12, 16, 16]);
    await b.close();
    const r = await readChain(path);
    expect(r.chain).toEqual(exp.chain);
    expect(r.logProb).toEqual(exp.logProb);
    expect(r.accepted).toEqual(exp.accepted);
  });

  it('rejects invalid policy options', () => {
    expect(() => new Hdf5Backend('x.h5', { checkpointIntervalMs: -1 })).toThrow(/checkpointIntervalMs must be ≥ 0/);
    expect(() => new Hdf5Backend('x.h5', { maxBufferSteps: Number.NaN })).toThrow(/maxBufferSteps must be ≥ 0/);
    expect(() => new Hdf5Backend('x.h5', { durable: 'sometimes' as unknown as boolean })).toThrow(/durable must be true, false or 'periodic'/);
  });

  it('sidecar round-trips non-finite numbers, bigints and typed arrays in the RNG state', async () => {
    const path = join(dir, 'nonfinite.h5');
    const b = new Hdf5Backend(path, { chunkSteps: 1 });
    await b.create(meta(2, 1));
    const rng = { key: new Uint32Array([1, 4294967295]), pos: 624n, gauss: -Infinity, nan: NaN, label: '$float' };
    await b.append(new Float64Array([0.1, 0.2]), new Float64Array([-Infinity, -1]), new Uint8Array([0, 1]), () => ({
      iteration: 1,
      coords: [0.1, 0.2],
      logProb: [-Infinity, -1],
      accepted: [0, 1],
      rng,
    }));
    await b.close();
    const r = readChainSidecar(sidecarPathFor(path)).resume;
    expect(r?.logProb).toEqual([-Infinity, -1]);
    expect(r?.rng).toEqual({ key: [1, 4294967295], pos: 624n, gauss: -Infinity, nan: NaN, label: '$float' });
    expect((await readChain(path)).logProb).toEqual(new Float64Array([-Infinity, -1]));
  });
});

describe('emcee 3.1.4 reads our files (reference implementation via /usr/bin/python3)', () => {
  it('HDFBackend(read_only=True): get_chain, get_log_prob, iteration, accepted, shape are identical; layout is chunked/resizable', async (ctx) => {
    ctx.skip(!hasEmcee, SKIP_NOTE);
    for (const compression of [null, 4]) {
      const path = join(dir, `emcee-${compression}.h5`);
      const W = 8;
      const D = 3;
      const exp = await writeFake(path, W, D, 45, { chunkSteps: 16, compression });
      const out = python(
        `
import sys, json, emcee, h5py
b = emcee.backends.HDFBackend(sys.argv[1], read_only=True)
with h5py.File(sys.argv[1], "r") as f:
    g = f["mcmc"]; c = g["chain"]; l = g["log_prob"]
    layout = dict(chunks=list(c.chunks), maxshape=[m for m in c.maxshape], lchunks=list(l.chunks),
                  lmaxshape=[m for m in l.maxshape], compression=c.compression, dtype=str(c.dtype),
                  adtype=str(g["accepted"].dtype), itype=str(g.attrs.get_id("iteration").dtype))
print(json.dumps(dict(iteration=int(b.iteration), shape=[int(x) for x in b.shape], has_blobs=bool(b.has_blobs()),
    chain=b.get_chain().ravel().tolist(), chain_shape=list(b.get_chain().shape),
    log_prob=b.get_log_prob().ravel().tolist(), accepted=b.accepted.tolist(),
    layout=layout)))
`,
        path,
      ) as Record<string, unknown>;
      expect(out.iteration).toBe(45);
      expect(out.shape).toEqual([W, D]);
      expect(out.has_blobs).toBe(false);
      expect(out.chain_shape).toEqual([45, W, D]);
      expect(Float64Array.from(out.chain as number[])).toEqual(exp.chain);
      expect(Float64Array.from(out.log_prob as number[])).toEqual(exp.logProb);
      expect(Float64Array.from(out.accepted as number[])).toEqual(exp.accepted);
      expect(out.layout).toEqual({
        chunks: [16, W, D],
        maxshape: [null, W, D],
        lchunks: [16, W],
        lmaxshape: [null, W],
        compression: compression === null ? null : 'gzip',
        dtype: 'float64',
        adtype: 'float64',
        itype: 'int64',
      });
    }
  });
  it('emcee can continue our file (datasets are resizable): run_mcmc from get_last_sample grows 45 → 50 steps', async (ctx) => {
    ctx.skip(!hasEmcee, SKIP_NOTE);
    const path = join(dir, 'emcee-continue.h5');
    await writeFake(path, 6, 2, 45, { chunkSteps: 16 });
    const out = python(
      `
import sys, json, emcee, numpy as np
b = emcee.backends.HDFBackend(sys.argv[1])
s = emcee.EnsembleSampler(6, 2, lambda x: -0.5 * float(np.sum(x ** 2)), backend=b)
s.run_mcmc(b.get_last_sample(), 5)
r = emcee.backends.HDFBackend(sys.argv[1], read_only=True)
print(json.dumps(dict(iteration=int(r.iteration), rows=int(r.get_chain().shape[0]))))
`,
      path,
    );
    expect(out).toEqual({ iteration: 50, rows: 50 });
    expect((await readChain(path)).nsteps).toBe(50);
  });
});

describe('openForResume', () => {
  it('refuses another analysis, model hash, shape or parameter names with a UserError naming the file and the fix', async () => {
    const path = join(dir, 'guard.h5');
    await writeFake(path, 4, 2, 10, { chunkSteps: 4 });
    const cases: [Partial<ChainMetadata>, RegExp][] = [
      [{ analysisId: 'other-analysis' }, /written by analysis "test-analysis", not "other-analysis".*Fix: use a new --out/],
      [{ modelHash: 'sha256:def' }, /model hash sha256:abc.*sha256:def/],
      [{ nwalkers: 6 }, /4 walkers × 2 parameters, the run asks for 6 × 2/],
      [{ parameterNames: ['theta_0', 'mu'] }, /parameters \[theta_0, theta_1\] differ/],
    ];
    for (const [over, msg] of cases) {
      const m = meta(4, 2, over);
      const err = await new Hdf5Backend(path).openForResume(m).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).where).toBe(path);
      expect((err as UserError).message).toMatch(msg);
    }
    // the refused resumes left the chain untouched
    expect((await readChain(path)).nsteps).toBe(10);
  });

  it('refuses a missing file, an emcee file without sidecar, and a run killed before its first chunk', async () => {
    const missing = join(dir, 'nope.h5');
    await expect(new Hdf5Backend(missing).openForResume(meta(4, 2))).rejects.toThrow(/there is no chain to resume/);
    const foreign = join(dir, 'foreign.h5');
    copyFileSync('test/fixtures/emcee/emcee_written.h5', foreign);
    await expect(new Hdf5Backend(foreign).openForResume(meta(6, 2))).rejects.toThrow(/has no sidecar foreign\.h5\.json/);
    const early = join(dir, 'early.h5');
    const b = new Hdf5Backend(early, { chunkSteps: 8 });
    await b.create(meta(4, 2));
    const run = fakeRun(4, 2, 1);
    const s = run.step();
    await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot()); // buffered only; "killed" here
    await expect(new Hdf5Backend(early).openForResume(meta(4, 2))).rejects.toThrow(/stopped before its first chunk/);
    // chain file replaced by something else, or by a shorter chain, while the sidecar stayed
    const replaced = join(dir, 'replaced.h5');
    await writeFake(replaced, 4, 2, 16, { chunkSteps: 8 });
    const side = readFileSync(sidecarPathFor(replaced), 'utf8');
    writeFileSync(replaced, 'not hdf5');
    await expect(new Hdf5Backend(replaced).openForResume(meta(4, 2))).rejects.toThrow(/replaced\.h5: cannot open as HDF5/);
    await writeFake(replaced, 4, 2, 8, { chunkSteps: 8 });
    writeFileSync(sidecarPathFor(replaced), side);
    await expect(new Hdf5Backend(replaced).openForResume(meta(4, 2))).rejects.toThrow(/holds 8 steps but its sidecar records 16/);
  });

  it('cuts HDF5 rows written after the last sidecar (crash between flush and rename) and continues exactly', async () => {
    const W = 5;
    const D = 2;
    const reference = join(dir, 'ref.h5');
    const exp = await writeFake(reference, W, D, 30, { chunkSteps: 6 });

    const path = join(dir, 'cut.h5');
    const b = new Hdf5Backend(path, { chunkSteps: 6, checkpointIntervalMs: 0 });
    await b.create(meta(W, D));
    const run = fakeRun(W, D, 11);
    let savedSidecar = '';
    for (let t = 0; t < 20; t++) {
      const s = run.step();
      await b.append(s.coords, s.logProb, s.accepted, () => run.snapshot());
      if (b.persistedIteration === 12 && !savedSidecar) savedSidecar = readFileSync(sidecarPathFor(path), 'utf8');
    }
    await b.close(); // HDF5 now holds 20 rows (and accepted after 20 steps)
    writeFileSync(sidecarPathFor(path), savedSidecar); // as if the sidecar update after rows 12…19 never happened

    const b2 = new Hdf5Backend(path, { chunkSteps: 6 });
    const state = await b2.openForResume(meta(W, D));
    expect(state.iteration).toBe(12);
    expect(b2.iteration).toBe(12);
    const cut = await readChain(path);
    expect(cut.nsteps).toBe(12);
    expect(cut.accepted).toEqual(Float64Array.from(state.accepted));
    const run2 = fakeRun(W, D, 0, state);
    for (let t = 12; t < 30; t++) {
      const s = run2.step();
      await b2.append(s.coords, s.logProb, s.accepted, () => run2.snapshot());
    }
    await b2.close();
    const r = await readChain(path);
    expect(r.nsteps).toBe(30);
    expect(r.chain).toEqual(exp.chain);
    expect(r.logProb).toEqual(exp.logProb);
    expect(r.accepted).toEqual(exp.accepted);
  });
});
