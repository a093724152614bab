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
  if (!(prob > 0 && prob < 1)) throw new UserError('--prob', `must be in (0, 1), got "${o.prob}"`, 'pass e.g. --prob 0.9');
  const points = positiveInt(o.profilePoints, '--profile-points');
  const grid = positiveInt(o.profileGrid, '--profile-grid');
  let refine: number | undefined;
  if (o.profileRefine !== undefined) {
    refine = Number(o.profileRefine);
    if (!Number.isInteger(refine) || refine < 0) throw new UserError('--profile-refine', `must be a non-negative integer, got "${o.profileRefine}"`, 'pass e.g. --profile-refine 2');
  }
  const paths = [chainPath, ...(o.compare ?? [])];
  const chains = [];
  for (const p of paths) chains.push(await readChain(p));
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
  if (extras.spectra) input.spectra = extras.spectra;
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
    throw e;
  }
  process.stdout.write(o.json ? `${JSON.stringify({ report: path })}\n` : `${path}\n`);
}
