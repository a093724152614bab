/**
 * Reads, validates and resolves an analysis model file (`models/analyses/<id>.yaml` or a path):
 * the YAML is checked against `analysisSchema`, its experiments are loaded, the nuisances are
 * completed from the likelihood widths (one α, β pair per experiment) and every cross-file rule is
 * checked at load time. Errors are `UserError`s naming the file and the path inside it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readRegularFile } from '../util/readRegularFile.js';
import { rejectControlCharacters } from './controlCharacters.js';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../cli/userError.js';
import { PACKAGE_ROOT } from '../provenance.js';
import type { EmParameterName } from '../physics/parameters.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import type { Prior } from '../sampler/priors.js';
import { analysisSchema, type AnalysisSpec, type AnalysisParameter, type ExperimentOverrides } from './analysisSchema.js';
import { loadExperiment } from './loadExperiment.js';
import { modelTreeRoot, resolveInsideModelTree } from './modelTreePath.js';

/** A free physics parameter after resolution. */
export interface ResolvedPhysicsParameter {
  /** EM parameter name. */
  readonly name: EmParameterName;
  /** Prior (sampling). */
  readonly prior: Prior;
  /** Display label. */
  readonly label: string;
  /** Scan range for profiles (from the file, else derived from the prior), if one can be derived. */
  readonly scan?: { readonly min: number; readonly max: number; readonly scale: 'linear' | 'log' };
}

/** A normalisation nuisance after resolution. */
export interface ResolvedNuisance {
  /** Parameter name (`alpha`, `beta`, or `alpha.<experiment id>` …). */
  readonly name: string;
  /** Index of the experiment it belongs to. */
  readonly experimentIndex: number;
  /** `signal` (α) or `background` (β). */
  readonly target: 'signal' | 'background';
  /** Gaussian width used by the χ² pulls and the profile. */
  readonly sigma: number;
  /** Prior used when it is sampled; absent when it is pinned (σ = 0). */
  readonly prior?: Prior;
}

/** A loaded analysis. */
export interface LoadedAnalysis {
  /** Analysis id. */
  readonly id: string;
  /** Title. */
  readonly title: string;
  /** Absolute path of the model file. */
  readonly file: string;
  /** The validated file content (defaults filled). */
  readonly spec: AnalysisSpec;
  /** Loaded experiments, in file order. */
  readonly experiments: readonly Experiment[];
  /** Free physics parameters, in file order. */
  readonly physics: readonly ResolvedPhysicsParameter[];
  /** Nuisances, α and β per experiment. */
  readonly nuisances: readonly ResolvedNuisance[];
}

/** Options of {@link loadAnalysis}. */
export interface LoadAnalysisOptions {
  /** Experiment loader (default: `loadExperiment`); receives an id or an absolute path. */
  readonly loadExperiment?: (idOrPath: string) => Experiment;
}

/** Directory of the analysis model files. */
export const ANALYSES_DIR = resolve(PACKAGE_ROOT, 'models', 'analyses');

/**
 * Ids of the analysis files in models/analyses, sorted, optionally only those starting with
 * `<prefix>-`.
 *
 * @param prefix - e.g. `khan2022`
 * @returns analysis ids (file stems)
 */
export function listAnalysisIds(prefix?: string): string[] {
  if (!existsSync(ANALYSES_DIR)) return [];
  return readdirSync(ANALYSES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((id) => prefix === undefined || id.startsWith(`${prefix}-`))
    .sort();
}

/**
 * Resolves an analysis id or path to a file path.
 *
 * @param idOrPath - `khan2022-qee` (looked up in models/analyses) or a path to a .yaml/.yml/.json file
 * @returns absolute path
 */
export function resolveAnalysisPath(idOrPath: string): string {
  const looksLikePath = /[\\/]/.test(idOrPath) || /\.(ya?ml|json)$/i.test(idOrPath);
  const file = looksLikePath ? resolve(idOrPath) : resolve(ANALYSES_DIR, `${idOrPath}.yaml`);
  if (!existsSync(file)) {
    throw new UserError(
      looksLikePath ? idOrPath : `analysis ${idOrPath}`,
      `no such analysis file (${file})`,
      'give an id from models/analyses (nuem list analyses) or a path to a YAML file',
    );
  }
  return file;
}

function zodWhere(file: string, issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  return path ? `${file}: ${path}` : file;
}

function scanFromPrior(prior: Prior): ResolvedPhysicsParameter['scan'] {
  switch (prior.type) {
    case 'uniform':
      return { min: prior.min, max: prior.max, scale: 'linear' };
    case 'loguniform':
      return { min: prior.min, max: prior.max, scale: 'log' };
    case 'truncnormal':
      return { min: Math.max(prior.min, prior.mu - 5 * prior.sigma), max: Math.min(prior.max, prior.mu + 5 * prior.sigma), scale: 'linear' };
    case 'normal':
      return { min: prior.mu - 5 * prior.sigma, max: prior.mu + 5 * prior.sigma, scale: 'linear' };
    case 'halfnormal':
      return { min: 0, max: 5 * prior.sigma, scale: 'linear' };
    default:
      return undefined;
  }
}

/**
 * An experiment with the analysis-level overrides applied (see `experimentOverridesSchema`).
 *
 * @param exp - loaded experiment
 * @param o - overrides
 * @param where - location for error messages
 * @returns a new experiment object (the input is not modified)
 * @throws UserError when an override does not apply to this kind of experiment
 */
export function applyExperimentOverrides(exp: Experiment, o: Omit<ExperimentOverrides, 'source'>, where: string): Experiment {
  let out: Experiment = exp;
  if (o.exposureYears !== undefined || o.backgroundDaysPerYear !== undefined) {
    if (exp.exposure.type !== 'years') {
      throw new UserError(where, `experiment ${exp.id} has a fixed exposure; exposureYears and backgroundDaysPerYear do not apply`, 'remove them from experimentOverrides');
    }
    out = {
      ...out,
      exposure: {
        ...exp.exposure,
        ...(o.exposureYears !== undefined ? { years: o.exposureYears } : {}),
        ...(o.backgroundDaysPerYear !== undefined ? { livetimeDaysPerYear: o.backgroundDaysPerYear } : {}),
      },
    };
  }
  if (o.uniformBins !== undefined || o.resolutionForm !== undefined) {
    const r = exp.response;
    if (r.type !== 'gaussian') {
      throw new UserError(where, `experiment ${exp.id} has a ${r.type} response; uniformBins and resolutionForm apply to Gaussian-response detectors only`, 'remove them from experimentOverrides');
    }
    if (o.uniformBins !== undefined) {
      const lo = exp.edges[0]!;
      const hi = exp.edges[exp.edges.length - 1]!;
      const n = o.uniformBins;
      out = { ...out, edges: Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + ((hi - lo) * i) / n)) };
    }
    if (o.resolutionForm !== undefined) out = { ...out, response: { ...r, resolution: { ...r.resolution, form: o.resolutionForm } } };
  }
  return out;
}

/** An experiment path of an analysis file, resolved and confined to the analysis's model tree. */
function experimentPathInsideTree(file: string, path: string, where: string): string {
  try {
    return resolveInsideModelTree(dirname(file), path, dirname(file), where);
  } catch (err) {
    if (err instanceof UserError) {
      throw new UserError(where, `experiment path "${path}" leads outside the model directory ${modelTreeRoot(dirname(file))}`, 'use an experiment id, a path inside the models directory (e.g. ../experiments/<id>.yaml), or an absolute path');
    }
    throw err;
  }
}

/**
 * Loads and validates an analysis and its experiments.
 *
 * @param idOrPath - analysis id (models/analyses/<id>.yaml) or path
 * @param opts - optional experiment loader (tests)
 * @returns the resolved analysis
 * @throws UserError naming file and field for any invalid content
 */
export function loadAnalysis(idOrPath: string, opts: LoadAnalysisOptions = {}): LoadedAnalysis {
  const file = resolveAnalysisPath(idOrPath);
  const textOfFile = readRegularFile(file, file, 'check the path of the analysis file');
  let raw: unknown;
  try {
    raw = parseYaml(textOfFile);
  } catch (e) {
    throw new UserError(file, `not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, 'fix the YAML syntax');
  }
  rejectControlCharacters(raw, file);
  const parsed = analysisSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(zodWhere(file, issue), issue.message, 'see models/analyses/README.md for the analysis file format');
  }
  const spec = parsed.data;
  const where = (path: string): string => `${file}: ${path}`;

  // experiments: ids, or paths relative to the analysis file that stay inside its model tree
  // (the rule data paths follow, src/experiments/modelTreePath.ts; absolute paths as written)
  const load = opts.loadExperiment ?? loadExperiment;
  const experiments = spec.experiments.map((e, i) => {
    const ref = /[\\/]/.test(e) || /\.(ya?ml|json)$/i.test(e) ? experimentPathInsideTree(file, e, where(`experiments[${i}]`)) : e;
    try {
      const exp = load(ref);
      return spec.experimentOverrides ? applyExperimentOverrides(exp, spec.experimentOverrides, where('experimentOverrides')) : exp;
    } catch (err) {
      if (err instanceof UserError) throw new UserError(where(`experiments[${i}]`), `cannot load experiment "${e}": ${err.message}`, err.fix);
      throw err;
    }
  });

  // likelihood vs experiments
  const lk = spec.likelihood;
  experiments.forEach((exp, i) => {
    const nBins = exp.edges.length - 1;
    if (lk.bins && lk.bins.last > nBins) {
      throw new UserError(where('likelihood.bins.last'), `bin ${lk.bins.last} does not exist: experiment ${exp.id} has ${nBins} bins`, `use a value <= ${nBins}`);
    }
    if ((lk.type === 'khan-chi2' || lk.type === 'poisson') && !exp.observed) {
      throw new UserError(where('likelihood.type'), `${lk.type} needs observed data but experiment ${exp.id} (experiments[${i}]) has none`, 'use asimov-chi2 or asimov-poisson, or an experiment with data');
    }
    // the data must suit the likelihood in every bin it uses (bins are 1-based in the file)
    const obs = exp.observed;
    if (obs && (lk.type === 'khan-chi2' || lk.type === 'poisson')) {
      const first = lk.bins ? lk.bins.first - 1 : 0;
      const last = lk.bins ? lk.bins.last - 1 : nBins - 1;
      for (let b = first; b <= last; b++) {
        const n = obs.counts[b]!;
        if (!Number.isFinite(n)) throw new UserError(where('likelihood.type'), `experiment ${exp.id} has a non-finite observed count in bin ${b + 1}`, 'repair the data files of the experiment');
        if (lk.type === 'poisson' && n < 0) {
          throw new UserError(
            where('likelihood.type'),
            `a Poisson likelihood needs counts ≥ 0, but experiment ${exp.id} has ${n} in bin ${b + 1} (observed counts after background subtraction can be negative)`,
            'use khan-chi2 (Gaussian) for background-subtracted counts, or restrict likelihood.bins to bins with counts ≥ 0',
          );
        }
        if (lk.type === 'khan-chi2' && !(obs.sigma[b]! > 0 && Number.isFinite(obs.sigma[b]!))) {
          throw new UserError(
            where('likelihood.type'),
            `khan-chi2 needs an uncertainty > 0 in every bin it uses, but experiment ${exp.id} has σ = ${obs.sigma[b]} in bin ${b + 1} (no events in that bin and time window)`,
            'widen the time window or the bin, or restrict likelihood.bins to bins with events',
          );
        }
      }
    }
  });

  const physics: ResolvedPhysicsParameter[] = spec.parameters
    .filter((p) => p.role === 'physics')
    .map((p) => ({
      name: p.name as EmParameterName,
      prior: p.prior as Prior,
      label: p.label ?? p.name,
      scan: p.scan ?? scanFromPrior(p.prior as Prior),
    }));

  // nuisances: one α, β per experiment, widths from the likelihood
  const listed = new Map<string, { p: AnalysisParameter; index: number }>();
  spec.parameters.forEach((p, index) => {
    if (p.role === 'nuisance') listed.set(p.name, { p, index });
  });
  const nuisances: ResolvedNuisance[] = [];
  experiments.forEach((exp, k) => {
    for (const [base, target, sigma] of [
      ['alpha', 'signal', lk.sigmaAlpha],
      ['beta', 'background', lk.sigmaBeta],
    ] as const) {
      const name = experiments.length === 1 ? base : `${base}.${exp.id}`;
      const entry = listed.get(name);
      listed.delete(name);
      let prior: Prior | undefined = sigma > 0 ? ({ type: 'normal', mu: 0, sigma } as Prior) : undefined;
      if (entry?.p.prior) {
        const given = entry.p.prior as Prior;
        if ((given.type === 'normal' || given.type === 'truncnormal') && given.sigma !== sigma) {
          throw new UserError(
            where(`parameters[${entry.index}].prior.sigma`),
            `the prior width of ${name} (${given.sigma}) differs from likelihood.${base === 'alpha' ? 'sigmaAlpha' : 'sigmaBeta'} (${sigma})`,
            'use one width for both, or drop the prior to take it from the likelihood',
          );
        }
        if (sigma === 0) {
          throw new UserError(where(`parameters[${entry.index}]`), `${name} is pinned (width 0 in the likelihood) but has a prior`, 'remove the prior or give a width > 0');
        }
        prior = given;
      }
      nuisances.push({ name, experimentIndex: k, target, sigma, ...(prior ? { prior } : {}) });
    }
  });
  for (const [name, { index }] of listed) {
    throw new UserError(
      where(`parameters[${index}].name`),
      `nuisance ${name} does not belong to any experiment`,
      experiments.length === 1 ? 'use alpha or beta' : `use alpha.<id> or beta.<id> with ids ${experiments.map((e) => e.id).join(', ')}`,
    );
  }
  return Object.freeze({ id: spec.id, title: spec.title, file, spec, experiments, physics, nuisances });
}
