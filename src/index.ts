/**
 * Public API of nuem: re-exports only.
 *
 * Where two areas export the same name, the barrel re-exports one of them under that name and
 * the other under an explicit, area-qualified alias (see the comments below).
 */
export * from './provenance.js';
export * from './cli/userError.js';
export * from './units/index.js';
export * from './numerics/index.js';
export * from './physics/index.js';
// experiments (no index file): experiment files, then analysis files and their hash.
export * from './experiments/experimentSchema.js';
export * from './experiments/loadExperiment.js';
export * from './experiments/readNumericTable.js';
export * from './experiments/analysisSchema.js';
export * from './experiments/loadAnalysis.js';
export * from './experiments/modelHash.js';
export * from './experiments/loadExperimentDefinition.js';
// the experiment interface (plug-in experiment types, combined likelihoods)
export * from './experimentModel/index.js';
export * from './diagnostics/index.js';
export * from './summaries/index.js';
export * from './util/index.js';
// sampler backends: the full HDF5 (emcee-layout) chain-file API and the chain reader (the sampler
// index re-exports only part of it).
export * from './sampler/backends/hdf5Backend.js';
export * from './sampler/backends/readChain.js';
export * from './random/index.js';
export * from './forward/index.js';
export * from './likelihood/index.js';
export * from './profile/index.js';
export * from './plots/index.js';
export * from './report/index.js';
export * from './sampler/index.js';
export * from './pipeline/index.js';

// Name clashes between areas, resolved explicitly (an explicit export shadows the star exports):
// the plain name belongs to the lower-level area, the other gets an area-qualified alias.
export { quantileSorted } from './summaries/index.js'; // type-7 quantile of a sorted sample, NaN outside [0, 1]
export { quantileSorted as plotQuantileSorted } from './plots/index.js'; // same rule, throws outside [0, 1]
export type { ParameterSummary } from './summaries/index.js';
export type { ParameterSummary as ReportParameterSummary } from './report/index.js';
export type { AxisScale } from './profile/index.js'; // 'linear' | 'log'
export type { AxisScale as PlotAxisScale } from './plots/index.js'; // 'lin' | 'log'
