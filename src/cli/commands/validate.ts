/**
 * `nuem validate <file> [--json]`: checks an experiment or analysis model file completely (kind
 * detected from the file) and prints OK with a summary, or the one-line error (exit code 2).
 * Options and help only (the action is loaded on demand from src/cli/actions/validateAction.ts); the work is in src/pipeline/validateModelFile.ts.
 */
import type { Command } from 'commander';

/**
 * Registers `nuem validate` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('validate')
    .description('validate an experiment or analysis model file (schema, units, data files, cross-file rules)')
    .argument('<file>', 'model file (YAML or JSON) with kind: experiment or kind: analysis; - reads it from standard input')
    .option('--json', 'print the summary as JSON')
    .option('--models-dir <dir>', 'a directory of your own model files (experiments/, analyses/), searched before nuem\'s models/ (also: NUEM_MODELS_DIR)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem validate models/analyses/default.yaml
  $ nuem validate models/experiments/ess-ge.yaml --json
Exit codes: 0 valid, 2 invalid (one line naming the file, the path inside it and a fix).`,
    )
    .action(async (file: string, flags: { json?: boolean; modelsDir?: string }) => {
      if (flags.modelsDir) (await import('../../experiments/modelsDirs.js')).addUserModelsDir(flags.modelsDir);
      const { validateAction } = await import('../actions/validateAction.js');
      validateAction((await import('../stdinModel.js')).modelArgument(file), flags);
    });
}
