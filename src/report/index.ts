/** Report: one self-contained HTML page per run. Re-exports only. */
export { renderReport, reportCornerOptions } from './renderReport.js';
export { writeReport, checkPathSegment } from './writeReport.js';
export { summaryTable, formatInterval, rowExponent } from './summaryTable.js';
export { analysisReportExtras, splitUnit, type AnalysisExtrasOptions, type AnalysisReportExtras } from './analysisReportExtras.js';
export { reportProfiles } from './reportProfiles.js';
export { convergenceBanner, diagnosticsTable, diagnosticWarnings, diagnosticNotes, resolveEss, DIAGNOSTIC_LIMITS, type ResolvedEss } from './diagnosticsSection.js';
export { ensembleRankEss, type EnsembleRankEss } from './ensembleRankEss.js';
export { provenanceTable } from './provenanceSection.js';
export { rngStateHash } from './rngStateHash.js';
export { REPORT_CSS } from './reportStyle.js';
export { reportInputFromChains, type ChainReportOptions } from './reportInputFromChains.js';
export type * from './types.js';
