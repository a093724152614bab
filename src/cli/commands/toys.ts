/**
 * `nuem toys <analysis>`: Neyman construction with pseudo-experiments (Feldman–Cousins intervals
 * and regions, critical values t_c(θ)), coverage of Wilks / FC / Bayesian intervals, expected
 * limits; `--target poisson|gaussian-bounded` for the exact validation cases of Feldman & Cousins
 * (1998); `nuem toys merge <shards...>` combines shard files. Options and help only (the work is in
 * src/cli/actions/toysAction.ts and src/toys).
 */
import type { Command } from 'commander';
import type { ToysFlags, MergeFlags } from '../actions/toysAction.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Registers `nuem toys` (and `nuem toys merge`) on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  const toys = program
    .command('toys')
    .description('Feldman–Cousins intervals/regions by toy Monte Carlo, coverage, expected limits; exact FC validation targets')
    .argument('[analysis]', 'analysis id (models/analyses/<id>.yaml) or path')
    .option('--target <name>', 'validation target instead of an analysis: poisson | gaussian-bounded')
    .option('--background <b>', 'poisson target: known mean background (events)')
    .option('--observed <x>', 'poisson target: observed count; gaussian-bounded: observed value (units of σ)')
    .option('--param <name>', 'parameter of interest (once: 1-D intervals; twice: 2-D regions; default: the analysis parameter if it has one)', collect, [])
    .option('--cl <level>', 'confidence level (default: the analysis profile.cl, 0.9 for targets)')
    .option('--points <n>', 'grid points per axis (default 100 in 1-D, 21 in 2-D)')
    .option('--toys <n>', 'pseudo-experiments per grid point (default 1000 in 1-D, 300 in 2-D; gaussian-bounded 10000)')
    .option('--seed <seed>', 'run seed (default: the analysis sampler seed; 1 for targets)')
    .option('--nuisances <mode>', 'profile (conditional best fit to the real data, default) | prior (drawn from the priors)', 'profile')
    .option('--threads <n>', 'worker threads (default: available cores)')
    .option('--shard <k/n>', 'compute only shard k of n (contiguous blocks of grid points) into its own file')
    .option('--shards <n>', 'compute all n shards in this process one after the other (each saved when done), then merge')
    .option('--resume', 'skip shards (and a final result) that are already on disk with the same settings')
    .option('--coverage <values>', 'coverage at these true values, comma separated: v1,v2,… in 1-D, x1:y1,x2:y2,… in 2-D (needs the construction)')
    .option('--coverage-toys <n>', 'pseudo-experiments per true value (default 1000)')
    .option('--expected', 'expected limits under the SM (toys and Asimov), written as CSV')
    .option('--expected-toys <n>', 'pseudo-experiments for the expected limits (default 1000)')
    .option('--out <dir>', 'output root directory', 'toys')
    .option('--force', 'overwrite existing output files')
    .option('--no-progress', 'no progress lines on stderr')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem toys --target poisson --background 3 --observed 6 --cl 0.9 --json
  $ nuem toys --target gaussian-bounded --observed 1.0 --cl 0.9 --json
  $ nuem toys khan2022-qee                                # 100 points x 1000 toys, FC vs Wilks
  $ nuem toys khan2022-qee --shard 3/10                   # one shard (cluster array job)
  $ nuem toys merge toys/khan2022-qee/*.shard-*-of-10.json
  $ nuem toys khan2022-qee --resume --coverage 0,2e-7 --expected
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (analysis: string | undefined, flags: ToysFlags) => {
      const { toysAction } = await import('../actions/toysAction.js');
      await toysAction(analysis, flags);
    });
  toys
    .command('merge')
    .description('merge the shard files of one toy construction into its final result (identical to an unsharded run)')
    .argument('<shards...>', 'shard files written by `nuem toys --shard k/n`')
    .option('--out <file>', 'result file (default: next to the shards, without the shard suffix)')
    .option('--force', 'overwrite an existing result file')
    .option('--json', 'print { "result": <path> }')
    .action(async (files: string[], flags: MergeFlags) => {
      const { mergeAction } = await import('../actions/toysAction.js');
      mergeAction(files, flags);
    })
    .exitOverride();
  return toys;
}
