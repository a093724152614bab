/**
 * The action of `nuem run`, loaded on demand by src/cli/commands/run.ts.
 * `nuem run <analysis> [--run id] [--resume] [--ensembles N] [--json] …`: the whole analysis in one
 * command — validate, fast forward model, profiles, sampling until converged, summaries, report —
 * with progress on stderr and the result (paths, intervals, diagnostics) on stdout.
 * The work is in src/pipeline/runAnalysis.ts.
 */
import { relative } from 'node:path';
import { sanitizeForTerminal, UserError } from '../userError.js';
import { SIZE_LIMITS as L } from '../../experiments/inputLimits.js';
import { runAnalysis, type RunAnalysisOptions, type RunResult } from '../../pipeline/runAnalysis.js';
import { createRunProgress } from '../../pipeline/runProgress.js';
import { NotConvergedError } from '../exitCodes.js';

/** Flags of `nuem run` as commander delivers them. */
export interface RunFlags {
  run?: string;
  resume?: boolean;
  force?: boolean;
  ensembles?: string;
  threads?: string;
  seed?: string;
  walkers?: string;
  maxSteps?: string;
  checkEvery?: string;
  tauFactor?: string;
  profilePoints?: string;
  temperatures?: string;
  chainsDir: string;
  reportsDir: string;
  toys: string;
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
}

/** The smallest ESS as an integer, or `n/a` when none is a finite number (e.g. a chain too short for τ). */
function minFiniteEss(values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === values.length && finite.length > 0 ? String(Math.round(Math.min(...finite))) : 'n/a';
}

function intFlag(raw: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UserError(flag, `"${raw.length > 40 ? `${raw.slice(0, 37)}...` : raw}" is not an integer in [${min}, ${max}]`, `give e.g. ${flag} ${Math.max(min, 2)} (limits: docs/limits.md)`);
  }
  return v;
}

const sig = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(3) : x.toExponential(2));

function shown(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

function textSummary(r: RunResult): string {
  const d = r.diagnostics;
  const rh = Object.values(d.rhat);
  const w = Math.max(9, ...r.posterior.map((p) => p.name.length));
  const lines = [
    `${r.analysis.id}: ${r.analysis.title} — run ${r.run}`,
    `  ${d.converged ? 'converged' : 'NOT converged'}: ${r.ensembles} ensemble(s) × ${r.walkers} walkers, steps ${d.steps.join('/')}, burn-in ${d.burn}, thin ${d.thin}, ${d.draws} draws; ` +
      `max R̂ ${rh.every((v) => v !== null) ? Math.max(...(rh as number[])).toFixed(3) : 'n/a'}, min ESS ${minFiniteEss(Object.values(d.essTau))}, acceptance ${d.acceptance.toFixed(2)}`,
    '',
    `  ${'parameter'.padEnd(w)}  median      ${Math.round(100 * (r.posterior[0]?.prob ?? 0.9))}% credible             profile ${Math.round(100 * (r.profiles.oneD[0]?.cl ?? 0.9))}% CL            B01 at 0`,
  ];
  for (const p of r.posterior) {
    const prof = r.profiles.oneD.find((o) => o.parameter === p.name);
    const cred = p.kind === 'upper' ? `< ${sig(p.hi)} (upper limit)` : p.kind === 'lower' ? `> ${sig(p.lo)} (lower limit)` : `[${sig(p.lo)}, ${sig(p.hi)}]`;
    const pi = prof ? prof.intervals.map((iv) => `[${iv.loOpen ? '≤' : ''}${sig(iv.lo)}, ${iv.hiOpen ? '≥' : ''}${sig(iv.hi)}]`).join(' ∪ ') : '';
    const bf = p.savageDickey ? `${sig(p.savageDickey.bf01)} ± ${sig(p.savageDickey.bf01Se)}` : '';
    lines.push(`  ${p.name.padEnd(w)}  ${sig(p.median).padEnd(10)}  ${cred.padEnd(24)}  ${pi.padEnd(24)}  ${bf}`.trimEnd());
  }
  lines.push(
    '',
    `  best fit ${Object.entries(r.bestFit.parameters)
      .map(([k, v]) => `${k} = ${sig(v)}`)
      .join(', ')}, χ² = ${r.bestFit.chi2.toFixed(2)} (${r.bestFit.experiments.map((e) => (e.nuisances ? `${e.experiment}: ${Object.entries(e.nuisances).map(([n, v]) => `${n} = ${sig(v)}`).join(', ') || 'no nuisances'}` : `${e.experiment}: α̂ = ${e.alpha.toFixed(3)}, β̂ = ${e.beta.toFixed(3)}`)).join('; ')})`,
    `  chains   ${r.paths.chains.map(shown).join(', ')} (+ .json sidecars)`,
    `  report   ${shown(r.paths.report)}`,
  );
  const tp = r.tempering;
  if (tp) {
    lines.push('', `  parallel tempering: ${tp.temperatures} temperatures, swap acceptance per pair (β = 1 first) ${tp.swapAcceptance.map((a) => a.map((v) => v.toFixed(2)).join('/')).join('; ')}`);
    if (tp.evidence) lines.push(`  ln Z = ${tp.evidence.lnZ.toFixed(3)} ± ${tp.evidence.mcse.toFixed(3)} (MC) ± ${tp.evidence.discretisationError.toFixed(3)} (ladder)`);
    for (const n of tp.nested) {
      const sd = n.savageDickey ? `; Savage–Dickey ${sig(n.savageDickey.bf01)} ± ${sig(n.savageDickey.bf01Se)} (z = ${n.agreementZ!.toFixed(1)})` : '';
      lines.push(`  B01(${n.parameter} = ${n.point}) from evidences ${sig(n.bayesFactor.bf01)} (ln B01 ${n.bayesFactor.lnBf01.toFixed(3)} ± ${n.bayesFactor.mcse.toFixed(3)} MC ± ${n.bayesFactor.discretisationError.toFixed(3)} ladder)${sd}`);
    }
  }
  if (d.warnings.length > 0) lines.push('', '  warnings:', ...d.warnings.map((w) => `    - ${w}`));
  if (d.notes.length > 0) lines.push('', '  notes:', ...d.notes.map((w) => `    - ${w}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `nuem run` (see the module doc).
 * @param id - analysis id (models/analyses/<id>.yaml) or path
 * @param flags - the command-line flags as commander delivers them (strings)
 * @returns when the run, its chains and its report are written; prints the summary (or JSON)
 * @throws UserError for bad input (exit code 2), before anything is written
 */
export async function runAction(id: string, flags: RunFlags): Promise<void> {
  const opts: RunAnalysisOptions = {
    chainsDir: flags.chainsDir,
    reportsDir: flags.reportsDir,
    toysDir: flags.toys,
    ensembles: intFlag(flags.ensembles, '--ensembles', 1, L.ensembles),
    resume: flags.resume === true,
    force: flags.force === true,
  };
  if (opts.resume && opts.force) throw new UserError('--force', 'cannot be combined with --resume', 'use --resume to continue the run, or --force to replace it');
  const set = <K extends keyof RunAnalysisOptions>(k: K, v: RunAnalysisOptions[K] | undefined): void => {
    if (v !== undefined) opts[k] = v;
  };
  set('runId', flags.run);
  set('threads', intFlag(flags.threads, '--threads', 0, L.threads));
  set('seed', intFlag(flags.seed, '--seed', 0, L.seed));
  set('walkers', intFlag(flags.walkers, '--walkers', 2, L.walkers));
  set('maxSteps', intFlag(flags.maxSteps, '--max-steps', L.minSteps, L.steps));
  set('checkEvery', intFlag(flags.checkEvery, '--check-every', 1, L.steps));
  if (flags.tauFactor !== undefined) {
    const f = Number(flags.tauFactor);
    if (!(f >= 1 && f <= 1e4)) throw new UserError('--tau-factor', `"${flags.tauFactor}" is not a number in [1, 10000]`, 'give e.g. --tau-factor 50');
    opts.tauFactor = f;
  }
  set('profilePoints', intFlag(flags.profilePoints, '--profile-points', 5, L.profilePoints));
  set('temperatures', intFlag(flags.temperatures, '--temperatures', 1, 64));
  const progress = flags.quiet ? null : createRunProgress();
  if (progress) opts.onEvent = (e) => progress.onEvent(e);
  let result: RunResult;
  try {
    result = await runAnalysis(id, opts);
  } finally {
    progress?.stop();
  }
  process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : sanitizeForTerminal(textSummary(result)));
  if (flags.strict && !result.diagnostics.converged) {
    const why = result.diagnostics.warnings.length ? result.diagnostics.warnings.join('; ') : 'the convergence rule was not met';
    throw new NotConvergedError(
      `${result.analysis.id} run ${result.run}`,
      `the chains did not converge (${why})`,
      `continue them with nuem run ${result.analysis.id} --run ${result.run} --resume --max-steps <more>, or drop --strict`,
    );
  }
}
