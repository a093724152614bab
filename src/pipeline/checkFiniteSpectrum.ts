/**
 * Refuses a spectrum that is not made of finite numbers: inputs that overflow double precision
 * (a detector mass, exposure, baseline, background rate or form-factor radius far outside the
 * physical range) must end with one line and exit code 2, never with NaN rows and exit code 0.
 * Used by `nuem spectrum` and `nuem validate` (experiments); analyses are checked when their
 * likelihood is built (src/likelihood/buildAnalysisLikelihood.ts).
 * @module
 */
import { UserError } from '../cli/userError.js';
import { FLAVORS } from '../physics/parameters.js';
import type { SpectrumResult } from '../physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../physics/spectrum/experiment.js';

/**
 * @param exp - the experiment the spectrum belongs to
 * @param r - the computed spectrum
 * @param where - the model file (or the id the user gave)
 * @throws UserError naming the first non-finite quantity and bin
 */
export function checkFiniteSpectrum(exp: Experiment, r: SpectrumResult, where: string): void {
  const arrays: Array<[string, ArrayLike<number> | undefined]> = [['expected', r.expected], ['background', r.background], ...FLAVORS.map((f) => [f, r.byFlavor[f]] as [string, ArrayLike<number>])];
  for (const [name, a] of arrays) {
    const i = a ? Array.prototype.findIndex.call(a, (v: number) => !Number.isFinite(v)) : -1;
    if (i >= 0) {
      throw new UserError(
        where,
        `the ${name} counts of ${exp.id} in bin ${i + 1} are not a finite number (an input such as the detector mass, exposure, baseline, background rate or a form-factor radius overflows double precision)`,
        'bring the magnitudes in the experiment file back to physical values (docs/limits.md)',
      );
    }
  }
}
