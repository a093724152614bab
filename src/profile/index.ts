/** Profile likelihood: Wilks thresholds, 1-D intervals, 2-D contours. Re-exports only. */
export * from './deltaChi2ForConfidence.js';
export * from './scanAxis.js';
export * from './profile1D.js';
export * from './marchingSquares.js';
export * from './contour2D.js';
export * from './profileAnalysis.js';
