/**
 * Reader of the COHERENT CENNS-10 liquid-argon 2020 data release ("Analysis A";
 * models/data/coherent-lar-2020/README.md): the 3-D binned files (reconstructed energy × F90 ×
 * t_trig, 12 × 8 × 10 bins, companion note Table 1), the acceptance table and the parameter
 * YAML. Every row's bin centres are checked against the binning of companion Table 1, so a
 * reordered or truncated file is an error, not a silently wrong template.
 *
 * Source: D. Akimov et al. (COHERENT), PRL 126, 012002 (2021), arXiv:2003.10630, and the data
 * release companion note, arXiv:2006.12659 (Zenodo DOI 10.5281/zenodo.3903810).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../cli/userError.js';
import { readNumericTable } from '../readNumericTable.js';

/** The binning of the release (companion Table 1): 12 energy × 8 F90 × 10 t_trig bins. */
export const LAR_BINNING = Object.freeze({
  /** reconstructed-energy edges in keVee: 0, 10, …, 120 */
  energyEdges_keVee: Object.freeze(Array.from({ length: 13 }, (_, i) => 10 * i)),
  /** F90 edges: 0.50, 0.55, …, 0.90 */
  f90Edges: Object.freeze(Array.from({ length: 9 }, (_, i) => Math.round((0.5 + 0.05 * i) * 100) / 100)),
  /** t_trig edges in µs: −0.1, 0.4, …, 4.9 */
  timeEdges_us: Object.freeze(Array.from({ length: 11 }, (_, i) => Math.round((-0.1 + 0.5 * i) * 10) / 10)),
});

/** Number of energy, F90 and time bins. */
export const LAR_SHAPE = Object.freeze({ nE: 12, nF: 8, nT: 10, nBins: 960 });

/**
 * Flat index of a 3-D bin, in the release's row order (energy outermost, t_trig innermost).
 *
 * @param e - energy bin 0..11
 * @param f - F90 bin 0..7
 * @param t - t_trig bin 0..9
 * @returns (e · 8 + f) · 10 + t
 * @example larBinIndex(1, 0, 0) // returns 80
 */
export function larBinIndex(e: number, f: number, t: number): number {
  return (e * LAR_SHAPE.nF + f) * LAR_SHAPE.nT + t;
}

/** Names of the 3-D files of the release, relative to its folder. */
export const LAR_TEMPLATE_FILES = Object.freeze({
  data: 'datanobkgsub.txt',
  cevns: 'cevnspdf.txt',
  brnPrompt: 'brnpdf.txt',
  brnDelayed: 'delbrnpdf.txt',
  steadyState: 'bkgpdf.txt',
  cevnsF90Plus: 'SystErrors/cevnspdf+1sigF90.txt',
  cevnsF90Minus: 'SystErrors/cevnspdf-1sigF90.txt',
  cevnsTimingMean: 'SystErrors/cevnspdfCEvNSTimingMeanSyst.txt',
  brnEnergyPlus: 'SystErrors/brnpdf+1sigEnergy.txt',
  brnEnergyMinus: 'SystErrors/brnpdf-1sigEnergy.txt',
  brnTimingMeanPlus: 'SystErrors/brnpdf+1sigBRNTimingMean.txt',
  brnTimingMeanMinus: 'SystErrors/brnpdf-1sigBRNTimingMean.txt',
  brnTimingWidth: 'SystErrors/brnpdfBRNTimingWidthSyst.txt',
});

/** Key of a 3-D file of the release. */
export type LarTemplateName = keyof typeof LAR_TEMPLATE_FILES;

/** A value with its 1σ uncertainty, as the YAML gives it. */
export interface ValueWithSigma {
  /** central value */
  value: number;
  /** 1σ uncertainty (0 where the YAML says "negligible") */
  sigma: number;
}

/** The single-value parameters of `LArParametersAnlA.yaml`, in the units named per field. */
export interface LarParameters {
  /** protons on target (YAML: 13.8 E22 POT) */
  protonsOnTarget: number;
  /** source–detector distance in m */
  distance_m: number;
  /** fiducial mass in kg */
  fiducialMass_kg: ValueWithSigma;
  /** QF = a + b·T: a (dimensionless) */
  qfA: ValueWithSigma;
  /** QF = a + b·T: b (per keVnr) */
  qfB: ValueWithSigma;
  /** neutrinos per flavour per proton */
  nuPerFlavorPerProton: ValueWithSigma;
  /** σ/E = resolutionA/√(E/keVee): resolutionA in keVee^½ */
  resolutionA_sqrtkeVee: number;
  /** Gaussian proton-pulse mean (ns) and its uncertainty */
  pulseMean_ns: ValueWithSigma;
  /** Gaussian proton-pulse width σ (ns) */
  pulseWidth_ns: number;
  /** predicted normalisations (events in the 3-D window) with prior widths */
  prediction: { cevns: ValueWithSigma; brnPrompt: ValueWithSigma; brnDelayed: ValueWithSigma; steadyState: ValueWithSigma };
  /** the collaboration's best-fit normalisations with uncertainties */
  bestFit: { cevns: ValueWithSigma; brnPrompt: ValueWithSigma; brnDelayed: ValueWithSigma; steadyState: ValueWithSigma };
}

/** The acceptance table: reconstructed energy (keVee) → efficiency, flat above the last row. */
export interface LarEfficiencyTable {
  /** bin centres in keVee, increasing */
  energy_keVee: Float64Array;
  /** efficiency at each centre */
  efficiency: Float64Array;
}

/** Everything the argon experiment reads from the release. */
export interface LarRelease {
  /** absolute folder of the release copy */
  dir: string;
  /** absolute paths of every file read, in reading order (the model hash covers their bytes) */
  files: string[];
  /** the 3-D templates, 960 values each in `larBinIndex` order */
  templates: Record<LarTemplateName, Float64Array>;
  /** the YAML parameters */
  parameters: LarParameters;
  /** acceptance table */
  efficiency: LarEfficiencyTable;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

/**
 * Reads one 3-D file and checks every row's bin centres against companion Table 1.
 *
 * @param path - absolute path
 * @param where - location for error messages
 * @returns 960 values in `larBinIndex` order (events per bin per 13.8e22 POT)
 * @example readLarTemplate('/…/cevnspdf.txt', 'x').reduce((a, b) => a + b) // returns ~128
 */
export function readLarTemplate(path: string, where: string): Float64Array {
  const rows = readNumericTable(path, where, 4);
  if (rows.length !== LAR_SHAPE.nBins) throw new UserError(path, `expected ${LAR_SHAPE.nBins} rows (12 × 8 × 10 bins), found ${rows.length}`, 'use the unmodified release file');
  const out = new Float64Array(LAR_SHAPE.nBins);
  const { energyEdges_keVee: E, f90Edges: F, timeEdges_us: T } = LAR_BINNING;
  for (let e = 0; e < LAR_SHAPE.nE; e++)
    for (let f = 0; f < LAR_SHAPE.nF; f++)
      for (let t = 0; t < LAR_SHAPE.nT; t++) {
        const i = larBinIndex(e, f, t);
        const r = rows[i]!;
        if (!near(r[0]!, (E[e]! + E[e + 1]!) / 2) || !near(r[1]!, (F[f]! + F[f + 1]!) / 2) || !near(r[2]!, (T[t]! + T[t + 1]!) / 2)) {
          throw new UserError(`${path}:${i + 1}`, `bin centres (${r[0]}, ${r[1]}, ${r[2]}) do not follow the release binning (energy outermost, t_trig innermost)`, 'use the unmodified release file');
        }
        if (!(r[3]! >= 0)) throw new UserError(`${path}:${i + 1}`, `negative content ${r[3]}`, 'use the unmodified release file');
        out[i] = r[3]!;
      }
  return out;
}

function entry(doc: Record<string, unknown>, key: string, file: string): Record<string, unknown> {
  const v = doc[key];
  if (!v || typeof v !== 'object') throw new UserError(file, `${key}: missing`, 'use the unmodified release YAML');
  return v as Record<string, unknown>;
}

function num(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v === 'negligible') return 0;
  throw new UserError(where, `expected a number, found ${JSON.stringify(v)}`, 'use the unmodified release YAML');
}

function withSigma(e: Record<string, unknown>, file: string, key: string, sigmaKey = 'uncertainty'): ValueWithSigma {
  return { value: num(e.value, `${file}: ${key}.value`), sigma: num(e[sigmaKey], `${file}: ${key}.${sigmaKey}`) };
}

function param(e: Record<string, unknown>, name: string, file: string, key: string): Record<string, unknown> {
  const list = e.parameters;
  const p = Array.isArray(list) ? (list as Array<Record<string, unknown>>).find((x) => x?.name === name) : undefined;
  if (!p) throw new UserError(file, `${key}.parameters: no parameter ${name}`, 'use the unmodified release YAML');
  return p;
}

/**
 * Parses `LArParametersAnlA.yaml`.
 *
 * @param path - absolute path of the YAML
 * @returns the parameters (protons on target converted from "E22 POT")
 * @example readLarParameters('/…/LArParametersAnlA.yaml').qfA // returns { value: 0.246, sigma: 0.006 }
 */
export function readLarParameters(path: string): LarParameters {
  let doc: Record<string, unknown>;
  try {
    doc = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(path, `cannot read the release YAML (${(err as Error).message})`, 'check the file');
  }
  const g = (k: string): Record<string, unknown> => entry(doc, k, path);
  const exposure = g('beamExposure');
  if (exposure.units !== 'E22 POT') throw new UserError(path, `beamExposure.units: expected "E22 POT", found ${JSON.stringify(exposure.units)}`, 'use the unmodified release YAML');
  const qf = g('larQF');
  const pulse = g('snsPOTTraceTiming');
  const res = g('energyResolution');
  const pa = (k: string, n: string, e: Record<string, unknown>): ValueWithSigma => {
    const p = param(e, n, path, k);
    return { value: num(p.value, `${path}: ${k}.${n}.value`), sigma: p.uncertainty === undefined ? 0 : num(p.uncertainty, `${path}: ${k}.${n}.uncertainty`) };
  };
  return {
    protonsOnTarget: num(exposure.value, `${path}: beamExposure.value`) * 1e22,
    distance_m: num(g('distanceToTarget').value, `${path}: distanceToTarget.value`),
    fiducialMass_kg: withSigma(g('fiducialMass'), path, 'fiducialMass'),
    qfA: pa('larQF', 'a', qf),
    qfB: pa('larQF', 'b', qf),
    nuPerFlavorPerProton: withSigma(g('neutrinosPerProton'), path, 'neutrinosPerProton'),
    resolutionA_sqrtkeVee: pa('energyResolution', 'a', res).value,
    pulseMean_ns: pa('snsPOTTraceTiming', 'a', pulse),
    pulseWidth_ns: pa('snsPOTTraceTiming', 'b', pulse).value,
    prediction: {
      cevns: withSigma(g('cevnsPredictionNormalization'), path, 'cevnsPredictionNormalization'),
      brnPrompt: withSigma(g('promptBeamRelatedNeutronPredictionNormalization'), path, 'promptBeamRelatedNeutronPredictionNormalization'),
      brnDelayed: withSigma(g('delayedBeamRelatedNeutronPredictionNormalization'), path, 'delayedBeamRelatedNeutronPredictionNormalization'),
      steadyState: withSigma(g('ssBackgroundPredictionNormalization'), path, 'ssBackgroundPredictionNormalization'),
    },
    bestFit: {
      cevns: withSigma(g('cevnsBestfitNormalization'), path, 'cevnsBestfitNormalization', 'uncertainty_stat'),
      brnPrompt: withSigma(g('promptBeamRelatedNeutronBestfitNormalization'), path, 'promptBeamRelatedNeutronBestfitNormalization'),
      brnDelayed: withSigma(g('delayedBeamRelatedNeutronBestfitNormalization'), path, 'delayedBeamRelatedNeutronBestfitNormalization'),
      steadyState: withSigma(g('ssBackgroundBestfitNormalization'), path, 'ssBackgroundBestfitNormalization'),
    },
  };
}

/**
 * Reads the acceptance table `CENNS10AnlAEfficiency.txt` (rows: keVee centre, keVnr centre, efficiency).
 *
 * @param path - absolute path
 * @returns centres (keVee) and efficiencies
 * @example readLarEfficiency('/…/CENNS10AnlAEfficiency.txt').efficiency[79] // returns 0.96345
 */
export function readLarEfficiency(path: string): LarEfficiencyTable {
  const rows = readNumericTable(path, 'CENNS10AnlAEfficiency.txt', 3);
  for (let i = 1; i < rows.length; i++) {
    if (!(rows[i]![0]! > rows[i - 1]![0]!)) throw new UserError(`${path}:${i + 1}`, 'energies must increase', 'use the unmodified release file');
  }
  return { energy_keVee: Float64Array.from(rows, (r) => r[0]!), efficiency: Float64Array.from(rows, (r) => r[2]!) };
}

/**
 * Reads the whole release from a folder laid out as the release (3-D files at the top,
 * alternative PDFs under SystErrors/).
 *
 * @param dir - absolute folder (models/data/coherent-lar-2020)
 * @returns templates, parameters, efficiency and the list of files read
 * @example readLarRelease(dir).templates.data.reduce((a, b) => a + b) // returns 3752
 */
export function readLarRelease(dir: string): LarRelease {
  const files: string[] = [];
  const templates = {} as Record<LarTemplateName, Float64Array>;
  for (const [name, rel] of Object.entries(LAR_TEMPLATE_FILES) as Array<[LarTemplateName, string]>) {
    const p = join(dir, rel);
    files.push(p);
    templates[name] = readLarTemplate(p, rel);
  }
  const yamlPath = join(dir, 'LArParametersAnlA.yaml');
  const effPath = join(dir, 'CENNS10AnlAEfficiency.txt');
  files.push(yamlPath, effPath);
  return { dir, files, templates, parameters: readLarParameters(yamlPath), efficiency: readLarEfficiency(effPath) };
}

/**
 * Projection of a 3-D array onto one axis (sum over the other two).
 *
 * @param values - 960 values in `larBinIndex` order
 * @param axis - 0 energy, 1 F90, 2 t_trig
 * @returns 12, 8 or 10 sums
 * @example projectLar(release.templates.data, 0)[0] // returns 1194
 */
export function projectLar(values: ArrayLike<number>, axis: 0 | 1 | 2): Float64Array {
  const sizes = [LAR_SHAPE.nE, LAR_SHAPE.nF, LAR_SHAPE.nT];
  const out = new Float64Array(sizes[axis]!);
  for (let e = 0; e < LAR_SHAPE.nE; e++)
    for (let f = 0; f < LAR_SHAPE.nF; f++)
      for (let t = 0; t < LAR_SHAPE.nT; t++) out[[e, f, t][axis]!]! += values[larBinIndex(e, f, t)]!;
  return out;
}
