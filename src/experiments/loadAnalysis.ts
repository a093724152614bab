/**
 * Reads, validates and resolves an analysis model file (`models/analyses/<id>.yaml` or a path):
 * the YAML is checked against `analysisSchema`, its experiments are loaded, the nuisances are
 * completed from the likelihood widths (one α, β pair per experiment) and every cross-file rule is
 * checked at load time. Errors are `UserError`s naming the file and the path inside it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readRegularFile } from '../util/readRegularFile.js';
import { fileExists } from '../util/inMemoryFiles.js';
import { rejectControlCharacters } from './controlCharacters.js';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../cli/userError.js';
import { PACKAGE_ROOT } from '../provenance.js';
import type { EmParameterName } from '../physics/parameters.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import type { Prior } from '../sampler/priors.js';
import { analysisSchema, type AnalysisSpec, type AnalysisParameter, type ExperimentOverrides } from './analysisSchema.js';
import type { ExperimentDefinition } from '../experimentModel/registry.js';
import type { NuisanceDeclaration } from '../experimentModel/types.js';
import { priorBounds } from '../experimentModel/nuisancePenalty.js';
import { loadExperimentDefinition, SPECTRUM_TYPE } from './loadExperimentDefinition.js';
import { modelTreeRoot, resolveInsideModelTree } from './modelTreePath.js';
import { findModelFile, modelSearchRoots } from './modelsDirs.js';

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

/** A nuisance parameter of the analysis after resolution (possibly shared by several experiments). */
export interface ResolvedNuisance {
  /** Parameter name (`alpha`, `beta`, `alpha.<experiment id>`, `<name>.<experiment id>`, or a shared name). */
  readonly name: string;
  /** Index (into `definitions`) of the first experiment it belongs to. */
  readonly experimentIndex: number;
  /** Every experiment nuisance it stands for: index into `definitions` and the experiment's own name (empty when pinned). */
  readonly members: readonly { readonly experiment: number; readonly local: string }[];
  /** Detector-response experiments only: `signal` (α) or `background` (β). */
  readonly target?: 'signal' | 'background';
  /** Width: the likelihood's σ_α/σ_β for α, β (0 = pinned), else the declared width (1σ scale). */
  readonly sigma: number;
  /** Start value of fits (0 for α, β). */
  readonly nominal: number;
  /** Prior used when it is sampled; absent when it is pinned (σ = 0). */
  readonly prior?: Prior;
  /** Where the prior comes from. */
  readonly source?: string;
  /** Display label. */
  readonly label?: string;
  /** Unit of the value. */
  readonly unit?: string;
  /** Held at this value by the analysis (`fixed:` in its parameters entry): no prior, not sampled, not profiled. */
  readonly pinned?: number;
}

/**
 * A nuisance that is the parameter of interest of an analysis without free physics parameters
 * (`interest: true` in its parameters entry), e.g. the CEvNS normalisation of an SM fit.
 */
export interface ResolvedInterest {
  /** Global nuisance name (an entry of `LoadedAnalysis.nuisances`). */
  readonly name: string;
  /** Display label. */
  readonly label: string;
  /** Prior used when sampling (the entry's `prior`, else the experiment's). */
  readonly prior: Prior;
  /** Scan range of the 1-D profile (from the entry's `scan`, else from the prior). */
  readonly scan: { readonly min: number; readonly max: number; readonly scale: 'linear' | 'log' };
  /** Unit of the value (the nuisance's declared unit; `` dimensionless). */
  readonly unit: string;
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
  /** Every experiment of the analysis (any type), in file order. */
  readonly definitions: readonly ExperimentDefinition[];
  /**
   * The detector-response ("spectrum") experiments among them, in file order; these objects (not
   * `definitions[k].config`) are what the likelihood uses, so a caller may replace them.
   */
  readonly experiments: readonly Experiment[];
  /** Free physics parameters, in file order. */
  readonly physics: readonly ResolvedPhysicsParameter[];
  /** Nuisance parameters (α, β per detector-response experiment; declared ones of the others; shared ones once). */
  readonly nuisances: readonly ResolvedNuisance[];
  /** The nuisance of interest of an analysis without physics parameters (SM fits), if any. */
  readonly interest?: ResolvedInterest;
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
 * Resolves an analysis id or path to a file path: ids are looked up in the user's models
 * directories (`--models-dir`, `NUEM_MODELS_DIR`), then in nuem's models/analyses.
 *
 * @param idOrPath - `khan2022-qee` (looked up in <models>/analyses) or a path to a .yaml/.yml/.json file
 * @returns absolute path
 */
export function resolveAnalysisPath(idOrPath: string): string {
  const looksLikePath = /[\\/]/.test(idOrPath) || /\.(ya?ml|json)$/i.test(idOrPath);
  const file = looksLikePath ? resolve(idOrPath) : (findModelFile('analyses', idOrPath) ?? resolve(ANALYSES_DIR, `${idOrPath}.yaml`));
  if (!fileExists(file)) {
    throw new UserError(
      looksLikePath ? idOrPath : `analysis ${idOrPath}`,
      `no such analysis file (${file})`,
      `give an id from ${modelSearchRoots().map((r) => join(r, 'analyses')).join(', ')} (nuem list analyses) or a path to a YAML file`,
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

/**
 * The models directory an analysis file belongs to: the parent of its `analyses/` directory, else
 * the enclosing `models/` tree, else its own directory. Experiment ids of the analysis are looked
 * up there first.
 */
function analysisTreeRoot(file: string): string {
  const dir = dirname(file);
  return basename(dir) === 'analyses' ? dirname(dir) : modelTreeRoot(dir);
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
  // (the rule data paths follow, src/experiments/modelTreePath.ts; absolute paths as written).
  // A file with a `type:` goes to its registered experiment type; one without is a
  // detector-response experiment (its statistic is the analysis `likelihood`).
  const entries = spec.experiments.map((e, i) => {
    const ref = /[\\/]/.test(e) || /\.(ya?ml|json)$/i.test(e) ? experimentPathInsideTree(file, e, where(`experiments[${i}]`)) : e;
    try {
      const entry = loadExperimentDefinition(ref, opts.loadExperiment, [analysisTreeRoot(file)]);
      if (!entry.experiment || !spec.experimentOverrides) return entry;
      const experiment = applyExperimentOverrides(entry.experiment, spec.experimentOverrides, where('experimentOverrides'));
      return { definition: { ...entry.definition, config: experiment }, experiment };
    } catch (err) {
      if (err instanceof UserError) throw new UserError(where(`experiments[${i}]`), `cannot load experiment "${e}": ${err.where}: ${err.what}`, err.fix);
      throw err;
    }
  });
  const definitions = entries.map((x) => x.definition);
  const ids = new Map<string, number>();
  definitions.forEach((d, i) => {
    if (ids.has(d.id)) throw new UserError(where(`experiments[${i}]`), `experiment ${d.id} is already experiments[${ids.get(d.id)}]`, 'list each experiment once');
    ids.set(d.id, i);
  });
  const experiments = entries.filter((x) => x.experiment).map((x) => x.experiment!);
  const spectrumIndices = definitions.map((d, i) => (d.type === SPECTRUM_TYPE ? i : -1)).filter((i) => i >= 0);
  if (spec.experimentOverrides && experiments.length === 0) {
    throw new UserError(where('experimentOverrides'), 'no detector-response experiment to apply the overrides to', 'remove experimentOverrides (experiment types define their own inputs)');
  }

  // likelihood vs experiments (the analysis likelihood is that of the detector-response experiments)
  const lk = spec.likelihood;
  if (!lk && experiments.length > 0) {
    throw new UserError(where('likelihood'), `experiment ${experiments[0]!.id} is a detector-response experiment and needs the analysis likelihood`, 'add likelihood: { type: khan-chi2 | asimov-chi2 | asimov-poisson | poisson, sigmaAlpha, sigmaBeta }');
  }
  if (lk && experiments.length === 0) {
    throw new UserError(where('likelihood'), `every experiment defines its own likelihood (types ${definitions.map((d) => d.type).join(', ')})`, 'remove the likelihood block');
  }
  experiments.forEach((exp, j) => {
    const i = spectrumIndices[j]!;
    const nBins = exp.edges.length - 1;
    if (lk!.bins && lk!.bins.last > nBins) {
      throw new UserError(where('likelihood.bins.last'), `bin ${lk!.bins.last} does not exist: experiment ${exp.id} has ${nBins} bins`, `use a value <= ${nBins}`);
    }
    if ((lk!.type === 'khan-chi2' || lk!.type === 'poisson') && !exp.observed) {
      throw new UserError(where('likelihood.type'), `${lk!.type} needs observed data but experiment ${exp.id} (experiments[${i}]) has none`, 'use asimov-chi2 or asimov-poisson, or an experiment with data');
    }
    // the data must suit the likelihood in every bin it uses (bins are 1-based in the file)
    const obs = exp.observed;
    if (obs && lk && (lk.type === 'khan-chi2' || lk.type === 'poisson')) {
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

  const nuisances = resolveNuisances(spec, definitions, where);
  const interest = resolveInterest(spec, nuisances, where);
  return Object.freeze({ id: spec.id, title: spec.title, file, spec, definitions, experiments, physics, nuisances, ...(interest ? { interest } : {}) });
}

/**
 * The nuisance of interest (`interest: true`; the schema allows at most one and only without
 * physics parameters): it must be a sampled nuisance of the analysis and have a scan range.
 */
function resolveInterest(spec: AnalysisSpec, nuisances: readonly ResolvedNuisance[], where: (p: string) => string): ResolvedInterest | undefined {
  const index = spec.parameters.findIndex((p) => p.interest === true);
  if (index < 0) return undefined;
  const p = spec.parameters[index]!;
  // resolveNuisances has already refused names that belong to no experiment
  const n = nuisances.find((q) => q.name === p.name)!;
  if (!n.prior || n.members.length === 0) {
    throw new UserError(where(`parameters[${index}].interest`), `nuisance ${p.name} is pinned (width 0) and cannot be the parameter of interest`, 'give it a width > 0 in the likelihood, or choose another nuisance');
  }
  const scan = p.scan ?? scanFromPrior(n.prior);
  if (!scan) {
    throw new UserError(where(`parameters[${index}]`), `the parameter of interest ${p.name} has no scan range and none follows from its ${n.prior.type} prior`, 'add scan: { min, max } (e.g. the range of a flat prior)');
  }
  const [lo, hi] = priorBounds(n.prior);
  if (scan.min < lo || scan.max > hi) {
    throw new UserError(
      where(`parameters[${index}].scan`),
      `the scan [${scan.min}, ${scan.max}] of ${p.name} leaves the support [${lo}, ${hi}] of its prior`,
      `keep the scan inside [${lo}, ${hi}] or widen the prior (prior: { type: uniform, min, max })`,
    );
  }
  return { name: n.name, label: p.label ?? n.label ?? n.name, prior: n.prior, scan, unit: n.unit ?? (n.target ? '1' : '') };
}

/**
 * The analysis' nuisance parameters: α, β of each detector-response experiment (widths from the
 * likelihood, pinned at width 0), the declared nuisances of every other experiment, merged into
 * shared parameters by a common `shared:` key of the experiment files or by the analysis `shared:`
 * list, with the priors and labels the analysis `parameters` give. Names: the experiment's own
 * name with one experiment, `<name>.<experiment id>` with several, the sharing key or the
 * analysis' shared name for shared ones.
 */
function resolveNuisances(spec: AnalysisSpec, definitions: readonly ExperimentDefinition[], where: (p: string) => string): ResolvedNuisance[] {
  const several = definitions.length > 1;
  const listed = new Map<string, { p: AnalysisParameter; index: number }>();
  spec.parameters.forEach((p, index) => {
    if (p.role === 'nuisance') listed.set(p.name, { p, index });
  });
  const nuisances: ResolvedNuisance[] = [];
  const lk = spec.likelihood;
  // declarations per experiment (spectrum experiments: α, β from the likelihood widths)
  type Decl = { decl?: NuisanceDeclaration; target?: 'signal' | 'background'; sigma: number; local: string };
  const decls: Decl[][] = definitions.map((d) => {
    if (d.type !== SPECTRUM_TYPE) return d.nuisances.map((n) => ({ decl: n, sigma: n.width, local: n.name }));
    return (
      [
        ['alpha', 'signal', lk!.sigmaAlpha],
        ['beta', 'background', lk!.sigmaBeta],
      ] as const
    ).map(([local, target, sigma]) => ({
      ...(sigma > 0 ? { decl: { name: local, prior: { type: 'normal', mu: 0, sigma } as Prior, nominal: 0, width: sigma, source: lk!.source ?? 'analysis likelihood widths' } } : {}),
      target,
      sigma,
      local,
    }));
  });
  // sharing: analysis `shared:` entries first, then common `shared:` keys of the experiment files
  const sharedOf = new Map<string, { name: string; prior?: Prior; source?: string; index?: number }>(); // "k/local" → group
  (spec.shared ?? []).forEach((s, si) => {
    s.members.forEach((m, mi) => {
      const [expId, local] = m.split('/') as [string, string];
      const k = definitions.findIndex((d) => d.id === expId);
      const path = `shared[${si}].members[${mi}]`;
      if (k < 0) throw new UserError(where(path), `no experiment ${expId} in this analysis`, `use one of ${definitions.map((d) => d.id).join(', ')}`);
      const d = decls[k]!.find((x) => x.local === local);
      if (!d) throw new UserError(where(path), `experiment ${expId} has no nuisance ${local}`, `use one of ${decls[k]!.map((x) => x.local).join(', ') || '(none)'}`);
      if (!d.decl) throw new UserError(where(path), `${expId}/${local} is pinned (width 0) and cannot be shared`, 'give it a width > 0 or remove it from the shared list');
      if (sharedOf.has(`${k}/${local}`)) throw new UserError(where(path), `${m} is already shared as ${sharedOf.get(`${k}/${local}`)!.name}`, 'list each nuisance in one shared entry');
      sharedOf.set(`${k}/${local}`, { name: s.name, ...(s.prior ? { prior: s.prior as Prior } : {}), ...(s.source ? { source: s.source } : {}), index: si });
    });
  });
  const keyCount = new Map<string, number>();
  decls.forEach((ds) => ds.forEach((d) => d.decl?.shared && keyCount.set(d.decl.shared, (keyCount.get(d.decl.shared) ?? 0) + 1)));
  decls.forEach((ds, k) =>
    ds.forEach((d) => {
      const key = d.decl?.shared;
      if (key && (keyCount.get(key) ?? 0) > 1 && !sharedOf.has(`${k}/${d.local}`)) sharedOf.set(`${k}/${d.local}`, { name: key });
    }),
  );
  const byName = new Map<string, ResolvedNuisance>();
  decls.forEach((ds, k) =>
    ds.forEach((d) => {
      const share = sharedOf.get(`${k}/${d.local}`);
      const name = share ? share.name : several ? `${d.local}.${definitions[k]!.id}` : d.local;
      const existing = byName.get(name);
      if (existing) {
        if (!share) throw new UserError(where('experiments'), `two experiments give the nuisance name ${name}`, 'give the experiments distinct ids');
        const prior = share.prior ?? existing.prior!;
        if (!share.prior && JSON.stringify(d.decl!.prior) !== JSON.stringify(existing.prior)) {
          throw new UserError(
            share.index !== undefined ? where(`shared[${share.index}]`) : where('experiments'),
            `shared nuisance ${name}: ${definitions[k]!.id}/${d.local} has prior ${JSON.stringify(d.decl!.prior)}, ${definitions[existing.experimentIndex]!.id} has ${JSON.stringify(existing.prior)}`,
            'give the shared parameter one prior (prior: in the analysis shared entry)',
          );
        }
        // one label for the shared parameter: the members' common label, else the shared name (a member's
        // own label, e.g. "SNS flux (CsI)", would misname it)
        const { label: firstLabel, ...rest } = existing;
        const label = firstLabel !== undefined && firstLabel === d.decl?.label ? firstLabel : name;
        const merged: ResolvedNuisance = { ...rest, label, prior, members: [...existing.members, { experiment: k, local: d.local }] };
        byName.set(name, merged);
        nuisances[nuisances.indexOf(existing)] = merged;
        return;
      }
      const decl = d.decl;
      const r: ResolvedNuisance = {
        name,
        experimentIndex: k,
        members: decl ? [{ experiment: k, local: d.local }] : [],
        ...(d.target ? { target: d.target } : {}),
        sigma: d.sigma,
        nominal: decl?.nominal ?? 0,
        ...(decl ? { prior: share?.prior ?? decl.prior, source: share?.source ?? decl.source } : {}),
        ...(decl?.label ? { label: decl.label } : {}),
        ...(decl?.unit !== undefined ? { unit: decl.unit } : {}),
      };
      byName.set(name, r);
      nuisances.push(r);
    }),
  );
  // the analysis' parameters entries: labels and priors of nuisances
  for (const [name, { p, index }] of listed) {
    const i = nuisances.findIndex((n) => n.name === name);
    if (i < 0) {
      throw new UserError(
        where(`parameters[${index}].name`),
        `nuisance ${name} does not belong to any experiment`,
        `use one of ${nuisances.map((n) => n.name).join(', ') || '(none)'}`,
      );
    }
    const n = nuisances[i]!;
    if (p.fixed !== undefined) {
      const at = where(`parameters[${index}].fixed`);
      if (n.target) throw new UserError(at, `${name} is a detector-response normalisation (α, β) and is pinned through the likelihood`, `remove fixed and set likelihood.${n.target === 'signal' ? 'sigmaAlpha' : 'sigmaBeta'}: 0`);
      if (!n.prior || n.members.length === 0) throw new UserError(at, `${name} is already pinned`, 'remove fixed');
      if (n.members.length > 1) throw new UserError(at, `${name} is shared by ${n.members.length} experiments and cannot be fixed`, 'remove fixed, or remove it from the shared nuisances');
      const [lo, hi] = priorBounds(n.prior);
      if (p.fixed < lo || p.fixed > hi) throw new UserError(at, `${p.fixed} lies outside the support [${lo}, ${hi}] of the prior of ${name}`, `give a value in [${lo}, ${hi}] (usually the nominal value ${n.nominal})`);
      const { prior: _prior, ...rest } = n;
      nuisances[i] = { ...rest, pinned: p.fixed, ...(p.label ? { label: p.label } : {}) };
      continue;
    }
    let prior = n.prior;
    if (p.prior) {
      const given = p.prior as Prior;
      if (n.target) {
        const base = n.target === 'signal' ? 'sigmaAlpha' : 'sigmaBeta';
        if ((given.type === 'normal' || given.type === 'truncnormal') && given.sigma !== n.sigma) {
          throw new UserError(
            where(`parameters[${index}].prior.sigma`),
            `the prior width of ${name} (${given.sigma}) differs from likelihood.${base} (${n.sigma})`,
            'use one width for both, or drop the prior to take it from the likelihood',
          );
        }
        if (n.sigma === 0) throw new UserError(where(`parameters[${index}]`), `${name} is pinned (width 0 in the likelihood) but has a prior`, 'remove the prior or give a width > 0');
      }
      prior = given;
    }
    nuisances[i] = { ...n, ...(prior ? { prior } : {}), ...(p.label ? { label: p.label } : {}) };
  }
  return nuisances;
}

