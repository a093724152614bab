/**
 * Schema of experiment model files (`models/experiments/*.yaml`; docs/models.md). Units are part of
 * the key names, choices are tagged unions, every literature value sits next to a `source`, and
 * cross-field rules (sorted edges, positive masses, fractions, consistent channels) are checked
 * at load time. Data-file names resolve inside `dataDir`, which resolves against the model file's
 * directory unless absolute.
 */
import { z } from 'zod';
import { NUCLEAR_TARGET_IDS } from '../physics/nuclei/nuclearTarget.js';
import { MAGNITUDE_LIMITS as M, SIZE_LIMITS } from './inputLimits.js';

const positive = z.number().positive();
/** a positive magnitude with the documented upper bound of src/experiments/inputLimits.ts */
const upTo = (max: number) => positive.max(max, `values above ${max} are outside the supported range (docs/limits.md)`);
const energy = z.number().min(0).max(M.energy, `values above ${M.energy} are outside the supported range (docs/limits.md)`);
const time = z.number().min(-M.time_us).max(M.time_us, `times beyond ±${M.time_us} µs are outside the supported range`);
const source = z.string().min(3).max(SIZE_LIMITS.textLength);
const fileName = z.string().min(1).max(1024);
const strictlyIncreasing = (a: readonly number[]): boolean => a.every((v, i) => i === 0 || v > a[i - 1]!);

/** Form factor (tagged union), parameters in fm. */
export const formFactorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('helm'), rn_fm: upTo(M.radius_fm), s_fm: upTo(M.radius_fm), source }),
  z.strictObject({ type: z.literal('klein-nystrand'), rA_coefficient_fm: upTo(M.radius_fm), a_fm: upTo(M.radius_fm), source }),
]);

/** One element of the target material. */
export const targetElementSchema = z.strictObject({
  atom: z.enum(['Cs', 'I', 'Xe', 'Ge', 'Ar']),
  nucleus: z.enum(NUCLEAR_TARGET_IDS as unknown as [string, ...string[]]),
  atomsPerFormulaUnit: z.number().int().positive().max(1000),
});

/** Target material. */
export const targetSchema = z.strictObject({
  mass_kg: upTo(M.mass_kg),
  molarMass_g_per_mol: upTo(M.molarMass_g_per_mol),
  elements: z.array(targetElementSchema).min(1).max(16),
  formFactor: formFactorSchema,
  source,
});

/** Protons per year: a fixed number or from beam power, proton energy and hours. */
export const protonsPerYearSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), value: upTo(M.protonsPerYear), source }),
  z.strictObject({ type: z.literal('beam'), power_MW: upTo(M.power_MW), protonEnergy_GeV: upTo(M.protonEnergy_GeV), hoursPerYear: upTo(M.hoursPerYear), source }),
]);

/** Exposure: a fixed number of protons on target, or years of running. */
export const exposureSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), protonsOnTarget: upTo(M.protonsOnTarget), source }),
  z.strictObject({
    type: z.literal('years'),
    years: upTo(M.years),
    protonsPerYear: protonsPerYearSchema,
    /** days per year over which the steady-state background accumulates (calendar: 365.25) */
    backgroundDaysPerYear: positive.max(366),
    source,
  }),
]);

/** π-DAR source and exposure. */
export const beamSchema = z.strictObject({
  id: z.string().min(1).max(SIZE_LIMITS.idLength),
  nuPerFlavorPerProton: upTo(M.nuPerFlavorPerProton),
  baseline_m: upTo(M.baseline_m),
  exposure: exposureSchema,
  source,
});

const coefficientFile = <T extends [string, ...string[]]>(variants: T) =>
  z.strictObject({ file: fileName, variant: z.enum(variants), source });

/** Quenching-curve variants, in the order of the lines of scintRespCoefficients.txt. */
export const QUENCHING_VARIANTS = ['nominal', 'model0-plus1sigma', 'model0-minus1sigma', 'model1-plus1sigma', 'model1-minus1sigma'] as const;
/** Efficiency-curve variants, in the order of the lines of effCoefficients.txt (the third is the −1σ side although the file labels it "+1 sigma"). */
export const EFFICIENCY_VARIANTS = ['nominal', 'plus1sigma', 'minus1sigma'] as const;

/** Timing efficiency: not used, fixed factors, or computed from ε_T(t) and the decay-time profiles. */
export const timingEfficiencySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('fixed'), prompt: z.number().min(0).max(1), delayed: z.number().min(0).max(1), source }),
  z
    .strictObject({
      type: z.literal('computed'),
      plateauEnd_us: time.min(0),
      slope_per_us: z.number().min(0).max(1e6),
      window_us: z.tuple([time, time]),
      pionLifetime_us: upTo(M.time_us),
      muonLifetime_us: upTo(M.time_us),
      beamPulse: z.strictObject({ center_us: time, sigma_us: upTo(M.time_us), source }).optional(),
      source,
    })
    .refine((t) => t.window_us[1] > t.window_us[0], { message: 'window_us[1] must be greater than window_us[0]', path: ['window_us'] })
    .refine((t) => t.muonLifetime_us !== t.pionLifetime_us, { message: 'muon and pion lifetimes must differ', path: ['muonLifetime_us'] }),
]);

/** A released background template with its ROI normalisation. */
export const releaseBackgroundSchema = z.strictObject({
  energyPdf: fileName,
  timeDistribution: fileName,
  normalisation: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), events: z.number().min(0).max(M.backgroundEvents), source }),
    z.strictObject({ type: z.literal('time-distribution') }),
  ]),
});

/** COHERENT CsI[Na] 2021 detector from the release files. */
export const coherentDetectorSchema = z
  .strictObject({
    type: z.literal('coherent-csi-2021'),
    dataDir: z.string().min(1).max(4096),
    edges_PE: z.array(energy).min(2).max(SIZE_LIMITS.bins + 1),
    quenching: coefficientFile([...QUENCHING_VARIANTS]),
    resolution: z.strictObject({ a0_keVee: upTo(M.energy), b0_per_keVee: upTo(1e6), source }),
    efficiency: coefficientFile([...EFFICIENCY_VARIANTS]),
    timingEfficiency: timingEfficiencySchema,
    events: z.strictObject({
      coincident: fileName,
      anticoincident: fileName,
      timeWindow_us: z.tuple([time, time]),
      source,
    }),
    backgrounds: z.record(z.string().max(SIZE_LIMITS.idLength).regex(/^[a-z][a-z0-9-]*$/), releaseBackgroundSchema),
    source,
  })
  .refine((d) => strictlyIncreasing(d.edges_PE), { message: 'bin edges must be strictly increasing', path: ['edges_PE'] })
  .refine((d) => d.events.timeWindow_us[1] > d.events.timeWindow_us[0], { message: 'timeWindow_us[1] must be greater than timeWindow_us[0]', path: ['events', 'timeWindow_us'] });

/** Recoil binning of a Gaussian-response detector. */
export const gaussianBinningSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('explicit'), edges_keV: z.array(energy).min(2).max(SIZE_LIMITS.bins + 1) }),
  z.strictObject({
    type: z.literal('uniform'),
    bins: z.number().int().positive().max(SIZE_LIMITS.bins, `at most ${SIZE_LIMITS.bins} bins are supported`),
    /** upper end: the kinematic endpoint of the lightest isotope (for m_μ/2 neutrinos), or a value */
    to: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('nuclear-endpoint') }), z.strictObject({ type: z.literal('value'), keV: upTo(M.energy), source })]),
  }),
]);

/** ESS-style detector: Gaussian smearing, threshold, constant efficiency, flat background. */
export const gaussianDetectorSchema = z
  .strictObject({
    type: z.literal('gaussian'),
    unit: z.enum(['keVnr', 'keVee']),
    threshold_keV: upTo(M.energy),
    sigma0_keV: upTo(M.energy),
    resolutionForm: z.enum(['sqrt-ratio', 'sqrt-product']),
    efficiency: z.number().gt(0).max(1),
    background_ckkd: z.number().min(0).max(M.background_ckkd),
    binning: gaussianBinningSchema,
    nuclearQuenching: z.strictObject({ dataDir: z.string().min(1).max(4096), file: fileName, variant: z.enum([...QUENCHING_VARIANTS]), source }).optional(),
    source,
  })
  .refine((d) => d.binning.type !== 'explicit' || strictlyIncreasing(d.binning.edges_keV), {
    message: 'bin edges must be strictly increasing',
    path: ['binning', 'edges_keV'],
  })
  .refine((d) => d.binning.type !== 'explicit' || d.binning.edges_keV[0]! >= d.threshold_keV, {
    message: 'the first bin edge must not lie below the threshold',
    path: ['binning', 'edges_keV', 0],
  })
  .refine((d) => d.unit !== 'keVee' || d.nuclearQuenching !== undefined, {
    message: 'a keVee axis needs nuclearQuenching to place nuclear recoils on it',
    path: ['nuclearQuenching'],
  })
  .refine((d) => d.unit !== 'keVnr' || d.nuclearQuenching === undefined, {
    message: 'nuclearQuenching is only meaningful on a keVee axis',
    path: ['nuclearQuenching'],
  });

/** An experiment model file. */
export const experimentSchema = z
  .strictObject({
    kind: z.literal('experiment'),
    id: z.string().max(SIZE_LIMITS.idLength, `ids have at most ${SIZE_LIMITS.idLength} characters`).regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes'),
    title: z.string().min(1).max(SIZE_LIMITS.titleLength),
    description: z.string().max(SIZE_LIMITS.textLength).optional(),
    target: targetSchema,
    beam: beamSchema,
    channels: z.array(z.enum(['cevns', 'electron'])).min(1),
    detector: z.discriminatedUnion('type', [coherentDetectorSchema, gaussianDetectorSchema]),
  })
  .refine((e) => new Set(e.channels).size === e.channels.length, { message: 'channels must not repeat', path: ['channels'] })
  .refine((e) => !(e.detector.type === 'gaussian' && e.detector.unit === 'keVnr' && e.channels.includes('electron')), {
    message: 'the electron channel needs an electron-equivalent axis (unit keVee, or the COHERENT PE axis)',
    path: ['channels'],
  })
  .refine((e) => !(e.detector.type === 'coherent-csi-2021' && e.beam.exposure.type !== 'fixed'), {
    message: 'the COHERENT release corresponds to a fixed exposure (type: fixed)',
    path: ['beam', 'exposure', 'type'],
  })
  .refine((e) => !(e.detector.type === 'gaussian' && e.beam.exposure.type !== 'years'), {
    message: 'a flat ckkd background needs an exposure in years (type: years)',
    path: ['beam', 'exposure', 'type'],
  });

/** A validated experiment file, as written (before data files are read). */
export type ExperimentFile = z.infer<typeof experimentSchema>;
