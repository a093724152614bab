/**
 * The file format of `type: binned` experiments: a user's own binned counts with the physics of
 * nuem (target, beam, exposure as in detector-response files), a detector response (the existing
 * detector blocks, or a migration matrix from true nuclear-recoil energy to the analysis bins), a
 * background per bin with its uncertainty, and the statistic. docs/models.md has a worked example.
 * @module
 */
import { z } from 'zod';
import { beamSchema, coherentDetectorSchema, gaussianDetectorSchema, targetSchema } from '../../experiments/experimentSchema.js';
import { NUISANCE_NAME } from '../../experimentModel/nuisanceSchema.js';

const source = z.string().min(3);
const nonNegative = z.number().min(0);
const strictlyIncreasing = (a: readonly number[]): boolean => a.every((v, i) => i === 0 || v > a[i - 1]!);
const sharedKey = z.string().regex(NUISANCE_NAME, 'sharing keys are lower-case letters, digits, "_" and "-", starting with a letter');

/** A migration matrix from true recoil energy (keVnr) to the analysis bins. */
export const matrixResponseSchema = z
  .strictObject({
    type: z.literal('matrix'),
    /** true nuclear-recoil energy bins (keVnr) of the matrix columns */
    trueEdges_keVnr: z.array(z.number().min(0)).min(2),
    /** the reconstructed observable of the analysis bins */
    observable: z.strictObject({ name: z.string().min(1), label: z.string().min(1), unit: z.string() }),
    /** analysis bin edges (matrix rows) */
    edges: z.array(z.number()).min(2),
    /** rows = analysis bins, columns = true bins: P(analysis bin i | true bin j), efficiencies included (each entry in [0, 1], each column sums to ≤ 1) */
    matrix: z.array(z.array(z.number().min(0).max(1))).min(1),
    source,
  })
  .refine((r) => strictlyIncreasing(r.trueEdges_keVnr), { message: 'true bin edges must be strictly increasing', path: ['trueEdges_keVnr'] })
  .refine((r) => strictlyIncreasing(r.edges), { message: 'bin edges must be strictly increasing', path: ['edges'] })
  .refine((r) => r.matrix.length === r.edges.length - 1, { message: 'the matrix needs one row per analysis bin', path: ['matrix'] })
  .refine((r) => r.matrix.every((row) => row.length === r.trueEdges_keVnr.length - 1), { message: 'every matrix row needs one entry per true bin', path: ['matrix'] })
  .refine((r) => r.trueEdges_keVnr.slice(0, -1).every((_, j) => r.matrix.reduce((s, row) => s + row[j]!, 0) <= 1 + 1e-9), {
    message: 'a matrix column sums to more than 1 (a recoil cannot be detected with probability > 1)',
    path: ['matrix'],
  });

/** The response: an existing detector block, or a matrix. */
export const binnedResponseSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('detector'), detector: z.discriminatedUnion('type', [coherentDetectorSchema, gaussianDetectorSchema]) }),
  matrixResponseSchema,
]);

/** A normalisation uncertainty: relative 1σ of a (1 + ν) scale factor, ν ~ N(0, relative). */
const normalisationSchema = z.strictObject({ relative: z.number().positive(), source, shared: sharedKey.optional() });

/** The whole `type: binned` experiment file. */
export const binnedExperimentSchema = z
  .strictObject({
    kind: z.literal('experiment'),
    type: z.literal('binned'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string().optional(),
    target: targetSchema,
    beam: beamSchema,
    channels: z.array(z.enum(['cevns', 'electron'])).min(1),
    response: binnedResponseSchema,
    data: z.strictObject({
      /** `poisson` (counts) or `gaussian` (e.g. a background-subtracted spectrum with its σ) */
      statistic: z.enum(['poisson', 'gaussian']),
      counts: z.array(z.number()).min(1),
      /** gaussian only: 1σ per bin */
      sigma: z.array(z.number().positive()).optional(),
      /** 1-based first and last bin used in the likelihood (default: all) */
      bins: z.strictObject({ first: z.number().int().min(1), last: z.number().int().min(1) }).optional(),
      source,
    }),
    background: z
      .strictObject({
        /** expected background events per bin */
        counts: z.array(nonNegative).min(1),
        uncertainty: z.discriminatedUnion('type', [
          z.strictObject({ type: z.literal('none') }),
          /** one nuisance bkg-norm scaling every bin by (1 + ν), ν ~ N(0, relative) */
          z.strictObject({ type: z.literal('normalisation'), relative: z.number().positive(), source, shared: sharedKey.optional() }),
          /** one nuisance bkg-<i> per bin with background > 0: b_i (1 + ν_i), ν_i ~ N(0, absolute_i / b_i) */
          z.strictObject({ type: z.literal('per-bin'), absolute: z.array(nonNegative).min(1), source }),
        ]),
        source,
      })
      .optional(),
    signal: z.strictObject({ normalisation: normalisationSchema.optional() }).optional(),
  })
  .refine((e) => e.data.statistic !== 'gaussian' || e.data.sigma !== undefined, { message: 'a gaussian statistic needs data.sigma', path: ['data', 'sigma'] })
  .refine((e) => e.data.statistic !== 'poisson' || e.data.counts.every((c) => c >= 0), { message: 'Poisson counts must be >= 0', path: ['data', 'counts'] })
  .refine((e) => e.data.sigma === undefined || e.data.sigma.length === e.data.counts.length, { message: 'data.sigma needs one value per bin', path: ['data', 'sigma'] })
  .refine((e) => !e.background || e.background.counts.length === e.data.counts.length, { message: 'background.counts needs one value per bin of data.counts', path: ['background', 'counts'] })
  .refine((e) => !e.background || e.background.uncertainty.type !== 'per-bin' || e.background.uncertainty.absolute.length === e.data.counts.length, {
    message: 'background.uncertainty.absolute needs one value per bin',
    path: ['background', 'uncertainty', 'absolute'],
  })
  .refine((e) => !e.data.bins || (e.data.bins.last >= e.data.bins.first && e.data.bins.last <= e.data.counts.length), { message: 'data.bins must satisfy 1 <= first <= last <= number of bins', path: ['data', 'bins'] })
  .refine((e) => e.response.type !== 'matrix' || e.channels.every((c) => c === 'cevns'), {
    message: 'a matrix response maps nuclear recoils: use channels: [cevns]',
    path: ['channels'],
  });

/** A validated `type: binned` file. */
export type BinnedExperimentFile = z.infer<typeof binnedExperimentSchema>;
