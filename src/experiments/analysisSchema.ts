/**
 * Schema of analysis model files (`models/analyses/*.yaml`, docs/models.md): which experiments, which
 * parameters are free (physics) or nuisances, their priors and scan ranges, the likelihood form with
 * its nuisance widths, fixed parameter values, published intervals with their sources and the
 * tolerances stated before computing, and sampler / profile settings.
 */
import { z } from 'zod';
import { priorSchema } from '../sampler/priors.js';
import { emParameterRangeProblem, isEmParameterName } from '../physics/parameters.js';
import { moveListSchema } from '../sampler/moveSchema.js';
import { MAGNITUDE_LIMITS, SIZE_LIMITS } from './inputLimits.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
/** confidence or credible level, inside the documented range (src/experiments/inputLimits.ts) */
const level = z.number().min(MAGNITUDE_LIMITS.clMin, `levels below ${MAGNITUDE_LIMITS.clMin} are not supported`).max(MAGNITUDE_LIMITS.clMax, `levels above ${MAGNITUDE_LIMITS.clMax} are not supported`);
const text = z.string().max(SIZE_LIMITS.textLength);
const stepCount = z.number().int().min(SIZE_LIMITS.minSteps, `at least ${SIZE_LIMITS.minSteps} steps are needed`).max(SIZE_LIMITS.steps, `at most ${SIZE_LIMITS.steps} steps are supported`);

/** A scan range for profiles and plots (parameter units). */
export const scanSchema = z
  .strictObject({
    min: finite,
    max: finite,
    scale: z.enum(['linear', 'log']).default('linear'),
  })
  .refine((s) => s.max > s.min, { message: 'scan.max must be greater than scan.min', path: ['max'] })
  .refine((s) => Number.isFinite(s.max - s.min) && (s.max - s.min) / 2 ** 20 > Math.max(Math.abs(s.min), Math.abs(s.max)) * Number.EPSILON, { message: 'the scan range is degenerate (no room for a scan grid between min and max) or overflows', path: ['max'] })
  .refine((s) => s.scale !== 'log' || s.min > 0, { message: 'a log scan needs min > 0', path: ['min'] });

/** One parameter of an analysis. */
export const analysisParameterSchema = z.strictObject({
  /** EM parameter name (physics) or nuisance name (`alpha`, `beta`, or `alpha.<experiment id>` …). */
  name: z.string().min(1).max(SIZE_LIMITS.idLength),
  role: z.enum(['physics', 'nuisance']),
  prior: priorSchema.optional(),
  label: z.string().max(SIZE_LIMITS.titleLength).optional(),
  scan: scanSchema.optional(),
  /**
   * `role: nuisance` only: this nuisance is the analysis' parameter of interest (e.g. the CEvNS
   * normalisation of an SM fit): profiled in 1-D over its `scan` range with every other nuisance
   * minimised, sampled with the others, shown as the parameter of interest in the report. Its
   * `prior` (usually a flat one, replacing the experiment's constraint) is used when given.
   */
  interest: z.boolean().optional(),
  /**
   * `role: nuisance` only: hold this nuisance at this value (its own units): neither sampled nor
   * profiled, no prior (e.g. the detector-mass normalisation when an SM fit frees the whole CEvNS
   * normalisation, which absorbs it).
   */
  fixed: finite.optional(),
});

/** 1-based, inclusive bin range (Khan eq. 7 sums i = 2 … 9). */
export const binRangeSchema = z
  .strictObject({ first: z.number().int().min(1), last: z.number().int().min(1) })
  .refine((b) => b.last >= b.first, { message: 'bins.last must be >= bins.first', path: ['last'] });

const nuisanceWidth = z.number().min(0).max(MAGNITUDE_LIMITS.nuisanceWidth);
const common = {
  /** relative signal-normalisation uncertainty σ_α */
  sigmaAlpha: nuisanceWidth,
  /** relative background-normalisation uncertainty σ_β */
  sigmaBeta: nuisanceWidth,
  bins: binRangeSchema.optional(),
  /** where the widths come from, or `calibrated` with a note */
  source: text.optional(),
};

/** The likelihood form (docs/physics.md §D.1; ESS arXiv:2409.10652 eq. 15–16). */
export const likelihoodSchema = z.discriminatedUnion('type', [
  /** Khan eq. 7: Gaussian χ² with the experiment's N_obs, σ, B. */
  z.strictObject({ type: z.literal('khan-chi2'), ...common }),
  /** ESS eq. 15–16: Gaussian χ² on Asimov (SM) data, σ_i² = N_exp^i. */
  z.strictObject({ type: z.literal('asimov-chi2'), ...common, asimov: z.record(z.string(), finite).optional() }),
  /** Poisson (Cash) statistic on Asimov data. */
  z.strictObject({ type: z.literal('asimov-poisson'), ...common, asimov: z.record(z.string(), finite).optional() }),
  /** Poisson (Cash) statistic on the experiment's observed counts. */
  z.strictObject({ type: z.literal('poisson'), ...common }),
]);

/** A published interval and the tolerance it is checked with. */
export const publishedIntervalSchema = z
  .strictObject({
    parameter: z.string(),
    interval: z.tuple([finite, finite]),
    cl: level.default(0.9),
    source: text.min(1),
    /** relative tolerances on each edge, fixed before computing (Khan: 0.25 lower, 0.5 upper, docs/reproduction.md) */
    tolerance: z.strictObject({
      lower: z.number().min(0),
      upper: z.number().min(0),
      /** the longer side must be the same as published */
      asymmetry: z.boolean().default(false),
    }),
    note: text.optional(),
  })
  .refine((p) => p.interval[1] > p.interval[0], { message: 'interval must be [lo, hi] with hi > lo', path: ['interval'] });

/** Ensemble-sampler settings. */
export const samplerSettingsSchema = z
  .strictObject({
    walkers: z.number().int().min(2).max(SIZE_LIMITS.walkers),
    steps: stepCount.optional(),
    untilConverged: z
      .strictObject({ maxSteps: stepCount, checkEvery: stepCount.optional() })
      .refine((u) => u.checkEvery === undefined || u.checkEvery <= u.maxSteps, { message: 'checkEvery must not exceed maxSteps', path: ['checkEvery'] })
      .optional(),
    seed: z.number().int().min(0).max(SIZE_LIMITS.seed, 'seeds are 32-bit unsigned integers (at most 4294967295)'),
    moves: moveListSchema.optional(),
    /**
     * Parallel tempering (src/sampler/tempering): `temperatures` rungs of the default ladder
     * (β uniform in ln β from 1 to 1e−6, then β = 0, the prior; src/sampler/tempering/ladder.ts), or an explicit `ladder` of inverse temperatures
     * (1 first, decreasing, last 0 for the evidence); the ladder adapts during the first
     * `adaptSteps` steps (default 500, capped at a quarter of the step cap; 0: fixed).
     */
    tempering: z
      .strictObject({
        temperatures: z.number().int().min(2).max(64).optional(),
        ladder: z.array(z.number().min(0).max(1)).min(2).max(64).optional(),
        adaptSteps: z.number().int().min(0).max(SIZE_LIMITS.steps).optional(),
      })
      .refine((t) => (t.temperatures === undefined) !== (t.ladder === undefined), { message: 'give exactly one of tempering.temperatures and tempering.ladder' })
      .optional(),
  })
  .refine((s) => (s.steps === undefined) !== (s.untilConverged === undefined), {
    message: 'give exactly one of sampler.steps and sampler.untilConverged',
  });

/** Profile-likelihood settings. */
export const profileSettingsSchema = z.strictObject({
  /** 1-D scan nodes */
  points: z.number().int().min(5).max(SIZE_LIMITS.profilePoints).default(121),
  /** 2-D coarse grid nodes per axis */
  nx: z.number().int().min(5).max(SIZE_LIMITS.profileGrid).default(41),
  ny: z.number().int().min(5).max(SIZE_LIMITS.profileGrid).default(41),
  /** 2-D refinement depth (halvings near the contour) */
  refine: z.number().int().min(0).max(SIZE_LIMITS.profileRefine).default(3),
  cl: level.default(0.9),
  /**
   * start each nuisance fit at the previous scan point's minimiser instead of the nominal values
   * (src/experimentModel/combinedLikelihood.ts; faster for many BFGS-profiled nuisances)
   */
  warmStart: z.boolean().default(false),
});

/** Report settings: the enclosed posterior masses of the 2-D credible contours of the corner plot; the draws of the Bayes factors. */
export const reportSettingsSchema = z.strictObject({
  /**
   * posterior draws of the Rao–Blackwellised Savage–Dickey B₀₁ (default 4096; src/summaries/savageDickeyRB.ts):
   * each costs 258 ln p evaluations, so analyses with an expensive likelihood may use fewer; the
   * stated standard error grows as 1/√draws
   */
  savageDickeyDraws: z.number().int().min(256, 'at least 256 draws').max(65536, 'at most 65536 draws').optional(),
  /** enclosed posterior masses of the 2-D contours, ascending in (0, 1); default 0.6827 and 0.9545 (1σ, 2σ of a 1-D Gaussian) */
  levels: z
    .array(z.number().gt(0, 'a contour level is an enclosed mass > 0').lt(1, 'a contour level is an enclosed mass < 1'))
    .min(1)
    .max(5, 'at most 5 contour levels')
    .refine((l) => l.every((v, i) => i === 0 || v > l[i - 1]!), 'contour levels must be strictly increasing, e.g. [0.68, 0.95]')
    .optional(),
});

/**
 * Analysis-level choices for experiment inputs that a paper does not give (docs/physics.md §D.2, §9):
 * applied to every experiment of the analysis after loading. Each one must say where it comes
 * from (`source`), e.g. "calibrated against Table 2, see docs/reproduction.md".
 */
export const experimentOverridesSchema = z.strictObject({
  /** background live days per year of exposure (flat ckkd backgrounds only) */
  backgroundDaysPerYear: z.number().positive().max(366).optional(),
  /** exposure in years (year-based exposures only) */
  exposureYears: z.number().positive().max(MAGNITUDE_LIMITS.years).optional(),
  /** replace the binning by this many equal bins over the same range (Gaussian-response detectors only) */
  uniformBins: z.number().int().min(1).max(SIZE_LIMITS.bins).optional(),
  /** reading of the resolution formula σ(T) (docs/physics.md §D.2) */
  resolutionForm: z.enum(['sqrt-ratio', 'sqrt-product']).optional(),
  source: text.min(1),
});

/**
 * One nuisance parameter shared by several experiments of a combined analysis (e.g. the SNS flux
 * normalisation of CsI and argon): `members` name `<experiment id>/<nuisance>`; the prior defaults
 * to the members' common prior (they must then agree).
 */
export const sharedNuisanceSchema = z.strictObject({
  /** global parameter name */
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'shared nuisance names are lower-case letters, digits, "_" and "-", starting with a letter'),
  members: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*\/[a-z][a-z0-9_-]*$/, 'members are "<experiment id>/<nuisance name>"')).min(2),
  prior: priorSchema.optional(),
  source: z.string().min(3).optional(),
});

/** A whole analysis file. */
export const analysisSchema = z
  .strictObject({
    kind: z.literal('analysis'),
    id: z.string().max(SIZE_LIMITS.idLength, `ids have at most ${SIZE_LIMITS.idLength} characters`).regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"'),
    title: z.string().min(1).max(SIZE_LIMITS.titleLength),
    description: text.optional(),
    source: text.optional(),
    experiments: z.array(z.string().min(1).max(4096)).min(1).max(SIZE_LIMITS.experiments),
    parameters: z.array(analysisParameterSchema).min(1).max(SIZE_LIMITS.parameters),
    fixed: z.record(z.string(), z.number()).default({}),
    experimentOverrides: experimentOverridesSchema.optional(),
    /** statistic of the detector-response experiments (experiments with a `type:` define their own) */
    likelihood: likelihoodSchema.optional(),
    /** nuisances shared between experiments (besides those merged by a common `shared:` key in the experiment files) */
    shared: z.array(sharedNuisanceSchema).optional(),
    published: z.array(publishedIntervalSchema).default([]),
    sampler: samplerSettingsSchema.optional(),
    profile: profileSettingsSchema.default(profileSettingsSchema.parse({})),
    report: reportSettingsSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const listed = new Set<string>();
    a.experiments.forEach((e, i) => {
      if (listed.has(e)) ctx.addIssue({ code: 'custom', message: `experiment ${e} is listed twice`, path: ['experiments', i] });
      listed.add(e);
    });
    const seen = new Set<string>();
    a.parameters.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', message: `parameter ${p.name} is listed twice`, path: ['parameters', i, 'name'] });
      seen.add(p.name);
      if (p.role === 'physics') {
        if (!isEmParameterName(p.name)) {
          ctx.addIssue({ code: 'custom', message: `unknown physics parameter "${p.name}"`, path: ['parameters', i, 'name'] });
        }
        if (!p.prior) ctx.addIssue({ code: 'custom', message: `physics parameter ${p.name} needs a prior`, path: ['parameters', i, 'prior'] });
        if (p.name in a.fixed) ctx.addIssue({ code: 'custom', message: `${p.name} is both free and fixed`, path: ['parameters', i, 'name'] });
      } else if (!/^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9._-]*)?$/.test(p.name)) {
        ctx.addIssue({ code: 'custom', message: `nuisance "${p.name}" must be a nuisance name of an experiment (alpha, beta, or <name>.<experiment> with several experiments)`, path: ['parameters', i, 'name'] });
      }
    });
    // a nuisance of interest (an SM fit of a normalisation) stands in for the physics parameters
    const interest = a.parameters.map((p, i) => [p, i] as const).filter(([p]) => p.interest === true);
    a.parameters.forEach((p, i) => {
      if (p.fixed !== undefined && p.role !== 'nuisance') {
        ctx.addIssue({ code: 'custom', message: `fixed applies to nuisances only (fix physics parameter ${p.name} in the analysis' fixed: block instead)`, path: ['parameters', i, 'fixed'] });
      } else if (p.fixed !== undefined && (p.prior !== undefined || p.scan !== undefined || p.interest === true)) {
        ctx.addIssue({ code: 'custom', message: `nuisance ${p.name} is fixed, so it takes no ${p.prior !== undefined ? 'prior' : p.scan !== undefined ? 'scan' : 'interest'}`, path: ['parameters', i, 'fixed'] });
      }
      if (p.interest !== undefined && p.role !== 'nuisance') {
        ctx.addIssue({ code: 'custom', message: `interest applies to nuisances only (physics parameter ${p.name} is always a parameter of interest)`, path: ['parameters', i, 'interest'] });
      }
    });
    if (interest.length > 1) ctx.addIssue({ code: 'custom', message: `${interest.length} nuisances have interest: true, at most one can be the parameter of interest`, path: ['parameters', interest[1]![1], 'interest'] });
    const physicsCount = a.parameters.filter((p) => p.role === 'physics').length;
    if (interest.length > 0 && physicsCount > 0) {
      ctx.addIssue({ code: 'custom', message: `a nuisance of interest (${interest[0]![0].name}) is for fits without free physics parameters (an SM fit), but this analysis has ${physicsCount}`, path: ['parameters', interest[0]![1], 'interest'] });
    }
    if (physicsCount === 0 && interest.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'at least one physics parameter, or one nuisance with interest: true (an SM fit), is needed', path: ['parameters'] });
    }
    for (const [name, value] of Object.entries(a.fixed)) {
      if (!isEmParameterName(name)) ctx.addIssue({ code: 'custom', message: `unknown parameter "${name}"`, path: ['fixed', name] });
      else {
        // the same ranges as --set (EM_PARAMETERS in src/physics/parameters.ts)
        const problem = emParameterRangeProblem(name, value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['fixed', name] });
      }
    }
    a.parameters.forEach((p, i) => {
      // a physics prior and scan must lie inside the parameter's accepted range
      if (p.role !== 'physics' || !isEmParameterName(p.name)) return;
      const pr = p.prior;
      const ends: Array<[number, string]> = [];
      if (pr && (pr.type === 'uniform' || pr.type === 'loguniform' || pr.type === 'truncnormal')) ends.push([pr.min, 'prior.min'], [pr.max, 'prior.max']);
      if (pr && (pr.type === 'normal' || pr.type === 'truncnormal')) ends.push([pr.mu - 5 * pr.sigma, 'prior.sigma'], [pr.mu + 5 * pr.sigma, 'prior.sigma']);
      if (pr && pr.type === 'halfnormal') ends.push([5 * pr.sigma, 'prior.sigma']);
      if (p.scan) ends.push([p.scan.min, 'scan.min'], [p.scan.max, 'scan.max']);
      for (const [v, key] of ends) {
        const problem = emParameterRangeProblem(p.name, v, true);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `${key}: ${problem}${key === 'prior.sigma' ? ' (mu ± 5 sigma must stay inside it)' : ''}`, path: ['parameters', i, ...key.split('.')] });
          break;
        }
      }
    });
    a.published.forEach((p, i) => {
      if (!a.parameters.some((q) => q.role === 'physics' && q.name === p.parameter)) {
        ctx.addIssue({ code: 'custom', message: `published parameter ${p.parameter} is not a physics parameter of this analysis`, path: ['published', i, 'parameter'] });
      }
    });
    if (a.likelihood && 'asimov' in a.likelihood && a.likelihood.asimov) {
      for (const [name, value] of Object.entries(a.likelihood.asimov)) {
        if (!isEmParameterName(name)) ctx.addIssue({ code: 'custom', message: `unknown parameter "${name}"`, path: ['likelihood', 'asimov', name] });
        else {
          const problem = emParameterRangeProblem(name, value);
          if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['likelihood', 'asimov', name] });
        }
      }
    }
  });

/** A shared-nuisance entry. */
export type SharedNuisance = z.infer<typeof sharedNuisanceSchema>;
/** An analysis file after validation (defaults filled in). */
export type AnalysisSpec = z.infer<typeof analysisSchema>;
/** One parameter entry. */
export type AnalysisParameter = z.infer<typeof analysisParameterSchema>;
/** The likelihood entry. */
export type LikelihoodSettings = z.infer<typeof likelihoodSchema>;
/** Experiment overrides. */
export type ExperimentOverrides = z.infer<typeof experimentOverridesSchema>;
/** A published interval entry. */
export type PublishedInterval = z.infer<typeof publishedIntervalSchema>;
