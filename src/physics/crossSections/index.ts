/** Cross sections: kinematics, CEvNS and neutrino–electron scattering (terms + assembled), totals. Re-exports only. */
export * from './kinematics.js';
export * from './linearCoupling.js';
export * from './cevnsTerms.js';
export * from './cevnsDsigmaDT.js';
export * from './zEff.js';
export * from './electronTerms.js';
export * from './electronDsigmaDT.js';
export * from './totalCrossSection.js';
