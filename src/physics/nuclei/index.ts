/** Nuclei: isotopes, targets and form factors. Re-exports only. */
export * from './isotope.js';
export * from './nuclearTarget.js';
export * from './formFactor.js';
