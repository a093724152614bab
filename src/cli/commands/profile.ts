/**
 * `nuem profile <analysis> --param <name> [--param <name>] [--cl 0.9] [--points n] [--json]`:
 * profile-likelihood interval (one parameter) or confidence-region contour (two parameters) of an
 * analysis, nuisances profiled exactly, other free physics parameters minimised.
 * Options and help only; the implementation is loaded when the verb runs
 * (src/cli/actions/profileAction.ts), so `nuem --help` and other verbs start fast.
 */
import type { Command } from 'commander';
import type { ProfileFlags } from '../actions/profileAction.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Registers `nuem profile` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('profile')
    .description('profile-likelihood interval (one --param) or 2-D confidence region (two --param) of an analysis')
    .argument('<analysis>', 'analysis id (models/analyses/<id>.yaml) or path; - reads the analysis file from standard input')
    .option('--param <name>', 'parameter of interest (give once for an interval, twice for a contour)', collect, [])
    .option('--cl <level>', 'confidence level (default: the analysis profile.cl, usually 0.9)')
    .option('--points <n>', '1-D scan nodes / 2-D coarse nodes per axis')
    .option('--json', 'print the result as JSON')
    .option('--models-dir <dir>', 'a directory of your own model files (experiments/, analyses/), searched before nuem\'s models/ (also: NUEM_MODELS_DIR)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem profile khan2022-qee                        # 1-D interval of qee
  $ nuem profile default --param qee --param qmumu   # 2-D 90% CL region
  $ nuem profile khan2022-qmumu --cl 0.95 --json
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (id: string, flags: ProfileFlags & { modelsDir?: string }) => {
      if (flags.modelsDir) (await import('../../experiments/modelsDirs.js')).addUserModelsDir(flags.modelsDir);
      const { profileAction } = await import('../actions/profileAction.js');
      profileAction((await import('../stdinModel.js')).modelArgument(id), flags);
    });
}
