/** π-DAR fluxes: prompt line, Michel spectra, sources and normalisation. Re-exports only. */
export * from './pionDecayAtRest.js';
export * from './darSource.js';
