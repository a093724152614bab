/**
 * `nuem spectrum <experiment id or file> [--set name=value ...] [--exposure-years N] [--json]`:
 * expected counts per bin (reference path) with the per-flavour and per-channel parts, plus
 * observed and background counts where the experiment has them. Options and help only; the work is
 * loaded when the verb runs (src/cli/actions/spectrumAction.ts).
 */
import type { Command } from 'commander';

/**
 * Registers `nuem spectrum` on `program`.
 *
 * @param program - the root commander program
 * @returns the new subcommand (so main can set its exit override)
 */
export function register(program: Command): Command {
  return program
    .command('spectrum')
    .description('expected counts per bin (reference integration) for an experiment, with observed and background counts where available')
    .argument('<experiment>', 'experiment id (models/experiments/<id>.yaml) or path to an experiment file; - reads it from standard input')
    .option('--set <name=value...>', 'EM parameter values, e.g. --set qee=1e-8 s2w=0.231', [])
    .option('--exposure-years <N>', 'exposure in years (experiments with a yearly exposure, e.g. ESS)')
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem spectrum coherent-csi-2021
  $ nuem spectrum ess-ge --set qee=1e-8 --exposure-years 3 --json
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (experiment: string, opts: { set: string[]; exposureYears?: string; json?: boolean }) => {
      const { spectrumAction } = await import('../actions/spectrumAction.js');
      spectrumAction((await import('../stdinModel.js')).modelArgument(experiment), opts);
    });
}
