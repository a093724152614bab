/** Units: constants (each with its source) and conversions. Re-exports only. */
export * from './constants.js';
export * from './conversions.js';
