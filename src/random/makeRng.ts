/**
 * Builds an {@link Rng} of the requested kind from a seed or a saved state (resume).
 * @module
 */
import { DefaultRng } from './defaultRng.js';
import { NumpyRandomState } from './numpyRandomState.js';
import type { Rng, RngKind, RngState } from './rng.js';

/**
 * New generator seeded like numpy `RandomState(seed)`.
 * @param kind - `emcee` (numpy legacy draws, emcee-compatible) or `default` (ziggurat normals)
 * @param seed - integer in [0, 2³² − 1]
 * @returns the generator
 */
export function makeRng(kind: RngKind, seed: number): Rng {
  return kind === 'emcee' ? new NumpyRandomState(seed) : new DefaultRng(seed);
}

/**
 * Rebuilds a generator from {@link Rng.getState} output; continues the stream bit for bit.
 * @param state - saved state (its `kind` selects the stream; absent = `emcee`)
 * @returns the generator
 */
export function rngFromState(state: RngState): Rng {
  if (!Array.isArray(state?.mt) || typeof state.hasGauss !== 'boolean' || typeof state.gauss !== 'number') {
    throw new TypeError('rngFromState: state must be { mt: number[], hasGauss: boolean, gauss: number }');
  }
  return (state.kind ?? 'emcee') === 'emcee' ? new NumpyRandomState(state) : new DefaultRng(state);
}
