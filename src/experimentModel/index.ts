/** The experiment interface, its registry, nuisance priors and combined likelihoods. Re-exports only. */
export * from './types.js';
export * from './registry.js';
export * from './nuisancePenalty.js';
export * from './nuisanceSchema.js';
export * from './binnedStatistics.js';
export * from './combinedLikelihood.js';
