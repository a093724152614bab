/**
 * The action of `nuem report`, loaded on demand by src/cli/commands/report.ts.
 * `nuem report <chain.h5> [--compare <chain.h5> ...] [--out <dir>] [--prob <p>] [--no-profile]`:
 * reads chains (emcee layout + nuem sidecar), computes diagnostics and summaries, recomputes the
 * profile likelihoods and best-fit spectra of the chain's analysis (when it can be loaded), and
 * writes `<out>/<analysis>/<run>/index.html`. The work is in src/report.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../userError.js';
import { readChain } from '../../sampler/backends/readChain.js';
import { readChainSidecar, sidecarPathFor } from '../../sampler/backends/hdf5Backend.js';
import { reportInputFromChains } from '../../report/reportInputFromChains.js';
import { writeReport } from '../../report/writeReport.js';
import { codeProvenance } from '../../provenance.js';
import { analysisReportExtras } from '../../report/analysisReportExtras.js';
import { loadToyReports } from '../../report/toysReport.js';
import { checkWritableDir } from '../../pipeline/checkWritableDir.js';
import { MAGNITUDE_LIMITS, SIZE_LIMITS } from '../../experiments/inputLimits.js';
import type { ChainData } from '../../sampler/backends/readChain.js';

/** Fewest steps a chain needs for the report's τ estimate (the integrated autocorrelation time needs ≥ 20). */
const MIN_REPORT_STEPS = 20;

/**
 * Refuses chains the report cannot summarise: no walkers or parameters, too few steps, or
 * positions / log-probabilities that are not finite numbers (a damaged or foreign file).
 */
function checkReportableChain(path: string, c: ChainData): void {
  if (c.nwalkers < 2 || c.ndim < 1) throw new UserError(path, `holds ${c.nwalkers} walker(s) × ${c.ndim} parameter(s); a report needs at least 2 walkers and 1 parameter`, 'pass a chain written by nuem sample / nuem run or by emcee');
  if (c.nsteps < MIN_REPORT_STEPS) throw new UserError(path, `holds ${c.nsteps} step(s); a report needs at least ${MIN_REPORT_STEPS}`, 'continue the chain (--resume with more steps) and report again');
  const bad = c.chain.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const perStep = c.nwalkers * c.ndim;
    throw new UserError(path, `position of walker ${Math.floor((bad % perStep) / c.ndim)} at step ${Math.floor(bad / perStep)} is not a finite number (${c.chain[bad]}); the chain is damaged`, 'rerun the chain or restore the file');
  }
  const badLp = c.logProb.findIndex((v) => Number.isNaN(v) || v === Infinity);
  if (badLp >= 0) throw new UserError(path, `log-probability of walker ${badLp % c.nwalkers} at step ${Math.floor(badLp / c.nwalkers)} is ${c.logProb[badLp]}; the chain is damaged`, 'rerun the chain or restore the file');
}

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(flag, `must be a positive integer, got "${v}"`, `pass e.g. ${flag} 41`);
  return n;
}

function runIdOf(path: string): string {
  return basename(path).replace(/\.(h5|hdf5)$/i, '').replace(/[^A-Za-z0-9._-]/g, '_') || 'run';
}

/** Flags of `nuem report` as commander delivers them. */
export interface ReportFlags {
  compare?: string[];
  out: string;
  prob: string;
  profile: boolean;
  profilePoints?: string;
  profileGrid?: string;
  profileRefine?: string;
  toys?: string;
  names?: string;
  json?: boolean;
}

/**
 * Parameter names given with `--names a,b,c` (for chains without names, e.g. written by emcee):
 * one per parameter, distinct, letters/digits/`_`/`.`/`-`.
 *
 * @param text - the flag's value
 * @param ndim - parameters in the chain
 * @returns the names
 * @throws UserError when the count or a name is wrong
 */
export function parseNamesFlag(text: string, ndim: number): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.length !== ndim) throw new UserError('--names', `gives ${names.length} name(s), the chain has ${ndim} parameters`, `pass ${ndim} comma-separated names, e.g. --names ${Array.from({ length: ndim }, (_, i) => `p${i}`).join(',')}`);
  const bad = names.find((n) => !/^[A-Za-z0-9_.-]+$/.test(n));
  if (bad !== undefined) throw new UserError('--names', `"${bad}" is not a parameter name`, 'use letters, digits, "_", "." and "-" (no spaces)');
  if (new Set(names).size !== names.length) throw new UserError('--names', 'names must be distinct', 'give every parameter its own name');
  return names;
}

/**
 * Runs `nuem report` (see the module doc).
 * @param chainPath - the main chain (HDF5, emcee layout + sidecar)
 * @param o - the command-line flags as commander delivers them
 * @returns when the report is written; prints its path (or `{ "report": path }` with `--json`)
 * @throws UserError for bad input (exit code 2)
 */
export async function reportAction(chainPath: string, o: ReportFlags): Promise<void> {
  const t0 = performance.now();
  const prob = Number(o.prob);
  if (!(prob >= MAGNITUDE_LIMITS.clMin && prob <= MAGNITUDE_LIMITS.clMax)) throw new UserError('--prob', `must be in [${MAGNITUDE_LIMITS.clMin}, ${MAGNITUDE_LIMITS.clMax}], got "${o.prob}"`, 'pass e.g. --prob 0.9');
  const points = positiveInt(o.profilePoints, '--profile-points');
  const grid = positiveInt(o.profileGrid, '--profile-grid');
  if (points !== undefined && (points < 5 || points > SIZE_LIMITS.profilePoints)) throw new UserError('--profile-points', `${points} is outside [5, ${SIZE_LIMITS.profilePoints}]`, 'pass e.g. --profile-points 121');
  if (grid !== undefined && (grid < 5 || grid > SIZE_LIMITS.profileGrid)) throw new UserError('--profile-grid', `${grid} is outside [5, ${SIZE_LIMITS.profileGrid}]`, 'pass e.g. --profile-grid 41');
  let refine: number | undefined;
  if (o.profileRefine !== undefined) {
    refine = Number(o.profileRefine);
    if (!Number.isInteger(refine) || refine < 0 || refine > SIZE_LIMITS.profileRefine) throw new UserError('--profile-refine', `must be a non-negative integer, got "${o.profileRefine}"`, 'pass e.g. --profile-refine 2');
  }
  const paths = [chainPath, ...(o.compare ?? [])];
  // the output directory is checked before any work (a file in its place, no write permission)
  checkWritableDir(o.out, '--out');
  const chains = [];
  for (const p of paths) {
    const c = await readChain(p);
    checkReportableChain(p, c);
    chains.push(c);
  }
  const main = chains[0]!;
  if (o.names !== undefined) {
    const names = parseNamesFlag(o.names, main.ndim);
    for (const c of chains) {
      if (c.ndim !== main.ndim) continue; // reported below as a parameter mismatch
      const defaultLabels = c.parameterLabels.every((l, d) => l === c.parameterNames[d]);
      c.parameterNames = [...names];
      if (defaultLabels) c.parameterLabels = [...names];
    }
  }
  for (let i = 1; i < chains.length; i++) {
    if (chains[i]!.parameterNames.join(',') !== main.parameterNames.join(',')) {
      throw new UserError(paths[i]!, `has parameters ${chains[i]!.parameterNames.join(', ')}, not ${main.parameterNames.join(', ')}`, 'compare chains of the same parameters');
    }
  }
  const side = sidecarPathFor(chainPath);
  const rngState = existsSync(side) ? readChainSidecar(side).resume?.rng : undefined;
  // labels, title, published intervals, profiles and spectra from the chain's analysis
  const tProfile = performance.now();
  const extras = analysisReportExtras(main.meta, {
    noProfile: !o.profile,
    ...(points !== undefined ? { points } : {}),
    ...(grid !== undefined ? { grid } : {}),
    ...(refine !== undefined ? { refine } : {}),
  });
  const profileSeconds = (performance.now() - tProfile) / 1000;
  if (extras.missing) for (const n of extras.notes) process.stderr.write(`nuem report: ${n}\n`);
  const code = codeProvenance();
  const input = reportInputFromChains(chains, {
    runId: runIdOf(chainPath),
    compareLabels: (o.compare ?? []).map(runIdOf),
    title: extras.title,
    // the analysis' labels; else those stored in the chain file (parameter_labels, parameter_units)
    parameters: extras.labels.size > 0 ? extras.labels : new Map(main.parameterNames.map((n, d) => [n, { label: main.parameterLabels[d] ?? n, ...(main.parameterUnits[d] && main.parameterUnits[d] !== '1' ? { unit: main.parameterUnits[d] } : {}) }])),
    published: extras.published,
    prob,
    chainFiles: paths,
    rngState,
    provenance: { codeVersion: code.version, gitCommit: code.commit, node: code.node, dependencies: code.dependencies, createdAt: new Date().toISOString() },
  });
  if (extras.description) input.analysis.description = extras.description;
  if (extras.profiles) input.profiles = extras.profiles;
  if (extras.interest) input.interest = extras.interest;
  if (extras.derived) input.derived = extras.derived;
  if (extras.spectra) input.spectra = extras.spectra;
  if (extras.standardModel) input.standardModel = extras.standardModel;
  // prior rows only for parameters the chain has
  if (extras.priors) input.priors = extras.priors.filter((p) => main.parameterNames.includes(p.parameter));
  if (extras.levels) input.corner = { ...input.corner, levels: { kind: 'mass', masses: extras.levels } };
  // Feldman–Cousins results of `nuem toys` for this analysis, when they exist
  if (main.meta?.analysisId && !main.meta.analysisId.startsWith('builtin:')) {
    const toys = loadToyReports(o.toys ?? 'toys', main.meta.analysisId, main.meta.modelHash);
    if (toys.toys.length) input.toys = toys.toys;
    extras.notes.push(...toys.notes);
  }
  if (extras.notes.length) input.notes = extras.notes;
  input.provenance.timings_s = { ...(extras.profiles ? { profiles: profileSeconds } : {}), report: (performance.now() - t0) / 1000 };
  let path: string;
  try {
    path = await writeReport(o.out, input);
  } catch (e) {
    if (e instanceof Error && /cannot be a directory name/.test(e.message)) throw new UserError(chainPath, e.message.replace(/^writeReport: /, ''), 'rename the run or analysis id');
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
      throw new UserError(`--out ${o.out}`, `cannot write the report (${code}: ${(e as NodeJS.ErrnoException).path ?? o.out})`, 'choose a writable directory with --out');
    }
    throw e;
  }
  process.stdout.write(o.json ? `${JSON.stringify({ report: path })}\n` : `${path}\n`);
}
