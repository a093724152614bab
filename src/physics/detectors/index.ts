/** Detector response pieces (re-exports only). */
export * from './quenchedEnergy.js';
export * from './logisticEfficiency.js';
export * from './gammaSmearing.js';
export * from './gaussianSmearing.js';
export * from './timingEfficiency.js';
export * from './flatBackgroundCounts.js';
export * from './histogramCounts.js';
export * from './binnedTemplate.js';
export * from './roiEventsFromTimeDistribution.js';
