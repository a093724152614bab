/** Diagnostics: autocorrelation time, rank-normalised R̂, ESS, MCSE, convergence rules. Re-exports only. */
export { autocorrFunction1d } from './autocorrFunction1d.js';
export { autoWindow } from './autoWindow.js';
export { AutocorrError } from './AutocorrError.js';
export { autocorrTime, type AutocorrTimeOptions } from './autocorrTime.js';
export { integratedTime1d } from './integratedTime1d.js';
export { allFinite, commonLength, mapChains, pooled, splitChains, type Chains } from './chains.js';
export { averageRanks, zScale } from './zScale.js';
export { rhatBasic } from './rhatBasic.js';
export { rankRhat, splitRhat } from './rankRhat.js';
export { essBasic } from './essBasic.js';
export { essBulk } from './essBulk.js';
export { essTail } from './essTail.js';
export { essQuantile, essMedian } from './essQuantile.js';
export { essMean, essSd } from './essMean.js';
export { mcseMean } from './mcseMean.js';
export { mcseSd } from './mcseSd.js';
export { mcseQuantile, mcseQuantileFromSorted, mcseMedian } from './mcseQuantile.js';
export { convergenceCheck, burnAndThin, type ConvergenceOptions, type ConvergenceVerdict } from './convergenceCheck.js';
export { acceptanceReport, type AcceptanceOptions, type AcceptanceReport } from './acceptanceReport.js';
export {
  ensembleDiagnostics,
  combineWalkers,
  type EnsembleChain,
  type EnsembleDiagnostics,
  type EnsembleDiagnosticsOptions,
  type EnsembleParameterDiagnostics,
} from './ensembleDiagnostics.js';
export * from './incrementalAutocorr.js';
export * from './tauRuleMonitor.js';
