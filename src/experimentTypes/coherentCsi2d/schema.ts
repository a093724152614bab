/**
 * Model-file schema of the COHERENT CsI[Na] 2021 two-dimensional (PE × arrival time) experiment
 * (`type: coherent-csi-2021-2d`, models/experiments/coherent-csi-2021-2d.yaml). Units are in the
 * key names; every literature value sits next to a `source`; every systematic uncertainty is a
 * named nuisance with its prior and its source.
 */
import { z } from 'zod';
import { nuisanceDeclarationSchema } from '../../experimentModel/nuisanceSchema.js';

const source = z.string().min(3);
const strictlyIncreasing = (a: readonly number[]): boolean => a.every((v, i) => i === 0 || v > a[i - 1]!);

/** What a nuisance parameter of this experiment does. */
export const CSI2D_EFFECTS = [
  'signal-normalisation',
  'signal-normalisation-other',
  'quenching-model0',
  'quenching-model1',
  'efficiency',
  'brn-normalisation',
  'nin-normalisation',
  'brn-timing',
  'ss-normalisation',
  'timing-offset',
] as const;

/** One of {@link CSI2D_EFFECTS}. */
export type Csi2dEffect = (typeof CSI2D_EFFECTS)[number];

/** A nuisance declaration (src/experimentModel/nuisanceSchema.ts) with the effect it has on this model. */
export const csi2dNuisanceSchema = nuisanceDeclarationSchema.extend({ effect: z.enum(CSI2D_EFFECTS) });

/** A released background: PE PDF (1-PE bins) and time distribution (events, all PE). */
const releaseBackground = z.strictObject({ energyPdf: z.string().min(1), timeDistribution: z.string().min(1), source });

/** The whole model file. */
export const csi2dSchema = z
  .strictObject({
    kind: z.literal('experiment'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string().optional(),
    type: z.literal('coherent-csi-2021-2d'),
    /** energy-only experiment (id or path) that provides target, beam, quenching, smearing, efficiency */
    base: z.string().min(1),
    dataDir: z.string().min(1),
    binning: z
      .strictObject({ edges_PE: z.array(z.number().min(0)).min(2), edges_us: z.array(z.number()).min(2), source })
      .refine((b) => strictlyIncreasing(b.edges_PE), { message: 'bin edges must be strictly increasing', path: ['edges_PE'] })
      .refine((b) => strictlyIncreasing(b.edges_us), { message: 'bin edges must be strictly increasing', path: ['edges_us'] }),
    systematicCurves: z.strictObject({ quenching: z.string().min(1), efficiency: z.string().min(1), source }),
    events: z.strictObject({ coincident: z.string().min(1), anticoincident: z.string().min(1), source }),
    timing: z.strictObject({
      pulse: z.strictObject({ mean_us: z.number(), sigma_us: z.number().min(0), source }),
      pionLifetime_us: z.number().positive(),
      muonLifetime_us: z.number().positive(),
      lifetimeSource: source,
      efficiency: z.strictObject({ plateauEnd_us: z.number().min(0), slope_per_us: z.number().min(0), source }),
    }),
    steadyState: z.strictObject({ shape: z.enum(['factorised', 'binned']), constraint: z.literal('ac-poisson'), source }),
    backgrounds: z.strictObject({ brn: releaseBackground, nin: releaseBackground }),
    nuisances: z.array(csi2dNuisanceSchema),
    source,
  })
  .refine((f) => new Set(f.nuisances.map((n) => n.name)).size === f.nuisances.length, { message: 'nuisance names must not repeat', path: ['nuisances'] })
  .refine((f) => new Set(f.nuisances.map((n) => n.effect)).size === f.nuisances.length, { message: 'each effect may have one nuisance only', path: ['nuisances'] })
  .refine((f) => f.timing.muonLifetime_us !== f.timing.pionLifetime_us, { message: 'muon and pion lifetimes must differ', path: ['timing', 'muonLifetime_us'] });

/** A validated model file. */
export type Csi2dFile = z.infer<typeof csi2dSchema>;
