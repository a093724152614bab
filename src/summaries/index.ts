/** Posterior summaries: quantiles, intervals, one-sided limits, KDE, Bayes factors. Re-exports only. */
export { quantiles, quantileSorted, sortedCopy, median } from './quantiles.js';
export { meanAndSd } from './meanAndSd.js';
export { weightedQuantiles } from './weightedQuantiles.js';
export { equalTailed } from './equalTailed.js';
export { hdi, hdiMultimodal, densityLevelSet, type MultimodalHdi } from './hdi.js';
export { kde1d, bandwidth, type BandwidthRule, type Kde1d, type Kde1dOptions } from './kde1d.js';
export { oneSided, type LimitKind, type OneSidedLimit, type OneSidedOptions } from './oneSided.js';
export { savageDickey, type SavageDickeyOptions, type SavageDickeyResult } from './savageDickey.js';
export { summarizeParameter, type ParameterSummary, type SummarizeOptions, type SummaryMcse } from './summarizeParameter.js';
