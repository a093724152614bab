/**
 * The chain writer of `nuem run` in its own thread (src/pipeline/chainWriter.ts) writes exactly
 * the chain files the coordinator wrote itself before (row-by-row `Hdf5Backend.append` in the
 * calling thread): every dataset and attribute bit for bit (except the random chain id) and the
 * same sidecar, also across a resume; `Hdf5Backend.appendRows` makes the same persists as
 * row-by-row appends under the same clock; writer errors surface as the same one-line UserError.
 * All comparisons are exact.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { Hdf5Backend, NUEM_CHAIN_ID_ATTR, sidecarPathFor, type Hdf5BackendOptions } from '../../src/sampler/backends/hdf5Backend.js';
import type { ChainMetadata, ResumeState } from '../../src/sampler/backends/backend.js';
import { hdf5Ready } from '../../src/util/hdf5Library.js';
import { UserError } from '../../src/cli/userError.js';
import { ChainWriter } from '../../src/pipeline/chainWriter.js';
import type { RowBatch } from '../../src/pipeline/ensembleTask.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { tinyRunOptions } from './tinyRun.js';
import { fakeRun, type FakeRun } from '../sampler/backends/fakeSteps.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-chainwriter-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 5;
const D = 3;
const CHUNK = 4;
const meta: ChainMetadata = { parameterNames: ['a', 'b', 'c'], analysisId: 'writer-test', modelHash: 'sha256:0', nwalkers: W, ndim: D, seed: 3, settings: {} };

/**
 * Row batches as a runner posts them: cut at the chunk boundaries and at the check points
 * (every `every` steps), each with the state after its last row.
 */
function batches(run: FakeRun, ensemble: number, from: number, to: number, every: number): RowBatch[] {
  const out: RowBatch[] = [];
  let a = from;
  while (a < to) {
    const b = Math.min(to, (Math.floor(a / CHUNK) + 1) * CHUNK, (Math.floor(a / every) + 1) * every);
    const chain = new Float64Array((b - a) * W * D);
    const logProb = new Float64Array((b - a) * W);
    const accepted = new Uint8Array((b - a) * W);
    for (let r = 0; r < b - a; r++) {
      const s = run.step();
      chain.set(s.coords, r * W * D);
      logProb.set(s.logProb, r * W);
      accepted.set(s.accepted, r * W);
    }
    out.push({ ensemble, from: a, to: b, chain, logProb, accepted, snapshot: run.snapshot() });
    a = b;
  }
  return out;
}

const copy = (b: RowBatch): RowBatch => ({ ...b, chain: b.chain.slice(), logProb: b.logProb.slice(), accepted: b.accepted.slice() });

/** The coordinator's former writer: one `append` per row, the batch's state as the snapshot. */
function appendRowByRow(w: Hdf5Backend, b: RowBatch): void {
  for (let r = 0; r < b.to - b.from; r++) w.append(b.chain.subarray(r * W * D, (r + 1) * W * D), b.logProb.subarray(r * W, (r + 1) * W), b.accepted.subarray(r * W, (r + 1) * W), () => b.snapshot);
}

/** Every attribute and dataset of the group (bytes and shape), except the random chain id. */
async function dump(path: string): Promise<Record<string, string>> {
  const h5 = await hdf5Ready();
  const f = new h5.File(path, 'r');
  try {
    const g = f.get('mcmc') as Group;
    const out: Record<string, string> = {};
    for (const [k, a] of Object.entries(g.attrs)) {
      if (k === NUEM_CHAIN_ID_ATTR) continue;
      out[`@${k}`] = `${a.dtype} ${JSON.stringify(a.value, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number | bigint>, String) : x))}`;
    }
    for (const k of g.keys()) {
      const d = g.get(k) as Dataset;
      const v = d.value as Float64Array;
      out[k] = `${d.dtype} ${JSON.stringify(d.shape)} ${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`;
    }
    return out;
  } finally {
    f.close();
  }
}

/** `<dir>/<sub>/<name>` with the directory created (compared files share their base name, which the sidecar records). */
function fileIn(sub: string, name: string): string {
  mkdirSync(join(dir, sub), { recursive: true });
  return join(dir, sub, name);
}

/** The sidecar without its random chain id. */
function sidecar(path: string): unknown {
  const s = JSON.parse(readFileSync(sidecarPathFor(path), 'utf8')) as Record<string, unknown>;
  delete s.chainId;
  return s;
}

describe('Hdf5Backend.appendRows', () => {
  const policies: Array<[string, Hdf5BackendOptions]> = [
    ['interval (injected clock)', { checkpointIntervalMs: 2000 }],
    ['buffer cap', { checkpointIntervalMs: 1e12, maxBufferSteps: 8 }],
    ['every chunk', { checkpointIntervalMs: 0 }],
  ];
  for (const [name, policy] of policies) {
    it(`persists at the same steps as row-by-row append, with the same file and sidecar (${name}), also after a resume mid-chunk`, async () => {
      const trace = async (bulk: boolean): Promise<{ persisted: number[]; path: string }> => {
        let now = 0;
        const opts = { chunkSteps: CHUNK, durable: false, clock: () => (now += 700), ...policy } as const;
        const path = fileIn(`rows-${name.replace(/\W/g, '')}-${bulk}`, 'chain.h5');
        const persisted: number[] = [];
        const w = new Hdf5Backend(path, opts);
        await w.create(meta);
        const run = fakeRun(W, D, 17);
        for (const b of batches(run, 0, 0, 37, 10)) {
          if (bulk) w.appendRows(b.chain, b.logProb, b.accepted, b.to - b.from, () => b.snapshot);
          else appendRowByRow(w, b);
          persisted.push(w.persistedIteration);
        }
        await w.close();
        // resume at row 37 (not a chunk boundary) and go on
        const w2 = new Hdf5Backend(path, opts);
        const state = await w2.openForResume(meta);
        const run2 = fakeRun(W, D, 0, state);
        for (const b of batches(run2, 0, 37, 83, 10)) {
          if (bulk) w2.appendRows(b.chain, b.logProb, b.accepted, b.to - b.from, () => b.snapshot);
          else appendRowByRow(w2, b);
          persisted.push(w2.persistedIteration);
        }
        await w2.flush();
        persisted.push(w2.persistedIteration);
        await w2.close();
        return { persisted, path };
      };
      const a = await trace(false);
      const b = await trace(true);
      expect(b.persisted).toEqual(a.persisted);
      expect(new Set(a.persisted).size).toBeGreaterThan(3); // the policy really persisted along the way
      expect(await dump(b.path)).toEqual(await dump(a.path));
      expect(sidecar(b.path)).toEqual(sidecar(a.path));
    });
  }

  it('rejects a batch shorter than its row count', async () => {
    const w = new Hdf5Backend(join(dir, 'short.h5'), { chunkSteps: CHUNK });
    await w.create(meta);
    expect(() => w.appendRows(new Float64Array(W * D), new Float64Array(W), new Uint8Array(W), 2, () => fakeRun(W, D, 1).snapshot())).toThrow(/expected 2 rows/);
    await w.close();
  });
});

describe('ChainWriter (worker thread)', () => {
  it('writes the same chain files as the in-thread row-by-row writer, for two ensembles, across a resume', async () => {
    const ref = [fileIn('ref', 'e0.h5'), fileIn('ref', 'e1.h5')];
    const out = [fileIn('worker', 'e0.h5'), fileIn('worker', 'e1.h5')];
    const runs = [fakeRun(W, D, 5), fakeRun(W, D, 6)];
    const first = runs.map((r, k) => batches(r, k, 0, 150, 25));
    const inThread = ref.map((p) => new Hdf5Backend(p, { chunkSteps: CHUNK }));
    for (const w of inThread) await w.create(meta);
    first.forEach((bs, k) => bs.forEach((b) => appendRowByRow(inThread[k]!, b)));
    for (const w of inThread) await w.close();

    const writer = new ChainWriter();
    out.forEach((p, k) => writer.create(k, p, CHUNK, meta));
    // interleaved as the coordinator forwards them, posted in groups of a few batches
    for (let i = 0; i < Math.max(...first.map((x) => x.length)); i++) {
      for (const bs of first) if (bs[i]) writer.append(copy(bs[i]!));
      if (i % 5 === 4) writer.post();
    }
    await writer.close();
    await writer.terminate();
    for (let k = 0; k < 2; k++) {
      expect(await dump(out[k]!)).toEqual(await dump(ref[k]!));
      expect(sidecar(out[k]!)).toEqual(sidecar(ref[k]!));
    }

    // resume both: the writer thread returns the same state and continues to the same files
    const w2 = new ChainWriter();
    const more: RowBatch[][] = [];
    for (let k = 0; k < 2; k++) {
      const r = new Hdf5Backend(ref[k]!, { chunkSteps: CHUNK });
      const sRef = await r.openForResume(meta);
      const s = await w2.openForResume(k, out[k]!, CHUNK, meta);
      expect(s).toEqual(sRef);
      expect(s.iteration).toBe(150);
      more.push(batches(fakeRun(W, D, 0, s), k, 150, 233, 25));
      more[k]!.forEach((b) => appendRowByRow(r, b));
      await r.close();
    }
    for (const bs of more) for (const b of bs) w2.append(copy(b));
    w2.post();
    expect(w2.lag).toBe(233 - 150);
    await w2.waitLag(0);
    expect(w2.lag).toBe(0);
    await w2.close();
    await w2.terminate();
    for (let k = 0; k < 2; k++) {
      expect(await dump(out[k]!)).toEqual(await dump(ref[k]!));
      expect(sidecar(out[k]!)).toEqual(sidecar(ref[k]!));
    }
  });

  it('reports errors as the same one-line UserError as the in-thread writer', async () => {
    const missing = join(dir, 'no-such-dir', 'chain.h5');
    const inThread = await new Hdf5Backend(missing).create(meta).then(
      () => null,
      (e: unknown) => e,
    );
    expect(inThread).toBeInstanceOf(UserError);
    const w = new ChainWriter();
    w.create(0, missing, CHUNK, meta);
    const run = fakeRun(W, D, 1);
    for (const b of batches(run, 0, 0, 12, 10)) w.append(b);
    const e = await w.close().then(
      () => null,
      (x: unknown) => x,
    );
    await w.terminate();
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe((inThread as UserError).message);
    expect(w.error).toBe(e);

    const w2 = new ChainWriter();
    const gone = join(dir, 'never-written.h5');
    const r1 = await new Hdf5Backend(gone).openForResume(meta).then(
      () => null,
      (x: unknown) => x,
    );
    const r2 = await w2.openForResume(0, gone, CHUNK, meta).then(
      () => null,
      (x: unknown) => x,
    );
    await w2.close();
    await w2.terminate();
    expect(r2).toBeInstanceOf(UserError);
    expect((r2 as UserError).message).toBe((r1 as UserError).message);
  });

  it('a batch for an ensemble without a chain is an internal error, not a silent drop', async () => {
    const w = new ChainWriter();
    const snapshot: ResumeState = fakeRun(W, D, 2).snapshot();
    w.append({ ensemble: 9, from: 0, to: 1, chain: new Float64Array(W * D), logProb: new Float64Array(W), accepted: new Uint8Array(W), snapshot });
    await expect(w.close()).rejects.toThrow(/ensemble 9 has no open chain/);
    await w.terminate();
  });
});

describe('nuem run through the writer thread', () => {
  it('in this thread and with a runner worker, past 4096 steps (the coordinator\'s initial row capacity): the same chains in memory and on disk', async () => {
    const file = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
    // a τ rule no chain meets: both runs go to the 4,500-step cap
    const opts = (out: string, threads: number) => ({ ...tinyRunOptions(join(dir, out)), threads, maxSteps: 4500, tauFactor: 1e9 });
    const a = await runAnalysis(file, opts('long0', 0));
    const b = await runAnalysis(file, opts('long1', 1));
    expect(a.diagnostics.steps).toEqual([4500, 4500]);
    expect(b.diagnostics.steps).toEqual([4500, 4500]);
    for (let k = 0; k < 2; k++) {
      const x = await readChain(a.paths.chains[k]!);
      const y = await readChain(b.paths.chains[k]!);
      expect(x.nsteps).toBe(4500);
      expect(Buffer.from(y.chain.buffer).equals(Buffer.from(x.chain.buffer))).toBe(true);
      expect(Buffer.from(y.logProb.buffer).equals(Buffer.from(x.logProb.buffer))).toBe(true);
      expect(await dump(b.paths.chains[k]!)).toEqual(await dump(a.paths.chains[k]!));
    }
    expect(b.posterior).toEqual(a.posterior);
  }, 240_000);
});
