/**
 * The action of `nuem sample`, loaded on demand by src/cli/commands/sample.ts.
 * `nuem sample`: runs the ensemble sampler on a built-in target (analysis files come with
 * `nuem run`). Orchestration lives in src/sampler/runFromOptions.ts; this file only parses flags.
 * Example: `nuem sample --target gaussian --dim 2 --rho 0.9 --walkers 32 --steps 10000 --seed 42 --out chain.h5`;
 * `--ensembles 4 --threads 2` runs four independent ensembles (seeds 42…45) in two worker threads,
 * writing chain-e0.h5 … chain-e3.h5 (src/sampler/runEnsemblesFromOptions.ts).
 */
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../userError.js';
import { acquireLock } from '../../pipeline/runLock.js';
import { SIZE_LIMITS as L } from '../../experiments/inputLimits.js';
import { checkOutputDirectory } from '../../sampler/backends/hdf5Backend.js';
import { checkMovesFor } from '../../sampler/moveSchema.js';
import { parseMoveSpec } from '../../sampler/moves/makeMove.js';
import { ensembleOutPath, runEnsemblesFromOptions } from '../../sampler/runEnsemblesFromOptions.js';
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
 * Runs `nuem sample` (see the module doc).
 * @param analysis - must be absent (analysis files are sampled by `nuem run`)
 * @param o - the command-line flags as commander delivers them
 * @returns when sampling has finished; prints the run summary as JSON
 * @throws UserError for bad input (exit code 2)
 */
export async function sampleAction(analysis: string | undefined, o: Record<string, string | boolean | undefined>): Promise<void> {
  if (analysis !== undefined) {
    throw new UserError(`sample ${analysis}`, 'analysis files are not supported by `nuem sample` yet', 'use `nuem run <analysis>` or a built-in --target');
  }
  const name = String(o.target);
  if (!(BUILTIN_TARGETS as readonly string[]).includes(name)) throw new UserError('--target', `unknown target "${name}"`, `use one of ${BUILTIN_TARGETS.join(', ')}`);
  const dim = num('--dim', String(o.dim), { int: true, min: name === 'banana' ? 2 : 1, max: L.dim });
  const rng = String(o.rng);
  if (rng !== 'emcee' && rng !== 'default') throw new UserError('--rng', `unknown generator "${rng}"`, 'use emcee or default');
  const config: BuiltinTargetConfig = { name: name as BuiltinTargetConfig['name'], dim };
  if (name === 'gaussian') config.rho = num('--rho', String(o.rho), { min: dim > 1 ? -1 / (dim - 1) : -1, max: 1 });
  if (name === 'bimodal') config.mu = num('--mu', String(o.mu), { min: 0 });
  // settings shared by the single-run and the several-ensembles paths (validated when called)
  const runSettings = () => ({
    analysisId: `builtin:${name}`,
    model: config,
    nwalkers: num('--walkers', String(o.walkers), { int: true, min: 2, max: L.walkers }),
    nsteps: num('--steps', String(o.steps), { int: true, min: 1, max: L.steps }),
    seed: num('--seed', String(o.seed), { int: true, min: 0, max: L.seed }),
    rng: rng as 'emcee' | 'default',
    moves: parseMoveSpec(String(o.moves)),
  });
  if (o.threads !== undefined && o.ensembles === undefined) throw new UserError('--threads', 'only applies to --ensembles', 'add --ensembles N, or drop --threads');
  // everything is checked before anything is written: sizes, moves against the
  // ensemble, the output path (src/sampler/moveSchema.ts, src/experiments/inputLimits.ts)
  try {
    const s = runSettings();
    if (o.ensembles !== undefined) num('--ensembles', String(o.ensembles), { int: true, min: 1, max: L.ensembles });
    if (s.nwalkers * s.nsteps * (dim + 1) > L.chainValues * 4) {
      throw new UserError('--steps', `${s.nwalkers} walkers × ${s.nsteps} steps × ${dim + 1} values exceed the supported ${(L.chainValues * 4).toExponential(2)} values per chain`, 'use fewer steps or walkers');
    }
    try {
      checkMovesFor(s.moves, s.nwalkers, dim);
    } catch (e) {
      if (e instanceof SamplerError) throw new UserError('--moves', e.message, e.fix);
      throw e;
    }
    if (o.out !== undefined) {
      const out = String(o.out);
      checkOutputDirectory(o.ensembles !== undefined ? ensembleOutPath(out, 0) : out);
    }
  } catch (e) {
    if (e instanceof SamplerError) throw new UserError('sample', e.message, e.fix);
    throw e;
  }
  // the output belongs to this call while it writes: a second `nuem sample` on the same --out is refused
  const out = o.out !== undefined ? String(o.out) : undefined;
  const lock = out !== undefined ? acquireLock(join(dirname(resolve(out)), `.${basename(out)}.lock`), `chain ${out}`, `--out ${out}`) : null;
  try {
    await sampleWith(o, config, runSettings);
  } finally {
    lock?.release();
  }
}

/** The sampling itself, once every input is checked (see {@link sampleAction}). */
async function sampleWith(
  o: Record<string, string | boolean | undefined>,
  config: BuiltinTargetConfig,
  runSettings: () => Omit<Parameters<typeof runFromOptions>[0], 'target'>,
): Promise<void> {
  if (o.ensembles !== undefined) {
    const ensembles = num('--ensembles', String(o.ensembles), { int: true, min: 1, max: L.ensembles });
    if (o.resume) throw new UserError('--resume', 'cannot be combined with --ensembles', 'resume each chain on its own: nuem sample --out <chain-e<i>.h5> --seed <K+i> --resume');
    if (o.untilConverged) throw new UserError('--until-converged', 'cannot be combined with --ensembles', 'use `nuem run` (ensembles until converged) or a fixed --steps');
    try {
      builtinTarget(config); // validates the configuration here, not in a worker
      const { ensembles: summaries } = await runEnsemblesFromOptions({
        target: builtinTargetSpec(config),
        ...runSettings(),
        ensembles,
        ...(o.threads !== undefined ? { threads: num('--threads', String(o.threads), { int: true, min: 0, max: L.threads }) } : {}),
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
      ...runSettings(),
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
}
