/** Likelihoods: binned χ² (Gaussian, Poisson/Cash) with normalisation nuisances. Re-exports only. */
export * from './nuisancePrior.js';
export * from './binnedLikelihoodSpec.js';
export * from './cashStatistic.js';
export * from './profileGaussianNuisances.js';
export * from './profilePoissonNuisances.js';
export * from './makeChi2.js';
export * from './buildAnalysisLikelihood.js';
export * from './forwardModelPrediction.js';
export * from './buildPosterior.js';
