/** SNS timing: arrival-time PDFs per flavour group, binned and efficiency-weighted (re-exports only). */
export * from './snsArrivalTime.js';
