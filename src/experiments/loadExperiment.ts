/**
 * Loads an experiment model file (YAML or JSON), validates it with {@link experimentSchema},
 * reads the data files it names and returns the frozen, resolved {@link Experiment} that the
 * reference spectrum consumes. Every number derived from a release (binned C/AC counts,
 * BRN/NIN per bin, response coefficients) is computed here from the files, never typed in, and
 * every file read is listed in the experiment's `dataFiles` (the model hash covers their bytes).
 *
 * Errors are UserErrors naming the file and the path inside it:
 * `models/experiments/x.yaml: target.mass_kg: Too small: expected number to be >0. Fix: …`.
 */
import { existsSync } from 'node:fs';
import { readRegularFile } from '../util/readRegularFile.js';
import { fileExists } from '../util/inMemoryFiles.js';
import { rejectControlCharacters } from './controlCharacters.js';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../cli/userError.js';
import { maxRecoil_keV } from '../physics/crossSections/kinematics.js';
import { binnedTemplate } from '../physics/detectors/binnedTemplate.js';
import { histogramCounts } from '../physics/detectors/histogramCounts.js';
import { roiEventsFromTimeDistribution } from '../physics/detectors/roiEventsFromTimeDistribution.js';
import { meanTimingEfficiency } from '../physics/detectors/timingEfficiency.js';
import { quenchedEnergy_keVee, type QuenchingPolynomial } from '../physics/detectors/quenchedEnergy.js';
import type { LogisticEfficiency } from '../physics/detectors/logisticEfficiency.js';
import { essProtonsPerYear, MAX_NEUTRINO_ENERGY_MeV } from '../physics/fluxes/index.js';
import { nuclearTarget, type NuclearTargetId } from '../physics/nuclei/nuclearTarget.js';
import type { Flavor } from '../physics/parameters.js';
import type { Atom, BackgroundModel, Experiment, ObservedData } from '../physics/spectrum/experiment.js';
import { ATOMIC_MASS_UNIT_GeV, ELECTRON_MASS_GeV } from '../units/constants.js';
import { EFFICIENCY_VARIANTS, experimentSchema, QUENCHING_VARIANTS, type ExperimentFile } from './experimentSchema.js';
import { resolveInsideDir, resolveInsideModelTree } from './modelTreePath.js';
import { findModelFile, modelSearchRoots } from './modelsDirs.js';
import { readNumericTable } from './readNumericTable.js';
import { displayPath, issuePath } from '../util/displayPath.js';

export type { Experiment } from '../physics/spectrum/experiment.js';
export { experimentSchema } from './experimentSchema.js';

/** Relative tolerance of the molar-mass cross-check against the isotope table. */
const MOLAR_MASS_TOLERANCE = 2e-3;



function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `remove the key(s) ${issue.keys.join(', ')} or check their spelling`;
    case 'invalid_union':
    case 'invalid_value':
      return 'use one of the documented choices (see docs/physics.md, "Detectors and spectra")';
    case 'invalid_type':
      return `give a value of type ${issue.expected}`;
    default:
      return 'correct the value';
  }
}

/**
 * Resolves an experiment id or path to a model-file path. Ids are looked up in `extraRoots`
 * (e.g. the model tree of the analysis naming them), then the user's models directories
 * (`--models-dir`, `NUEM_MODELS_DIR`), then nuem's own `models/` (see `modelsDirs.ts`).
 *
 * @param idOrPath - `coherent-csi-2021` (→ <models>/experiments/coherent-csi-2021.yaml) or a file path
 * @param extraRoots - models directories searched first
 * @returns absolute path
 * @throws UserError when nothing is found
 * @example resolveExperimentPath('ess-ge') // returns '<root>/models/experiments/ess-ge.yaml'
 */
export function resolveExperimentPath(idOrPath: string, extraRoots: readonly string[] = []): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(idOrPath) && !existsSync(idOrPath)) {
    const roots = [...new Set([...extraRoots, ...modelSearchRoots()])];
    const p = findModelFile('experiments', idOrPath, roots);
    if (p) return p;
    throw new UserError(idOrPath, 'no experiment with this id', `use a file name (without .yaml) from ${roots.map((r) => join(r, 'experiments')).join(', ')}, or a path to a model file`);
  }
  const abs = resolve(idOrPath);
  if (!fileExists(abs)) throw new UserError(idOrPath, 'file not found', 'check the path');
  return abs;
}

/**
 * Parses and validates a model file without reading its data files.
 *
 * @param absPath - absolute path of the model file
 * @returns the validated file content
 * @throws UserError naming the file and the path inside it
 * @example parseExperimentFile('/…/models/experiments/ess-ge.yaml').detector.type // returns 'gaussian'
 * Reference: docs/architecture.md.
 */
export function parseExperimentFile(absPath: string): ExperimentFile {
  const shown = displayPath(absPath);
  const text = readRegularFile(absPath, shown, 'check the path of the experiment file');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new UserError(shown, `not valid YAML/JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, 'fix the syntax');
  }
  rejectControlCharacters(raw, shown);
  const r = experimentSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${shown}: ${issuePath(issue.path)}`, issue.message, fixFor(issue));
  }
  return r.data;
}

/** Reads a numeric table and records its absolute path in `read` (the experiment's `dataFiles`). */
function readDataTable(read: string[], path: string, where: string, columns: number): number[][] {
  read.push(path);
  return readNumericTable(path, where, columns);
}

function coefficientLine(read: string[], dataDir: string, file: string, variants: readonly string[], variant: string, where: string): [number, number, number, number] {
  const rows = readDataTable(read, join(dataDir, file), where, 4);
  if (rows.length !== variants.length) {
    throw new UserError(where, `${file} has ${rows.length} coefficient lines, expected ${variants.length} (${variants.join(', ')})`, 'point to the unchanged release file');
  }
  return rows[variants.indexOf(variant)] as [number, number, number, number];
}

function molarMassFromIsotopes(f: Pick<ExperimentFile, "target">): number {
  let m = 0;
  for (const el of f.target.elements) {
    for (const iso of nuclearTarget(el.nucleus as NuclearTargetId).isotopes) {
      m += el.atomsPerFormulaUnit * iso.abundance * ((iso.mass_GeV + iso.Z * ELECTRON_MASS_GeV) / ATOMIC_MASS_UNIT_GeV);
    }
  }
  return m;
}

function checkTemplateEdges(centres: number[], edges: readonly number[], where: string): void {
  const halfWidth = centres.length > 1 ? 0.5 * (centres[1]! - centres[0]!) : 0.5;
  for (const e of edges) {
    const onBoundary = centres.some((c) => Math.abs(c - halfWidth - e) < 1e-9 || Math.abs(c + halfWidth - e) < 1e-9);
    if (!onBoundary) throw new UserError(where, `bin edge ${e} does not fall on a boundary of the template's fine bins`, 'choose edges on the template grid (whole PE for the COHERENT files)');
  }
}

function loadCoherent(d: Extract<ExperimentFile['detector'], { type: 'coherent-csi-2021' }>, fileDir: string, shown: string) {
  const at = (p: string): string => `${shown}: detector.${p}`;
  const dataDir = resolveInsideModelTree(fileDir, d.dataDir, fileDir, at('dataDir'));
  // every data file named in the detector block stays inside dataDir
  for (const [key, f] of [
    ['quenching.file', d.quenching.file],
    ['efficiency.file', d.efficiency.file],
    ['events.coincident', d.events.coincident],
    ['events.anticoincident', d.events.anticoincident],
    ...Object.entries(d.backgrounds).flatMap(([n, b]) => [[`backgrounds.${n}.energyPdf`, b.energyPdf], [`backgrounds.${n}.timeDistribution`, b.timeDistribution]]),
  ] as Array<[string, string | undefined]>) {
    if (f !== undefined) resolveInsideDir(dataDir, f, at(key));
  }
  const dataFiles: string[] = [];
  const quenching = coefficientLine(dataFiles, dataDir, d.quenching.file, QUENCHING_VARIANTS, d.quenching.variant, at('quenching.file')) as QuenchingPolynomial;
  const efficiency = coefficientLine(dataFiles, dataDir, d.efficiency.file, EFFICIENCY_VARIANTS, d.efficiency.variant, at('efficiency.file')) as LogisticEfficiency;
  const edges = [...d.edges_PE];
  const [t0, t1] = d.events.timeWindow_us;
  const eventCounts = (file: string, key: string): Float64Array => {
    const rows = readDataTable(dataFiles, join(dataDir, file), at(key), 2);
    return histogramCounts(
      rows.map((r) => r[0]!),
      edges,
      (i) => rows[i]![1]! >= t0 && rows[i]![1]! < t1,
    );
  };
  const C = eventCounts(d.events.coincident, 'events.coincident');
  const AC = eventCounts(d.events.anticoincident, 'events.anticoincident');
  if (C.reduce((x, y) => x + y, 0) + AC.reduce((x, y) => x + y, 0) === 0) {
    throw new UserError(at('events.timeWindow_us'), `no coincident or anticoincident event falls in the time window [${t0}, ${t1}] µs and the bins ${edges[0]}–${edges[edges.length - 1]} PE`, 'choose a time window and binning that contain events (the release covers 0–12 µs and 0–60 PE)');
  }
  const observed: ObservedData = {
    counts: C.map((c, i) => c - AC[i]!),
    sigma: C.map((c, i) => Math.sqrt(c + AC[i]!)),
    components: { coincident: C, anticoincident: AC },
  };
  const components: Record<string, Float64Array> = {};
  const total = new Float64Array(edges.length - 1);
  for (const [name, b] of Object.entries(d.backgrounds)) {
    const pe = readDataTable(dataFiles, join(dataDir, b.energyPdf), at(`backgrounds.${name}.energyPdf`), 2);
    const centres = pe.map((r) => r[0]!);
    const values = pe.map((r) => r[1]!);
    checkTemplateEdges(centres, edges, at(`backgrounds.${name}.energyPdf`));
    let events: number;
    if (b.normalisation.type === 'fixed') events = b.normalisation.events;
    else {
      const tr = readDataTable(dataFiles, join(dataDir, b.timeDistribution), at(`backgrounds.${name}.timeDistribution`), 2);
      events = roiEventsFromTimeDistribution(
        tr.map((r) => r[0]!),
        tr.map((r) => r[1]!),
        [t0, t1],
        centres,
        values,
        [edges[0]!, edges[edges.length - 1]!],
      );
    }
    const counts = binnedTemplate(centres, values, edges, events);
    components[name] = counts;
    for (let i = 0; i < total.length; i++) total[i]! += counts[i]!;
  }
  const background: BackgroundModel = { type: 'fixed', counts: total, components };
  const te = d.timingEfficiency;
  let prompt = 1;
  let delayed = 1;
  if (te.type === 'fixed') ({ prompt, delayed } = te);
  else if (te.type === 'computed') {
    const model = {
      plateauEnd_us: te.plateauEnd_us,
      slope_per_us: te.slope_per_us,
      window_us: te.window_us,
      pionLifetime_us: te.pionLifetime_us,
      muonLifetime_us: te.muonLifetime_us,
      ...(te.beamPulse ? { beamPulse: { center_us: te.beamPulse.center_us, sigma_us: te.beamPulse.sigma_us } } : {}),
    };
    prompt = meanTimingEfficiency('prompt', model);
    delayed = meanTimingEfficiency('delayed', model);
  }
  return {
    unit: 'PE' as const,
    edges,
    response: { type: 'coherent-csi-gamma' as const, quenching, resolution: { a0_keVee: d.resolution.a0_keVee, b0_per_keVee: d.resolution.b0_per_keVee }, efficiency },
    timingFactors: { numu: prompt, nue: delayed, numubar: delayed } as Record<Flavor, number>,
    observed,
    background,
    dataFiles,
  };
}

function loadGaussian(f: ExperimentFile, d: Extract<ExperimentFile['detector'], { type: 'gaussian' }>, fileDir: string, shown: string) {
  let nuclearQuenching: QuenchingPolynomial | undefined;
  const dataFiles: string[] = [];
  if (d.nuclearQuenching) {
    const q = d.nuclearQuenching;
    const dataDir = resolveInsideModelTree(fileDir, q.dataDir, fileDir, `${shown}: detector.nuclearQuenching.dataDir`);
    resolveInsideDir(dataDir, q.file, `${shown}: detector.nuclearQuenching.file`);
    nuclearQuenching = coefficientLine(dataFiles, dataDir, q.file, QUENCHING_VARIANTS, q.variant, `${shown}: detector.nuclearQuenching.file`) as QuenchingPolynomial;
  }
  let edges: number[];
  if (d.binning.type === 'explicit') edges = [...d.binning.edges_keV];
  else {
    let top: number;
    if (d.binning.to.type === 'value') top = d.binning.to.keV;
    else {
      const lightest = Math.min(...f.target.elements.flatMap((el) => nuclearTarget(el.nucleus as NuclearTargetId).isotopes.map((i) => i.mass_GeV)));
      top = maxRecoil_keV(MAX_NEUTRINO_ENERGY_MeV, lightest);
      if (nuclearQuenching) top = quenchedEnergy_keVee(top, nuclearQuenching);
    }
    if (!(top > d.threshold_keV)) {
      throw new UserError(`${shown}: detector.binning.to`, `upper end ${top} keV is not above the threshold ${d.threshold_keV} keV`, 'raise the upper end or lower the threshold');
    }
    const n = d.binning.bins;
    edges = Array.from({ length: n + 1 }, (_, i) => (i === n ? top : d.threshold_keV + ((top - d.threshold_keV) * i) / n));
  }
  return {
    unit: d.unit,
    edges,
    response: {
      type: 'gaussian' as const,
      resolution: { sigma0_keV: d.sigma0_keV, threshold_keV: d.threshold_keV, form: d.resolutionForm },
      efficiency: d.efficiency,
      ...(nuclearQuenching ? { nuclearQuenching } : {}),
    },
    timingFactors: { numu: 1, nue: 1, numubar: 1 } as Record<Flavor, number>,
    background: { type: 'flat' as const, rate_ckkd: d.background_ckkd },
    dataFiles,
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !ArrayBuffer.isView(o) && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/**
 * Loads, validates and resolves an experiment.
 *
 * @param idOrPath - experiment id (models/experiments/<id>.yaml under the package root) or a path to a model file
 * @returns the frozen experiment
 * @throws UserError naming the file and the path inside it for any invalid input
 * @example loadExperiment('coherent-csi-2021').observed.components.coincident // C per PE bin, sums to 1578
 * Reference: docs/architecture.md; docs/physics.md §D.1 (COHERENT), §D.2 (ESS).
 */
export function loadExperiment(idOrPath: string): Experiment {
  const abs = resolveExperimentPath(idOrPath);
  return resolveExperimentFile(parseExperimentFile(abs), abs);
}

/** The parts of an experiment file that do not depend on its detector: target, beam, exposure, channels. */
export type ExperimentFileCommon = Pick<ExperimentFile, 'id' | 'title' | 'target' | 'beam' | 'channels'>;

/**
 * Target, beam, exposure and channels of an experiment file, resolved (molar mass cross-checked
 * against the isotope table); the detector-independent part of {@link resolveExperimentFile}, also
 * used by experiment types with their own response (`src/experimentTypes/binned/`).
 *
 * @param f - the validated common blocks
 * @param abs - absolute path of the model file
 * @param at - prefix of the paths in error messages (e.g. `physics.` when the blocks are nested)
 * @returns everything of an {@link Experiment} except unit, edges, response, timing factors, data and background
 * @throws UserError for an inconsistent molar mass
 */
export function resolveExperimentCommon(f: ExperimentFileCommon, abs: string, at = ''): Omit<Experiment, 'unit' | 'edges' | 'response' | 'timingFactors' | 'observed' | 'background' | 'dataFiles'> {
  const shown = displayPath(abs);
  const fromIsotopes = molarMassFromIsotopes(f);
  if (Math.abs(fromIsotopes / f.target.molarMass_g_per_mol - 1) > MOLAR_MASS_TOLERANCE) {
    throw new UserError(
      `${shown}: ${at}target.molarMass_g_per_mol`,
      `${f.target.molarMass_g_per_mol} g/mol disagrees with ${fromIsotopes.toFixed(4)} g/mol from the elements' isotopes`,
      'check the elements and the molar mass',
    );
  }
  const ex = f.beam.exposure;
  const exposure: Experiment['exposure'] =
    ex.type === 'fixed'
      ? { type: 'fixed' }
      : {
          type: 'years',
          years: ex.years,
          protonsPerYear:
            ex.protonsPerYear.type === 'fixed'
              ? ex.protonsPerYear.value
              : essProtonsPerYear(ex.protonsPerYear.power_MW, ex.protonsPerYear.protonEnergy_GeV, ex.protonsPerYear.hoursPerYear),
          livetimeDaysPerYear: ex.backgroundDaysPerYear,
        };
  return {
    id: f.id,
    title: f.title,
    file: abs,
    target: {
      mass_kg: f.target.mass_kg,
      molarMass_g_per_mol: f.target.molarMass_g_per_mol,
      elements: f.target.elements.map((e) => ({ atom: e.atom as Atom, nucleus: e.nucleus as NuclearTargetId, atomsPerFormulaUnit: e.atomsPerFormulaUnit })),
      formFactor:
        f.target.formFactor.type === 'helm'
          ? { type: 'helm', rn_fm: f.target.formFactor.rn_fm, s_fm: f.target.formFactor.s_fm }
          : { type: 'klein-nystrand', rA_coefficient_fm: f.target.formFactor.rA_coefficient_fm, a_fm: f.target.formFactor.a_fm },
    },
    beam: {
      id: f.beam.id,
      nuPerFlavorPerProton: f.beam.nuPerFlavorPerProton,
      protonsOnTarget: ex.type === 'fixed' ? ex.protonsOnTarget : 0,
      baseline_m: f.beam.baseline_m,
    },
    exposure,
    channels: [...f.channels],
  };
}

/**
 * Resolves a validated experiment file: reads the data files of its detector and returns the
 * frozen {@link Experiment}.
 *
 * @param f - the validated file (see {@link parseExperimentFile})
 * @param abs - its absolute path (data paths resolve against it)
 * @returns the frozen experiment
 * @throws UserError naming the file and the path inside it for any invalid input
 */
export function resolveExperimentFile(f: ExperimentFile, abs: string): Experiment {
  const shown = displayPath(abs);
  const fileDir = dirname(abs);
  const common = resolveExperimentCommon(f, abs);
  const det = f.detector.type === 'coherent-csi-2021' ? loadCoherent(f.detector, fileDir, shown) : loadGaussian(f, f.detector, fileDir, shown);
  const exp: Experiment = { ...common, ...det };
  return deepFreeze(exp);
}

/**
 * The same experiment with another exposure in years (ESS-type files only).
 *
 * @param exp - experiment
 * @param years - exposure in years (> 0)
 * @param where - location for error messages (e.g. `--exposure-years`)
 * @returns a new frozen experiment
 * @throws UserError for a fixed-exposure experiment or a non-positive value
 * @example withExposureYears(loadExperiment('ess-ge'), 3).exposure // { type: 'years', years: 3, … }
 * Reference: docs/physics.md §D.2 (exposure is a parameter).
 */
export function withExposureYears(exp: Experiment, years: number, where = '--exposure-years'): Experiment {
  if (!(years > 0) || !Number.isFinite(years)) throw new UserError(where, `exposure must be a positive number of years, got ${years}`, 'give e.g. --exposure-years 3');
  if (exp.exposure.type !== 'years') {
    throw new UserError(where, `experiment ${exp.id} has a fixed exposure (protons on target from its data release)`, 'drop --exposure-years for this experiment');
  }
  return deepFreeze({ ...exp, exposure: { ...exp.exposure, years } });
}
