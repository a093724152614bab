/** Electromagnetic properties: which parameter acts on which flavour, coupling shifts, SM values. Re-exports only. */
export * from './flavorParameters.js';
export * from './couplingShifts.js';
export * from './standardModelValues.js';
export * from './parameterCoupling.js';
