/** Public API of nuem: re-exports only. */
export * from './provenance.js';
export * from './cli/userError.js';
