/** Physics: parameters, nuclei, EM coupling shifts, cross sections, fluxes. Re-exports only. */
export * from './parameters.js';
export * from './nuclei/index.js';
export * from './electromagnetic/index.js';
export * from './crossSections/index.js';
export * from './fluxes/index.js';
export * from './detectors/index.js';
export * from './spectrum/index.js';
export * from './timing/index.js';
