/**
 * `nuem list [experiments|analyses|parameters] [--json]`: the model catalogue (experiment and
 * analysis files in models/) and the EM parameters with their units.
 */
import { Argument, type Command } from 'commander';

/** What `nuem list` can list. */
export const LIST_WHAT = ['all', 'experiments', 'analyses', 'parameters'] as const;
const WHAT = LIST_WHAT;

/**
 * Registers `nuem list` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('list')
    .description('list the experiments and analyses in models/ and the parameters with their units')
    // argChoices only feeds help and shell completion; listAction checks the value (one-line error)
    .addArgument(Object.assign(new Argument('[what]', 'what to list').default('all'), { argChoices: [...WHAT] }))
    .option('--json', 'print the catalogue as JSON')
    .option('--models-dir <dir>', 'a directory of your own model files (experiments/, analyses/), searched before nuem\'s models/ (also: NUEM_MODELS_DIR)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem list                    # everything
  $ nuem list analyses           # analysis ids to pass to nuem run / profile / reproduce
  $ nuem list parameters --json  # EM parameter names and units as JSON
Exit codes: 0 ok, 2 unknown list.`,
    )
    .action(async (what: string, flags: { json?: boolean; modelsDir?: string }) => {
      if (flags.modelsDir) (await import('../../experiments/modelsDirs.js')).addUserModelsDir(flags.modelsDir);
      const { listAction } = await import('../actions/listAction.js');
      listAction(what, flags);
    });
}
