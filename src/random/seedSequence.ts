/**
 * Per-ensemble random streams derived from one run seed, so that no two (seed, ensemble) pairs
 * share a stream (the old rule "ensemble k uses seed + k" made runs with seeds 1 and 2 share an
 * ensemble bit for bit).
 *
 * Ensemble 0 uses numpy's `RandomState(seed)` itself, so a single-ensemble `--rng emcee` run stays
 * bit-identical to emcee with the same seed. Ensemble k ≥ 1 uses the mt19937 state numpy builds
 * from `SeedSequence(seed, spawn_key=(k,))` — the k-th child of `SeedSequence(seed).spawn(…)` —
 * i.e. the stream of `RandomState(MT19937(SeedSequence(seed, spawn_key=(k,))))`. Those states come
 * from a hash of (seed, k) (O'Neill's seed_seq design), never from the 32-bit `init_genrand`
 * recurrence of ensemble 0, so streams of different (seed, k) are distinct except with negligible
 * (hash-collision) probability, and no seed arithmetic can overflow.
 * Reference: numpy 1.24 `numpy/random/bit_generator.pyx` (`SeedSequence`, `_coerce_to_uint32_array`,
 * `mix_entropy`, `generate_state`) and `_mt19937.pyx` (`_seed_seq`: key[0] = 0x80000000, key[i] =
 * state[i], position 623); M. E. O'Neill, "Developing a seed_seq alternative" (2015,
 * https://www.pcg-random.org/posts/developing-a-seed_seq-alternative.html). Checked against numpy
 * in test/random/seedSequence.test.ts (fixture from test/fixtures/seedsequence/make_seedsequence.py).
 * @module
 */
import { makeMt19937 } from '../numerics/stdlib.js';
import { makeRng, rngFromState } from './makeRng.js';
import type { Rng, RngKind } from './rng.js';

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
/** numpy's default pool size in 32-bit words */
const POOL_SIZE = 4;
/** mt19937 state words */
const MT_N = 624;

/** Splits a non-negative integer into little-endian 32-bit words (numpy `_coerce_to_uint32_array`). */
function uint32Words(v: number): number[] {
  if (!(Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`seed sequence: ${v} is not a non-negative safe integer`);
  if (v === 0) return [0];
  const out: number[] = [];
  let x = v;
  while (x > 0) {
    out.push(x % 2 ** 32);
    x = Math.floor(x / 2 ** 32);
  }
  return out;
}

/**
 * The first `nWords` 32-bit words of numpy's `SeedSequence(entropy, spawn_key).generate_state`.
 * @param entropy - the run seed (a non-negative integer)
 * @param spawnKey - spawn key, e.g. `[k]` for the k-th child of `SeedSequence(entropy).spawn`
 * @param nWords - words to generate
 * @returns Uint32Array of length nWords
 * @example seedSequenceWords(12345, [], 1) // the first word of numpy SeedSequence(12345).generate_state(1)
 */
export function seedSequenceWords(entropy: number, spawnKey: readonly number[], nWords: number): Uint32Array {
  let run = uint32Words(entropy);
  const spawn = spawnKey.flatMap(uint32Words);
  if (spawn.length > 0 && run.length < POOL_SIZE) run = [...run, ...new Array<number>(POOL_SIZE - run.length).fill(0)];
  const ent = [...run, ...spawn];
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < ent.length ? ent[i]! : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!));
  }
  for (let src = POOL_SIZE; src < ent.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(ent[src]!));
  }
  const out = new Uint32Array(nWords);
  let hb = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE]! ^ hb) >>> 0;
    hb = Math.imul(hb, MULT_B) >>> 0;
    v = Math.imul(v, hb) >>> 0;
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
}

/**
 * How ensemble k's stream is derived from the run seed, in words (recorded in chain metadata and
 * the report's provenance).
 * @param seed - run seed
 * @param ensemble - ensemble index k
 * @returns e.g. `numpy RandomState(MT19937(SeedSequence(7, spawn_key=(1,))))`
 */
export function ensembleStreamDerivation(seed: number, ensemble: number): string {
  return ensemble === 0 ? `numpy RandomState(${seed})` : `numpy RandomState(MT19937(SeedSequence(${seed}, spawn_key=(${ensemble},))))`;
}

/** One-line description of the rule, for provenance. */
export const ENSEMBLE_STREAM_RULE =
  'ensemble 0: RandomState(seed) (emcee-identical); ensemble k ≥ 1: RandomState(MT19937(SeedSequence(seed, spawn_key=(k,)))) (numpy SeedSequence spawn)';

/**
 * A fresh generator for ensemble k of a run with seed `seed` (see module doc).
 * @param kind - `emcee` (numpy legacy draws) or `default` (ziggurat normals on the same mt19937 words)
 * @param seed - run seed, integer in [0, 2³² − 1]
 * @param ensemble - ensemble index k ≥ 0
 * @returns the generator at the start of its stream
 */
export function ensembleRng(kind: RngKind, seed: number, ensemble: number): Rng {
  if (!(Number.isInteger(ensemble) && ensemble >= 0)) throw new RangeError(`ensembleRng: ensemble must be a non-negative integer, got ${ensemble}`);
  if (ensemble === 0) return makeRng(kind, seed);
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new RangeError(`ensembleRng: seed must be an integer in [0, 2^32 − 1], got ${seed}`);
  const words = seedSequenceWords(seed, [ensemble], MT_N);
  // @stdlib mt19937 state layout: [version, sections, N, mt[0..N−1], 1, index, seedLen, seed…]
  const st = Array.from(makeMt19937(1).state);
  st[3] = 0x80000000;
  for (let i = 1; i < MT_N; i++) st[3 + i] = words[i]!;
  // numpy sets pos = 623 (the Cython loop variable after range(1, 624)): the first draw tempers
  // key[623] as it stands, the second one twists
  st[3 + MT_N + 1] = MT_N - 1;
  return rngFromState({ mt: st, hasGauss: false, gauss: 0, kind });
}
