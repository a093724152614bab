/**
 * Evidence and evidence Bayes factors of a tempered `nuem run`: ln Z of the full model from the
 * independent tempered ensembles (thermodynamic integration over the kept steps after burn-in and
 * after the ladder stopped adapting), ln Z of each nested model θ = 0 (one physics parameter fixed,
 * sampled by tempered ensembles of its own), B₀₁ = Z₀/Z₁, and the cross-check of B₀₁ against the
 * Rao–Blackwellised Savage–Dickey value of the full model's chain (two independent estimators of
 * the same number: their difference over the combined error should be O(1)).
 * References: Gelman & Meng 1998 (doi:10.1214/ss/1028905934); Friel, Hurn & Wyse 2014
 * (doi:10.1007/s11222-013-9397-1); Kass & Raftery 1995 (doi:10.1080/01621459.1995.10476572);
 * Dickey 1971 (doi:10.1214/aoms/1177693507).
 * @module
 */
import { evidenceBayesFactor, thermodynamicEvidence, type EvidenceBayesFactor, type ThermodynamicEvidence } from '../sampler/tempering/thermodynamicEvidence.js';
import type { TemperedTaskResult } from './temperedTask.js';

/**
 * ln Z from tempered ensembles of one model.
 * @param results - the model's independent tempered ensembles (same ladder)
 * @param burn - steps dropped for burn-in (the adaptation steps are dropped too)
 * @returns ln Z with discretisation and Monte Carlo errors, or null when the ladder does not reach β = 0
 */
export function evidenceOfRuns(results: readonly TemperedTaskResult[], burn: number): ThermodynamicEvidence | null {
  const betas = results[0]!.tempering.betas;
  if (betas[betas.length - 1] !== 0) return null;
  const T = betas.length;
  const from = Math.max(burn, ...results.map((r) => r.tempering.adaptSteps));
  const n = Math.min(...results.map((r) => r.nsteps)) - from;
  if (n < 8) return null;
  return thermodynamicEvidence(
    results.map((r) => ({
      betas: r.tempering.betas,
      meanLogLikelihood: r.tempering.meanLogLikelihood.subarray(from * T, (from + n) * T),
      meanSquareLogLikelihood: r.tempering.meanSquareLogLikelihood.subarray(from * T, (from + n) * T),
      steps: n,
    })),
  );
}

/** One nested model's evidence and its Bayes factor against the full model, with the Savage–Dickey cross-check. */
export interface NestedEvidence {
  /** the fixed parameter and its value (θ₀) */
  parameter: string;
  point: number;
  /** ln Z of the nested model */
  evidence: ThermodynamicEvidence;
  /** B₀₁ from the evidences (errors on ln B₀₁) */
  bayesFactor: EvidenceBayesFactor;
  /** Savage–Dickey B₀₁ ± SE of the full model's chain, if computed */
  savageDickey?: { bf01: number; bf01Se: number };
  /** (ln B_TI − ln B_SD) / √(σ²_TI + (SE_SD/B_SD)²): O(1) when the two agree */
  agreementZ?: number;
}

/**
 * Combines a nested model's evidence with the full model's and the Savage–Dickey value.
 * @param parameter - name of the fixed parameter
 * @param point - its fixed value
 * @param nested - ln Z of the nested model
 * @param full - ln Z of the full model
 * @param sd - Savage–Dickey B₀₁ ± SE of the same point (optional)
 * @returns the Bayes factor and the cross-check
 */
export function nestedEvidence(parameter: string, point: number, nested: ThermodynamicEvidence, full: ThermodynamicEvidence, sd?: { bf01: number; bf01Se: number }): NestedEvidence {
  const bayesFactor = evidenceBayesFactor(nested, full);
  const out: NestedEvidence = { parameter, point, evidence: nested, bayesFactor };
  if (sd && sd.bf01 > 0) {
    out.savageDickey = { bf01: sd.bf01, bf01Se: sd.bf01Se };
    out.agreementZ = (bayesFactor.lnBf01 - Math.log(sd.bf01)) / Math.hypot(bayesFactor.totalError, sd.bf01Se / sd.bf01);
  }
  return out;
}
