/**
 * The profiles of a run as independent tasks: each 1-D scan of a physics parameter, the 2-D plane
 * and the profile of a nuisance of interest. Inside one task the warm starts of the nuisance fits
 * chain from point to point (`profile.warmStart`, src/experimentModel/combinedLikelihood.ts), so a
 * task is never split; every task starts from a reset warm-start state
 * ({@link CombinedLikelihood.resetWarmStart}) and leaves the state where it ended, as the profiles
 * one after the other always did (only the reset at the start of each task is new). A task's
 * result then depends only on the model and the task, not on which tasks ran before it nor in
 * which thread, so the tasks can run in worker threads (src/pipeline/modelWorkerPool.ts) with
 * results bit-identical to {@link runProfileTasksSerial}; the state the last task ends in is
 * handed back to the calling thread (`warmStartState`), so what follows (the best-fit nuisances)
 * is the same too (test/pipeline/parallelStages.test.ts).
 * @module
 */
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import type { CombinedLikelihood } from '../experimentModel/combinedLikelihood.js';
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { profileAnalysis1D, profileAnalysis2D, profileInterest1D, type AnalysisProfileOptions } from './profileAnalysis.js';
import type { Profile1DResult } from './profile1D.js';
import type { Contour2DResult } from './contour2D.js';

/** One profile of a run. */
export type ProfileTask =
  /** 1-D profile of a physics parameter ({@link profileAnalysis1D}) */
  | { readonly kind: 'oneD'; readonly name: string; readonly opts: AnalysisProfileOptions }
  /** 2-D profile of two physics parameters ({@link profileAnalysis2D}) */
  | { readonly kind: 'twoD'; readonly names: readonly [string, string]; readonly opts: AnalysisProfileOptions }
  /** 1-D profile of the nuisance of interest ({@link profileInterest1D}) */
  | { readonly kind: 'interest'; readonly opts: AnalysisProfileOptions };

/** The result of a {@link ProfileTask} (plain data: survives structured cloning unchanged). */
export type ProfileTaskResult = { readonly kind: 'oneD' | 'interest'; readonly result: Profile1DResult } | { readonly kind: 'twoD'; readonly result: Contour2DResult };

/**
 * Runs one profile task from a fresh warm-start state; the state stays where the task ended.
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis
 * @param task - the profile
 * @returns its result
 */
export function runProfileTask(lik: AnalysisLikelihood, analysis: LoadedAnalysis, task: ProfileTask): ProfileTaskResult {
  const combined: CombinedLikelihood = lik.combined;
  combined.resetWarmStart();
  switch (task.kind) {
    case 'oneD':
      return { kind: 'oneD', result: profileAnalysis1D(lik, analysis, task.name, task.opts) };
    case 'twoD':
      return { kind: 'twoD', result: profileAnalysis2D(lik, analysis, [task.names[0], task.names[1]], task.opts) };
    case 'interest':
      return { kind: 'interest', result: profileInterest1D(lik, analysis, task.opts) };
  }
}

/**
 * Runs the tasks one after the other in this thread (the reference the worker layout reproduces);
 * the warm-start state stays where the last task ended.
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis
 * @param tasks - the profiles
 * @returns their results, in task order
 */
export function runProfileTasksSerial(lik: AnalysisLikelihood, analysis: LoadedAnalysis, tasks: readonly ProfileTask[]): ProfileTaskResult[] {
  return tasks.map((t) => runProfileTask(lik, analysis, t));
}

/**
 * Relative cost of a task, for the order in which a worker pool hands them out (longest first,
 * so the last task to start is a short one): nuisance fits ≈ 1-D scan nodes × (inner scan + Brent)
 * for a 1-D profile with another free physics parameter, coarse nodes × (1 + refinement) for the
 * 2-D plane. Only the speed depends on it, never a result.
 * @param task - the profile
 * @param analysis - the loaded analysis (its profile settings)
 * @returns an estimate in nuisance fits
 */
export function profileTaskCost(task: ProfileTask, analysis: LoadedAnalysis): number {
  const s = analysis.spec.profile;
  const others = analysis.physics.length - (task.kind === 'oneD' ? 1 : task.kind === 'twoD' ? 2 : 0);
  if (task.kind === 'twoD') return (task.opts.nx ?? s.nx) * (task.opts.ny ?? s.ny) * (1 + (task.opts.refine ?? s.refine)) * (others > 0 ? 40 : 1);
  const points = task.opts.points ?? s.points;
  return points * 1.5 * (others > 0 ? (task.opts.innerPoints ?? 25) + 15 : 1);
}
