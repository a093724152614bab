/**
 * The YAML form of a nuisance declaration, shared by every experiment type that declares its own
 * nuisances (`nuisances:` of an experiment file), and its resolution to a
 * {@link NuisanceDeclaration} (defaults for `nominal` and `width` from the prior).
 *
 * ```yaml
 * nuisances:
 *   - name: flux                       # unique in the experiment
 *     prior: { type: normal, mu: 0, sigma: 0.10 }
 *     source: "arXiv:2110.07730, Table I: neutrino flux 10%"
 *     shared: sns-flux                 # optional: one parameter with every other sns-flux
 *     label: "SNS flux"                # optional
 *     unit: ""                         # optional
 *     nominal: 0                       # optional (default: the prior's median)
 *     width: 0.10                      # optional (default: the prior's standard deviation)
 * ```
 * @module
 */
import { z } from 'zod';
import { priorMoments, priorSchema, type Prior } from '../sampler/priors.js';
import type { NuisanceDeclaration } from './types.js';

/** Names of nuisances and sharing keys: lower-case letters, digits, `_` and `-`. */
export const NUISANCE_NAME = /^[a-z][a-z0-9_-]*$/;

/** zod schema of one nuisance declaration (see module doc). */
export const nuisanceDeclarationSchema = z.strictObject({
  name: z.string().regex(NUISANCE_NAME, 'nuisance names are lower-case letters, digits, "_" and "-", starting with a letter'),
  prior: priorSchema,
  source: z.string().min(3),
  nominal: z.number().optional(),
  width: z.number().positive().optional(),
  label: z.string().optional(),
  unit: z.string().optional(),
  shared: z.string().regex(NUISANCE_NAME, 'sharing keys are lower-case letters, digits, "_" and "-", starting with a letter').optional(),
});

/** A nuisance declaration as written. */
export type NuisanceDeclarationFile = z.infer<typeof nuisanceDeclarationSchema>;

/** zod schema of a list of declarations with unique names. */
export const nuisanceListSchema = z.array(nuisanceDeclarationSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((n, i) => {
    if (seen.has(n.name)) ctx.addIssue({ code: 'custom', message: `nuisance ${n.name} is declared twice`, path: [i, 'name'] });
    seen.add(n.name);
  });
});

/**
 * The prior's median: the value of "no shift" for the usual nuisance priors (μ of a normal,
 * e^μ of a log-normal, the middle of a uniform range).
 * @param prior - the prior
 * @returns the median (parameter units)
 */
export function priorMedian(prior: Prior): number {
  switch (prior.type) {
    case 'normal':
      return prior.mu;
    case 'truncnormal':
      return Math.min(prior.max, Math.max(prior.min, prior.mu));
    case 'lognormal':
      return Math.exp(prior.mu);
    case 'uniform':
      return 0.5 * (prior.min + prior.max);
    case 'loguniform':
      return Math.sqrt(prior.min * prior.max);
    case 'halfnormal':
      return prior.sigma * 0.6744897501960817;
  }
}

/**
 * Resolves a declaration: defaults `nominal` = prior median, `width` = prior standard deviation.
 * @param n - the declaration as written
 * @returns the declaration the interface uses
 * @example resolveNuisance({ name: 'flux', prior: { type: 'normal', mu: 0, sigma: 0.1 }, source: 'x' }).width // returns 0.1
 */
export function resolveNuisance(n: NuisanceDeclarationFile): NuisanceDeclaration {
  const prior = n.prior as Prior;
  return Object.freeze({
    name: n.name,
    prior,
    nominal: n.nominal ?? priorMedian(prior),
    width: n.width ?? priorMoments(prior).sd,
    source: n.source,
    ...(n.label !== undefined ? { label: n.label } : {}),
    ...(n.unit !== undefined ? { unit: n.unit } : {}),
    ...(n.shared !== undefined ? { shared: n.shared } : {}),
  });
}
