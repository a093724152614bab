/**
 * The checks of a sampling plan that depend on more than one setting, shared by `nuem validate`
 * (with the defaults a run would use) and `nuem run` (with the command-line overrides), so both
 * refuse the same plans before anything is written: sizes inside the documented limits
 * (src/experiments/inputLimits.ts), a 32-bit seed (ensemble streams are spawned from it, so no derived seed can overflow), a chain that
 * fits in memory, and moves that suit the ensemble (src/sampler/moveSchema.ts).
 * @module
 */
import { UserError } from '../cli/userError.js';
import { SIZE_LIMITS } from '../experiments/inputLimits.js';
import { checkMovesFor } from '../sampler/moveSchema.js';
import { SamplerError } from '../sampler/SamplerError.js';
import type { MoveSpec } from '../sampler/types.js';

/** A sampling plan, with where each value came from (a flag such as `--walkers`, or `<file>: sampler.walkers`). */
export interface SamplerPlanToCheck {
  walkers: number;
  maxSteps: number;
  seed: number;
  ensembles: number;
  moves: readonly MoveSpec[];
  /** sampled parameters (physics + sampled nuisances) */
  ndim: number;
  /** their names in coordinate order (block moves name parameters) */
  paramNames?: readonly string[];
  where: { walkers: string; maxSteps: string; seed: string; ensembles: string; moves: string };
}

/**
 * Checks a plan (see module doc).
 *
 * @param p - the plan and where its values came from
 * @throws UserError naming the setting, what is wrong and the fix
 */
export function checkSamplerPlan(p: SamplerPlanToCheck): void {
  const L = SIZE_LIMITS;
  if (!(Number.isInteger(p.walkers) && p.walkers >= 2 && p.walkers <= L.walkers)) {
    throw new UserError(p.where.walkers, `${p.walkers} walkers are outside the supported range [2, ${L.walkers}]`, `use between ${Math.max(2, 2 * p.ndim)} and ${L.walkers} walkers`);
  }
  if (p.walkers < 2 * p.ndim) throw new UserError(p.where.walkers, `${p.walkers} walkers are fewer than twice the ${p.ndim} sampled parameters`, `use at least ${2 * p.ndim} walkers`);
  if (!(Number.isInteger(p.maxSteps) && p.maxSteps >= L.minSteps && p.maxSteps <= L.steps)) {
    throw new UserError(p.where.maxSteps, `${p.maxSteps} steps are outside the supported range [${L.minSteps}, ${L.steps}]`, `give between ${L.minSteps} and ${L.steps} steps`);
  }
  if (!(Number.isInteger(p.ensembles) && p.ensembles >= 1 && p.ensembles <= L.ensembles)) {
    throw new UserError(p.where.ensembles, `${p.ensembles} ensembles are outside the supported range [1, ${L.ensembles}]`, `give between 1 and ${L.ensembles} (R-hat needs at least 2)`);
  }
  if (!(Number.isInteger(p.seed) && p.seed >= 0 && p.seed <= L.seed)) {
    throw new UserError(p.where.seed, `seed ${p.seed} is not a 32-bit unsigned integer`, `give a seed in [0, ${L.seed}]`);
  }
  // ensemble streams come from numpy's SeedSequence spawn of the run seed (src/random/seedSequence.ts),
  // not from seed + k, so every 32-bit seed is valid for any number of ensembles
  const values = p.walkers * p.maxSteps * (p.ndim + 1);
  if (values > L.chainValues) {
    throw new UserError(
      p.where.maxSteps,
      `${p.walkers} walkers × ${p.maxSteps} steps × ${p.ndim + 1} values per walker and step (${values.toExponential(2)}) exceed the ${L.chainValues.toExponential(2)} values a run holds in memory per ensemble`,
      `lower the steps to at most ${Math.floor(L.chainValues / (p.walkers * (p.ndim + 1)))} or use fewer walkers`,
    );
  }
  try {
    checkMovesFor(p.moves, p.walkers, p.ndim, p.paramNames);
  } catch (e) {
    if (e instanceof SamplerError) throw new UserError(p.where.moves, e.message, e.fix);
    throw e;
  }
}
