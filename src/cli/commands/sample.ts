/**
 * `nuem sample`: runs the ensemble sampler on a built-in target (analysis files come with
 * `nuem run`). Orchestration lives in src/sampler/runFromOptions.ts; this file only parses flags.
 * Example: `nuem sample --target gaussian --dim 2 --rho 0.9 --walkers 32 --steps 10000 --seed 42 --out chain.h5`;
 * `--ensembles 4 --threads 2` runs four independent ensembles (streams spawned from seed 42) in two worker threads,
 * writing chain-e0.h5 … chain-e3.h5 (src/sampler/runEnsemblesFromOptions.ts).
 * Options and help only; the implementation is loaded when the verb runs
 * (src/cli/actions/sampleAction.ts), so `nuem --help` and other verbs start fast.
 */
import type { Command } from 'commander';
import { BUILTIN_TARGETS } from '../../sampler/targets/builtinTarget.js';

/**
 * Registers `nuem sample` on `program`.
 * @param program - the root commander program
 * @returns the `sample` subcommand
 */
export function register(program: Command): Command {
  return program
    .command('sample')
    .description('Sample a built-in target with the affine-invariant ensemble sampler (emcee-compatible with --rng emcee)')
    .argument('[analysis]', 'analysis file (not supported yet by this verb: use --target; analyses run with `nuem run`)')
    .option('--target <name>', `built-in target: ${BUILTIN_TARGETS.join(', ')}`, 'gaussian')
    .option('--dim <D>', 'dimension', '2')
    .option('--rho <R>', 'gaussian: correlation between every pair of coordinates', '0.9')
    .option('--mu <M>', 'bimodal: modes at ±M along the first axis', '2')
    .option('--walkers <W>', 'number of walkers (≥ 2·dim)', '32')
    .option('--steps <S>', 'total steps (with --resume: the target length; with --until-converged: the maximum)', '10000')
    .option('--seed <K>', 'seed (32-bit unsigned integer)', '42')
    .option('--rng <kind>', 'emcee (numpy RandomState draws, same chain as emcee 3.1.4) or default (mt19937 + ziggurat normals)', 'emcee')
    .option('--moves <spec>', 'moves, e.g. stretch | de:0.8,desnooker:0.2 | stretch(a=2.5) | gaussian(sigma=0.1) | walk(s=4)', 'stretch')
    .option('--out <file.h5>', 'write the chain (emcee HDF5 layout + <file>.json sidecar)')
    .option('--resume', 'continue the chain in --out up to --steps total')
    .option('--force', 'overwrite an existing --out')
    .option('--until-converged', 'stop when 50·τ < steps and τ changed < 1 % over the last 100 steps')
    .option('--no-progress', 'no progress bar')
    .option('--ensembles <N>', 'run N independent ensembles, streams spawned from seed K like numpy SeedSequence (outputs <out> with suffix -e<i>)')
    .option('--threads <T>', 'with --ensembles: worker threads (default: min(N, cores); 0 = no workers)')
    .option('--temperatures <N>', 'parallel tempering with N temperatures (β log-uniform from 1 to 1e-6, then the prior) inside a uniform prior box; rungs t ≥ 1 go to <out>.t<t>.h5; prints swap acceptance and ln Z')
    .option('--adapt-steps <n>', 'with --temperatures: adapt the ladder during the first n steps (Vousden et al. 2016; 0 = fixed)', '500')
    .option('--prior-half-width <H>', 'with --temperatures: the uniform prior box [−H, H]^dim of the tempered target', '20')
    .option('--json', 'print the run summary as JSON (what sample always prints; accepted for symmetry with the other verbs)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem sample --target gaussian --dim 2 --rho 0.9 --walkers 32 --steps 10000 --seed 42
  $ nuem sample --target banana --dim 2 --moves de:0.8,desnooker:0.2 --out chain.h5 --until-converged
  $ nuem sample --target banana --dim 2 --out chain.h5 --steps 20000 --resume
  $ nuem sample --target gaussian --ensembles 4 --threads 2 --out chain.h5 --json
  $ nuem sample --target bimodal --mu 8 --temperatures 8 --steps 3000 --out pt.h5   # modes 16σ apart
The result (steps, acceptance, τ, output files) is printed as JSON on stdout; warnings go to stderr.
Analyses are sampled by nuem run. Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (analysis: string | undefined, o: Record<string, string | boolean | undefined>) => {
      const { sampleAction } = await import('../actions/sampleAction.js');
      await sampleAction(analysis, o);
    });
}
