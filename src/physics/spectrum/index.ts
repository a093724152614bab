/** Reference spectrum: expected counts per bin by direct integration (re-exports only). */
export * from './experiment.js';
export * from './recoilQuadrature.js';
export * from './neutrinoEnergyQuadrature.js';
export * from './detectedEnergy.js';
export * from './detectorResponseMatrix.js';
export * from './recoilIntegrationRange.js';
export * from './spectrumPlan.js';
export * from './computeSpectrum.js';
