/**
 * Combined CsI (PE × time) + argon profile speed: one nuisance profile min_ν χ²(θ, ν) of
 * `coherent-csiar-qee` (22 nuisances, one shared SNS flux; bounded BFGS with analytic gradients,
 * src/experimentModel/combinedLikelihood.ts) along a 1-D qee scan, started at the nominal values
 * (cold) against started at the previous scan point's minimiser and BFGS inverse Hessian (warm,
 * `profile.warmStart`). Both are timed interleaved in one run (docs/performance.md, "Combined
 * CsI + argon profiles"); the χ² they reach is compared point by point.
 */
import { loadavg } from 'node:os';
import { loadAnalysis } from '../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood } from '../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../src/likelihood/forwardModelPrediction.js';
import { combineModels } from '../src/experimentModel/combinedLikelihood.js';
import type { ExperimentModel } from '../src/experimentModel/types.js';
import '../src/experimentTypes/index.js';

/**
 * Runs the combined-profile benchmark.
 * @returns ms and likelihood evaluations per profile, cold and warm, their ratio, and the largest χ² difference
 */
export async function run(): Promise<Record<string, unknown>> {
  const lik = buildAnalysisLikelihood(loadAnalysis('coherent-csiar-qee'), forwardModelPrediction);
  let calls = 0;
  const counted = lik.combined.models.map(
    (m): ExperimentModel => ({
      ...m,
      logLikelihood: (t, n) => (calls++, m.logLikelihood(t, n)),
      logLikelihoodGradient: (t, n, g) => (calls++, m.logLikelihoodGradient!(t, n, g)),
    }),
  );
  const xs = Array.from({ length: 41 }, (_, i) => -2e-7 + i * 1e-8);
  const load0 = loadavg();
  const res: Record<string, { ms: number; evals: number; chi2: number[] }> = {};
  for (let round = 0; round < 3; round++) {
    for (const warmStart of [false, true]) {
      const c = combineModels(counted, lik.combined.nuisances, { warmStart });
      calls = 0;
      const t0 = process.hrtime.bigint();
      const chi2 = xs.map((x) => c.profile([x]).chi2);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6 / xs.length;
      const key = warmStart ? 'warm' : 'cold';
      if (!res[key] || ms < res[key]!.ms) res[key] = { ms, evals: calls / xs.length, chi2 };
    }
  }
  const load1 = loadavg();
  const cold = res.cold!;
  const warm = res.warm!;
  return {
    method: 'ms per nuisance profile of coherent-csiar-qee (22 nuisances) along 41 qee points in [-2e-7, 2e-7]; cold (nominal start) and warm (previous minimiser + inverse Hessian) alternate in 3 rounds, minimum of round means; evals = experiment lnL + gradient calls per profile',
    load_before: load0.map((x) => Number(x.toFixed(2))),
    load_after: load1.map((x) => Number(x.toFixed(2))),
    cold_ms: Number(cold.ms.toFixed(2)),
    warm_ms: Number(warm.ms.toFixed(2)),
    cold_over_warm: Number((cold.ms / warm.ms).toFixed(2)),
    cold_evals: Number(cold.evals.toFixed(1)),
    warm_evals: Number(warm.evals.toFixed(1)),
    max_abs_chi2_diff: Math.max(...cold.chi2.map((v, i) => Math.abs(v - warm.chi2[i]!))),
  };
}
