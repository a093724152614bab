/** End-to-end analysis runs (`nuem run` without the command line). Re-exports only. */
export * from './runAnalysis.js';
export * from './ensembleTask.js';
export * from './runEnsemblesInStep.js';
export * from './summarizeEnsembles.js';
export * from './bestFitSpectra.js';
export * from './initialEnsemble.js';
export * from './checkWritableDir.js';
export * from './runProgress.js';
export * from './validateModelFile.js';
export * from './modelCatalogue.js';
