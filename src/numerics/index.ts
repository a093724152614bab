/** Numerics: quadrature, minimizers, root finders, special functions. Re-exports only. */
export * from './gaussKronrod.js';
export * from './gaussLegendre.js';
export * from './brentMinimize.js';
export * from './brentRoot.js';
export * from './bisectRoot.js';
export * from './sphericalBesselJ1.js';
export * from './fft.js';
export * from './nelderMead.js';
export * from './boxBfgs.js';
