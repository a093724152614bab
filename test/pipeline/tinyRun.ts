/**
 * Settings of the tiny `nuem run` used by the resume tests: the default analysis with 8 walkers,
 * checks every 20 steps, a loose τ rule (N > 3 τ, |Δτ|/τ < 20 %) so every ensemble meets it after a
 * few hundred steps while R̂ across the two ensembles is still above 1.01 — which forces R̂
 * extension rounds within at most 800 steps — and coarse profiles.
 */
import { join } from 'node:path';
import type { RunAnalysisOptions } from '../../src/pipeline/runAnalysis.js';

/**
 * @param out - output directory (chains/ and reports/ below it)
 * @returns runAnalysis options
 */
export function tinyRunOptions(out: string): RunAnalysisOptions {
  return {
    chainsDir: join(out, 'chains'),
    reportsDir: join(out, 'reports'),
    threads: 0,
    walkers: 8,
    maxSteps: 800,
    checkEvery: 20,
    tauFactor: 3,
    tauRelTol: 0.2,
    profilePoints: 11,
    profileGrid: 7,
    profileRefine: 0,
    chunkSteps: 8,
    createdAt: '2024-01-01T00:00:00Z',
  };
}
