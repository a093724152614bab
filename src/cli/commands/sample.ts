/**
 * `nuem sample`: runs the ensemble sampler on a built-in target (analysis files come with
 * `nuem run`). Orchestration lives in src/sampler/runFromOptions.ts; this file only parses flags.
 * Example: `nuem sample --target gaussian --dim 2 --rho 0.9 --walkers 32 --steps 10000 --seed 42 --out chain.h5`;
 * `--ensembles 4 --threads 2` runs four independent ensembles (seeds 42…45) in two worker threads,
 * writing chain-e0.h5 … chain-e3.h5 (src/sampler/runEnsemblesFromOptions.ts).
 */
import type { Command } from 'commander';
import { UserError } from '../userError.js';
import { parseMoveSpec } from '../../sampler/moves/makeMove.js';
import { runEnsemblesFromOptions } from '../../sampler/runEnsemblesFromOptions.js';
import { runFromOptions } from '../../sampler/runFromOptions.js';
import { builtinTargetSpec } from '../../sampler/TargetSpec.js';
import { SamplerError } from '../../sampler/SamplerError.js';
import { BUILTIN_TARGETS, builtinTarget, type BuiltinTargetConfig } from '../../sampler/targets/builtinTarget.js';

function num(flag: string, v: string, opts: { int?: boolean; min?: number; max?: number } = {}): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || (opts.int && !Number.isInteger(x)) || (opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max)) {
    const range = `${opts.int ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.max !== undefined ? ` ≤ ${opts.max}` : ''}`;
    throw new UserError(flag, `"${v}" is not ${range}`, `give ${flag} as ${range}`);
  }
  return x;
}

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
    .option('--ensembles <N>', 'run N independent ensembles with seeds K, K+1, … (outputs <out> with suffix -e<i>)')
    .option('--threads <T>', 'with --ensembles: worker threads (default: min(N, cores); 0 = no workers)')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem sample --target gaussian --dim 2 --rho 0.9 --walkers 32 --steps 10000 --seed 42
  $ nuem sample --target banana --dim 2 --moves de:0.8,desnooker:0.2 --out chain.h5 --until-converged
  $ nuem sample --target banana --dim 2 --out chain.h5 --steps 20000 --resume
Analyses are sampled by nuem run. Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (analysis: string | undefined, o: Record<string, string | boolean | undefined>) => {
      if (analysis !== undefined) {
        throw new UserError(`sample ${analysis}`, 'analysis files are not supported by `nuem sample` yet', 'use `nuem run <analysis>` or a built-in --target');
      }
      const name = String(o.target);
      if (!(BUILTIN_TARGETS as readonly string[]).includes(name)) throw new UserError('--target', `unknown target "${name}"`, `use one of ${BUILTIN_TARGETS.join(', ')}`);
      const dim = num('--dim', String(o.dim), { int: true, min: name === 'banana' ? 2 : 1 });
      const rng = String(o.rng);
      if (rng !== 'emcee' && rng !== 'default') throw new UserError('--rng', `unknown generator "${rng}"`, 'use emcee or default');
      const config: BuiltinTargetConfig = { name: name as BuiltinTargetConfig['name'], dim };
      if (name === 'gaussian') config.rho = num('--rho', String(o.rho), { min: dim > 1 ? -1 / (dim - 1) : -1, max: 1 });
      if (name === 'bimodal') config.mu = num('--mu', String(o.mu), { min: 0 });
      if (o.threads !== undefined && o.ensembles === undefined) throw new UserError('--threads', 'only applies to --ensembles', 'add --ensembles N, or drop --threads');
      if (o.ensembles !== undefined) {
        const ensembles = num('--ensembles', String(o.ensembles), { int: true, min: 1 });
        if (o.resume) throw new UserError('--resume', 'cannot be combined with --ensembles', 'resume each chain on its own: nuem sample --out <chain-e<i>.h5> --seed <K+i> --resume');
        if (o.untilConverged) throw new UserError('--until-converged', 'cannot be combined with --ensembles', 'use `nuem run` (ensembles until converged) or a fixed --steps');
        try {
          builtinTarget(config); // validates the configuration here, not in a worker
          const { ensembles: summaries } = await runEnsemblesFromOptions({
            target: builtinTargetSpec(config),
            analysisId: `builtin:${name}`,
            model: config,
            nwalkers: num('--walkers', String(o.walkers), { int: true, min: 2 }),
            nsteps: num('--steps', String(o.steps), { int: true, min: 1 }),
            seed: num('--seed', String(o.seed), { int: true, min: 0, max: 4294967295 }),
            rng,
            moves: parseMoveSpec(String(o.moves)),
            ensembles,
            ...(o.threads !== undefined ? { threads: num('--threads', String(o.threads), { int: true, min: 0 }) } : {}),
            out: o.out as string | undefined,
            force: Boolean(o.force),
          });
          for (const e of summaries) for (const w of e.warnings) process.stderr.write(`nuem: warning: ensemble ${e.ensemble}: ${w}\n`);
          process.stdout.write(JSON.stringify({ ensembles: summaries }, null, 2) + '\n');
        } catch (e) {
          if (e instanceof SamplerError) throw new UserError('sample', e.message, e.fix);
          if (e instanceof RangeError) throw new UserError('sample', e.message, 'check the target and move parameters');
          throw e;
        }
        return;
      }
      try {
        const target = builtinTarget(config);
        const summary = await runFromOptions({
          target,
          analysisId: `builtin:${name}`,
          model: config,
          nwalkers: num('--walkers', String(o.walkers), { int: true, min: 2 }),
          nsteps: num('--steps', String(o.steps), { int: true, min: 1 }),
          seed: num('--seed', String(o.seed), { int: true, min: 0, max: 4294967295 }),
          rng,
          moves: parseMoveSpec(String(o.moves)),
          out: o.out as string | undefined,
          resume: Boolean(o.resume),
          force: Boolean(o.force),
          untilConverged: Boolean(o.untilConverged),
          progress: o.progress !== false,
        });
        for (const w of summary.warnings) process.stderr.write(`nuem: warning: ${w}\n`);
        const { backend: _b, ...printable } = summary;
        process.stdout.write(JSON.stringify(printable, null, 2) + '\n');
      } catch (e) {
        if (e instanceof SamplerError) throw new UserError('sample', e.message, e.fix);
        if (e instanceof RangeError) throw new UserError('sample', e.message, 'check the target and move parameters');
        throw e;
      }
    });
}
