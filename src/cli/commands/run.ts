/**
 * `nuem run <analysis> [--run id] [--resume] [--ensembles N] [--json] …`: the whole analysis in one
 * command — validate, fast forward model, profiles, sampling until converged, summaries, report —
 * with progress on stderr and the result (paths, intervals, diagnostics) on stdout. The work is in
 * src/pipeline/runAnalysis.ts. Options and help only; the implementation is loaded when the verb runs
 * (src/cli/actions/runAction.ts), so `nuem --help` and other verbs start fast.
 */
import type { Command } from 'commander';
import type { RunFlags } from '../actions/runAction.js';

/**
 * Registers `nuem run` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('run')
    .description('run an analysis end to end: validate, forward model, profiles, sample until converged, summarise, report')
    .argument('<analysis>', 'analysis id (models/analyses/<id>.yaml) or path; - reads the analysis file from standard input')
    .option('--run <id>', 'run id used in the output paths (default seed<K>)')
    .option('--resume', 'continue the chains of an existing run of the same analysis and model')
    .option('--force', 'replace the chains and report of an existing run with the same id')
    .option('--ensembles <n>', 'independent ensembles (R-hat needs at least 2)', '2')
    .option('--threads <n>', 'worker threads of the sampling, profile and B01 stages (default: auto: none when ln p costs < 5 µs per walker, else one per ensemble, profile or block of draws up to the cores; 0 = no workers; results are the same in every layout)')
    .option('--seed <k>', 'override sampler.seed (ensemble k uses a stream spawned from it, numpy SeedSequence)')
    .option('--walkers <n>', 'override sampler.walkers')
    .option('--max-steps <n>', 'override the step cap (sampler.untilConverged.maxSteps or sampler.steps)')
    .option('--check-every <n>', 'steps between convergence checks')
    .option('--tau-factor <f>', 'convergence needs N > f·τ (default 50)')
    .option('--temperatures <n>', 'parallel tempering with n temperatures (β log-uniform from 1 to 1e-6, then the prior; adds ln Z and evidence Bayes factors; default: sampler.tempering of the analysis, 1 = off)')
    .option('--profile-points <n>', '1-D profile scan nodes (default: profile.points of the analysis)')
    .option('--chains-dir <dir>', 'chains root directory', 'chains')
    .option('--reports-dir <dir>', 'reports root directory', 'reports')
    .option('--toys <dir>', 'where `nuem toys` results are looked for (<dir>/<analysis>/*.json); drawn in the report when present', 'toys')
    .option('--json', 'print the result (paths, intervals, diagnostics) as JSON on stdout')
    .option('--quiet', 'no progress on stderr')
    .option('--strict', 'exit with code 3 when the run does not converge (chains and report are still written)')
    .option('--models-dir <dir>', 'a directory of your own model files (experiments/, analyses/), searched before nuem\'s models/ (also: NUEM_MODELS_DIR)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem run models/analyses/default.yaml             # COHERENT CsI 2021, qee and qmumu, a few minutes
  $ nuem run khan2022-qee --run first --ensembles 4   # 4 ensembles, outputs under chains/khan2022-qee/first.e*.h5
  $ nuem run khan2022-qee --run first --resume        # continue those chains (same analysis and model only)
  $ nuem run default --max-steps 2000 --json > run.json
Outputs: chains/<analysis>/<run>.e<k>.h5 (+ .json sidecar) per ensemble, reports/<analysis>/<run>/index.html.
Exit codes: 0 ok, 1 failure, 2 bad input (nothing is written), 3 not converged with --strict.`,
    )
    .action(async (id: string, flags: RunFlags & { modelsDir?: string }) => {
      if (flags.modelsDir) (await import('../../experiments/modelsDirs.js')).addUserModelsDir(flags.modelsDir);
      const { runAction } = await import('../actions/runAction.js');
      await runAction((await import('../stdinModel.js')).modelArgument(id), flags);
    });
}
