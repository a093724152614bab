/**
 * The block form of the DE move (`{ type: de, params: [...] }`): exact identities with the full
 * move, coordinates outside the block never move, name resolution and its errors, and the
 * one-line error of an analysis file that names an unknown parameter. Its sampling correctness
 * (mean, variance, KS against exact targets) is in movesStatistics.test.ts ('de + block de').
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { UserError } from '../../src/cli/userError.js';
import { validateModelFile } from '../../src/pipeline/validateModelFile.js';
import { makeRng } from '../../src/random/makeRng.js';
import { DEMove } from '../../src/sampler/moves/deMove.js';
import { blockIndices, makeMove } from '../../src/sampler/moves/makeMove.js';
import { SamplerError } from '../../src/sampler/SamplerError.js';
import type { ProposalContext } from '../../src/sampler/types.js';

const D = 5;
const NA = 6;
const NC = 7;

function context(seed: number): ProposalContext {
  const r = makeRng('emcee', seed);
  const walkers = Float64Array.from({ length: NA * D }, () => r.standardNormal());
  const complement = Float64Array.from({ length: NC * D }, () => r.standardNormal());
  return {
    rng: makeRng('emcee', seed + 1),
    ndim: D,
    walkers,
    nActive: NA,
    complement,
    nComplement: NC,
    complementSizes: [NC],
    proposal: new Float64Array(NA * D),
    logHastings: new Float64Array(NA).fill(NaN),
  };
}

describe('block DE move', () => {
  it('a block of every coordinate with the full move’s γ₀ proposes exactly what the full move proposes (same draws)', () => {
    const full = new DEMove(0.3);
    full.setup(D);
    const block = new DEMove(0.3, 2.38 / Math.sqrt(2 * D), { params: ['a', 'b', 'c', 'd', 'e'], dims: [0, 1, 2, 3, 4] });
    block.setup(D);
    const a = context(7);
    const b = context(7);
    full.propose(a);
    block.propose(b);
    expect(Array.from(b.proposal)).toEqual(Array.from(a.proposal));
    expect(Array.from(b.logHastings)).toEqual(new Array(NA).fill(0));
    // and the generators were advanced by the same draws
    expect(b.rng.standardNormal()).toBe(a.rng.standardNormal());
  });

  it('moves only the block: the other coordinates of every proposal equal the walker’s, the block ones follow the full move’s arithmetic', () => {
    const dims = [3, 1];
    const block = new DEMove(1e-5, undefined, { params: ['p3', 'p1'], dims });
    block.setup(D);
    const ref = new DEMove(1e-5, 2.38 / Math.sqrt(2 * dims.length));
    ref.setup(D);
    const a = context(11);
    const b = context(11);
    block.propose(a);
    ref.propose(b);
    for (let i = 0; i < NA; i++) {
      for (let d = 0; d < D; d++) {
        const k = i * D + d;
        if (dims.includes(d)) expect(a.proposal[k]).toBe(b.proposal[k]);
        else expect(a.proposal[k]).toBe(a.walkers[k]);
      }
    }
  });

  it('γ₀ defaults to 2.38/√(2·block size) and describe() keeps the names', () => {
    const m = makeMove({ type: 'de', params: ['y', 'x'] }, ['x', 'y', 'z']) as DEMove;
    m.setup(3);
    expect(m.block?.dims).toEqual([1, 0]);
    expect(m.describe()).toEqual({ type: 'de', sigma: 1e-5, params: ['y', 'x'] });
    expect(makeMove(m.describe(), ['x', 'y', 'z']).describe()).toEqual(m.describe());
  });

  it('resolves full names and unique short names (before the experiment suffix), refuses unknown, ambiguous and repeated names', () => {
    const names = ['qee', 'ar_brn.coherent-lar-2020', 'csi_brn.coherent-csi', 'x.e1', 'x.e2'];
    expect(blockIndices(['ar_brn', 'qee', 'csi_brn.coherent-csi'], names)).toEqual([1, 0, 2]);
    expect(blockIndices(['x.e2'], names)).toEqual([4]);
    expect(() => blockIndices(['nope'], names)).toThrow(/"nope" is not a sampled parameter/);
    expect(() => blockIndices(['x'], names)).toThrow(/ambiguous \(x\.e1, x\.e2\)/);
    expect(() => blockIndices(['qee', 'qee'], names)).toThrow(/listed twice/);
    expect(() => makeMove({ type: 'de', params: ['qee'] })).toThrow(SamplerError);
  });

  it('an analysis file whose block names an unknown parameter gets a one-line error naming the file, sampler.moves and the fix', () => {
    const src = readFileSync(new URL('../../models/analyses/coherent-csiar-qee-qmumu.yaml', import.meta.url), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'nuem-deblock-'));
    const file = join(dir, 'deblock-bad.yaml');
    // the same analysis, with a move list whose block names a parameter the analysis does not have
    const doc = parse(src) as { id: string; sampler: { moves: unknown[] } };
    doc.id = 'deblock-bad';
    doc.sampler.moves = [
      { type: 'de', weight: 0.9 },
      { type: 'de', params: ['ar_brn', 'not_a_parameter'], weight: 0.1 },
    ];
    writeFileSync(file, stringify(doc));
    let err: unknown;
    try {
      validateModelFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as Error).message;
    expect(msg).toContain('sampler.moves');
    expect(msg).toContain('"not_a_parameter" is not a sampled parameter');
    expect(msg.split('\n')).toHaveLength(1);
  });
});
