/**
 * The one definition of a valid sampler move list, used by analysis files (`sampler.moves`), by
 * `nuem sample --moves` (after parsing) and before any chain is written by `nuem run`:
 * {@link moveSpecSchema} checks each move on its own (known type, known parameters, ranges),
 * {@link checkMovesFor} checks what depends on the ensemble (enough walkers for the move's
 * split, helper-set size of the walk move, Gaussian σ or covariance of the right dimension).
 * Move definitions and their parameters: src/sampler/moves/*.ts (Goodman & Weare 2010,
 * doi:10.2140/camcos.2010.5.65; ter Braak 2006, doi:10.1007/s11222-006-8769-1; ter Braak &
 * Vrugt 2008, doi:10.1007/s11222-008-9104-9).
 * @module
 */
import { z } from 'zod';
import { SIZE_LIMITS } from '../experiments/inputLimits.js';
import { makeMove } from './moves/makeMove.js';
import { SamplerError } from './SamplerError.js';
import type { MoveSpec } from './types.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');
/** relative weight of a move in the mixture */
const weight = positive.refine((v) => v <= 1e6, 'must be ≤ 1e6').optional();

/** zod schema of one move (strict: unknown keys are refused). */
export const moveSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('stretch'), a: finite.refine((v) => v > 1 && v <= 100, 'the stretch scale a must be > 1 and ≤ 100').optional(), weight }),
  z.strictObject({ type: z.literal('walk'), s: z.number().int().min(2).max(SIZE_LIMITS.walkers).optional(), weight }),
  z.strictObject({
    type: z.literal('de'),
    sigma: finite.refine((v) => v >= 0 && v <= 1e3, 'sigma must be in [0, 1000]').optional(),
    gamma0: positive.refine((v) => v <= 100, 'gamma0 must be ≤ 100').optional(),
    params: z.array(z.string().min(1)).min(1, 'give at least one parameter name').max(SIZE_LIMITS.dim).optional(),
    weight,
  }),
  z.strictObject({ type: z.literal('desnooker'), gammas: positive.refine((v) => v <= 100, 'gammas must be ≤ 100').optional(), weight }),
  z
    .strictObject({
      type: z.literal('gaussian'),
      sigma: z.union([positive, z.array(positive).min(1).max(SIZE_LIMITS.dim)]).optional(),
      cov: z.array(z.array(finite).min(1).max(SIZE_LIMITS.dim)).min(1).max(SIZE_LIMITS.dim).optional(),
      weight,
    })
    .refine((g) => (g.sigma === undefined) !== (g.cov === undefined), { message: 'a gaussian move needs exactly one of sigma and cov', path: ['sigma'] }),
]);

/** zod schema of a move list: 1 to 16 moves. */
export const moveListSchema = z.array(moveSpecSchema).min(1, 'give at least one move (e.g. [{type: stretch}])').max(16);

/**
 * Checks a move list against an ensemble: each move can be built, the ensemble has enough
 * walkers for the move's split (≥ 2 per part), a walk move's helper set fits in the
 * complementary half, a DE move has ≥ 2 complementary walkers, and a Gaussian move's σ list or
 * covariance matches the dimension (covariance symmetric positive definite).
 *
 * @param moves - validated move specs
 * @param nwalkers - walkers of the ensemble
 * @param ndim - sampled parameters
 * @param paramNames - their names in coordinate order (resolves the `params` of a block DE move)
 * @throws SamplerError naming the move (index) and the fix
 */
export function checkMovesFor(moves: readonly MoveSpec[], nwalkers: number, ndim: number, paramNames?: readonly string[]): void {
  moves.forEach((spec, i) => {
    const at = `moves[${i}] (${spec.type})`;
    let move;
    try {
      move = makeMove(spec, paramNames);
    } catch (e) {
      if (e instanceof SamplerError) throw new SamplerError(`${at}: ${e.message}`, e.fix);
      throw new SamplerError(`${at}: ${e instanceof Error ? e.message : String(e)}`, 'correct the move parameters (see nuem sample --help)');
    }
    if (move.kind === 'redblue' && nwalkers < 2 * move.nsplits) {
      throw new SamplerError(`${at}: splits the ensemble into ${move.nsplits} parts, so ${nwalkers} walkers are too few`, `use at least ${2 * move.nsplits} walkers`);
    }
    const complement = nwalkers - Math.ceil(nwalkers / move.nsplits);
    if (spec.type === 'walk' && spec.s !== undefined && spec.s > complement) {
      throw new SamplerError(`${at}: s = ${spec.s} helper walkers exceed the ${complement} walkers of the complementary half`, `use s ≤ ${complement} or more walkers`);
    }
    if (spec.type === 'gaussian') {
      if (Array.isArray(spec.sigma) && spec.sigma.length !== 1 && spec.sigma.length !== ndim) {
        throw new SamplerError(`${at}: ${spec.sigma.length} sigmas for ${ndim} parameters`, `give one sigma or ${ndim}`);
      }
      if (spec.cov) {
        if (spec.cov.length !== ndim || spec.cov.some((row) => row.length !== ndim)) throw new SamplerError(`${at}: the covariance must be ${ndim} × ${ndim}`, `give a ${ndim} × ${ndim} matrix`);
        for (let r = 0; r < ndim; r++) {
          for (let c = 0; c < r; c++) {
            const a = spec.cov[r]![c]!;
            const b = spec.cov[c]![r]!;
            if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE)) throw new SamplerError(`${at}: the covariance is not symmetric (cov[${r}][${c}] ≠ cov[${c}][${r}])`, 'give a symmetric matrix');
          }
        }
      }
    }
  });
}
