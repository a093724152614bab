/** Fast forward model (issue 3): re-exports only. */
export * from './quadraticMonomials.js';
export * from './identifyQuadratic.js';
export * from './balancedScales.js';
export * from './rescaleQuadraticFit.js';
export * from './quadraticSurface.js';
export * from './initialParameterStep.js';
export * from './forwardModel.js';
export * from './buildForwardModelFromSpectra.js';
export * from './cubicLagrangeWeights.js';
export * from './interpolatedForwardModel.js';
export * from './cachedReference.js';
export * from './buildForwardModel.js';
export * from './neutronRadiusForwardModel.js';
export * from './nonzeroQuadraticTerms.js';
