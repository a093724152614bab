/** Seeded random streams (the only place randomness is born). */
export type { Rng, RngKind, RngState } from './rng.js';
export { NumpyRandomState } from './numpyRandomState.js';
export { DefaultRng } from './defaultRng.js';
export { makeRng, rngFromState } from './makeRng.js';
export { poissonVariate, numpyLoggam } from './poisson.js';
