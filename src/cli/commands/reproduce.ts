/**
 * `nuem reproduce <khan2022|ess2024> [--json] [--no-write] [--no-contours] [--no-variants]`:
 * computes every interval of a paper's analyses (models/analyses/<paper>-*.yaml), compares them
 * with the published numbers using the tolerances written in the analysis files, computes the
 * variant / sensitivity tables, and rewrites the paper's generated block of docs/reproduction.md.
 * `--json` prints `[{ analysis, parameter, published: [lo, hi], ours: [lo, hi], pass }]`
 * (coherent2021: `[{ quantity, published, ours, pass }]`).
 * Options and help only; the implementation is loaded when the verb runs
 * (src/cli/actions/reproduceAction.ts), so `nuem --help` and other verbs start fast.
 */
import type { Command } from 'commander';
import type { ReproduceFlags } from '../actions/reproduceAction.js';

/** Papers that can be reproduced. */
export const PAPERS = ['khan2022', 'ess2024', 'coherent2021'] as const;
/** Experiment-level reproductions (not interval files): the COHERENT argon release checks. */
export const EXPERIMENT_REPRODUCTIONS = ['coherent-ar2020', 'coherent-combined'] as const;
/**
 * Registers `nuem reproduce` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('reproduce')
    .description('recompute every published result of a paper (khan2022, ess2024: intervals; coherent2021: CsI CEvNS events, SM prediction, significance), or the argon release checks (coherent-ar2020) or the CsI + argon table (coherent-combined), and update docs/reproduction.md')
    .argument('<paper>', `one of ${[...PAPERS, ...EXPERIMENT_REPRODUCTIONS].join(', ')}`)
    .option('--json', 'print [{ analysis, parameter, published, ours, pass }] (coherent2021, coherent-ar2020: [{ quantity, published, ours, pass }]) as JSON')
    .option('--no-write', 'do not update docs/reproduction.md')
    .option('--no-contours', 'skip the two-parameter regions')
    .option('--no-variants', 'skip the variant / sensitivity tables')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem reproduce khan2022 --no-write
  $ nuem reproduce ess2024 --no-contours --json
  $ nuem reproduce coherent2021 --json
  $ nuem reproduce coherent-ar2020 --json --no-write
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (paper: string, flags: ReproduceFlags) => {
      if (paper === 'coherent-ar2020') {
        const { reproduceArgonAction } = await import('../actions/reproduceArgonAction.js');
        reproduceArgonAction(flags);
        return;
      }
      if (paper === 'coherent-combined') {
        const { reproduceCombinedAction } = await import('../actions/reproduceCombinedAction.js');
        reproduceCombinedAction(flags);
        return;
      }
      const { reproduceAction } = await import('../actions/reproduceAction.js');
      reproduceAction(paper, flags);
    });
}
