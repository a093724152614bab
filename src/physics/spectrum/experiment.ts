/**
 * The resolved, validated description of an experiment that the reference spectrum consumes.
 * `src/experiments/loadExperiment.ts` builds it from a model file (and the data files it names);
 * physics code only reads it. All numbers here are plain values: no file handles, no I/O.
 */
import type { Flavor } from '../parameters.js';
import type { FormFactorConfig } from '../nuclei/formFactor.js';
import type { NuclearTargetId } from '../nuclei/nuclearTarget.js';
import type { QuenchingPolynomial } from '../detectors/quenchedEnergy.js';
import type { LogisticEfficiency } from '../detectors/logisticEfficiency.js';
import type { GammaSmearingParameters } from '../detectors/gammaSmearing.js';
import type { GaussianResolution } from '../detectors/gaussianSmearing.js';

/** Detection channels: coherent elastic scattering on nuclei, and elastic scattering on atomic electrons. */
export type Channel = 'cevns' | 'electron';

/** Both channels, in output order. */
export const CHANNELS: readonly Channel[] = Object.freeze(['cevns', 'electron'] as Channel[]);

/** Atom symbols for which an electron-scattering cross section (with Z_eff) exists. */
export type Atom = 'Cs' | 'I' | 'Xe' | 'Ge' | 'Ar';

/** One element of the target material. */
export interface TargetElement {
  /** atom symbol (electron channel) */
  atom: Atom;
  /** nuclear target (isotopes and abundances, CEvNS channel) */
  nucleus: NuclearTargetId;
  /** atoms of this element per formula unit (CsI: 1 Cs + 1 I) */
  atomsPerFormulaUnit: number;
}

/** COHERENT CsI[Na] 2021 response: quenching → gamma smearing in PE → efficiency in PE. */
export interface CoherentCsiResponse {
  /** response type tag */
  type: 'coherent-csi-gamma';
  /** quartic scintillation response (MeVnr → MeVee) */
  quenching: QuenchingPolynomial;
  /** gamma-smearing constants; the mean signal is E_ee / a₀ (13.35 PE/keVee) */
  resolution: GammaSmearingParameters;
  /** energy efficiency in PE */
  efficiency: LogisticEfficiency;
}

/** ESS-style response: Gaussian smearing in energy, constant efficiency. */
export interface GaussianResponse {
  /** response type tag */
  type: 'gaussian';
  /** Gaussian resolution (threshold, σ₀, reading of the formula) */
  resolution: GaussianResolution;
  /** constant detection efficiency (ESS: 0.8) */
  efficiency: number;
  /** quenching of nuclear recoils onto a keVee axis (only when the axis is keVee) */
  nuclearQuenching?: QuenchingPolynomial;
}

/**
 * A response given as a migration matrix (user-supplied binned data, `src/experimentTypes/binned/`):
 * M[i][j] = probability that a nuclear recoil in true bin j (keVnr) is reconstructed in analysis
 * bin i, efficiencies included. Recoils outside the true bins are not detected.
 */
export interface MatrixResponse {
  /** response type tag */
  type: 'matrix';
  /** true recoil-energy bin edges (keVnr, strictly increasing) */
  trueEdges_keV: number[];
  /** row-major [analysis bin][true bin] */
  matrix: Float64Array;
}

/** How the amount of beam is specified. */
export type Exposure =
  | { type: 'fixed' }
  | { type: 'years'; years: number; protonsPerYear: number; livetimeDaysPerYear: number };

/** Beam-related or steady-state background per bin. */
export type BackgroundModel =
  | { type: 'fixed'; counts: Float64Array; components: Record<string, Float64Array> }
  | { type: 'flat'; rate_ckkd: number };

/** Observed data per bin. */
export interface ObservedData {
  /** N_obs (e.g. C − AC) */
  counts: Float64Array;
  /** uncertainty σ per bin (e.g. sqrt(C + AC)) */
  sigma: Float64Array;
  /** named raw inputs (e.g. coincident, anticoincident counts) */
  components: Record<string, Float64Array>;
}

/** A fully resolved experiment. */
export interface Experiment {
  /** identifier (file name stem) */
  id: string;
  /** human-readable title */
  title: string;
  /** model file it was loaded from ('' if built in code) */
  file: string;
  /**
   * absolute paths of the data files the loader read (coefficient, event, background-PDF and
   * time-distribution files), in reading order; empty when built in code. The model hash covers
   * their bytes.
   */
  dataFiles: string[];
  /** target material */
  target: {
    /** detector (active) mass in kg */
    mass_kg: number;
    /** molar mass of one formula unit in g/mol */
    molarMass_g_per_mol: number;
    /** elements per formula unit */
    elements: TargetElement[];
    /** nuclear form factor used for every nucleus */
    formFactor: FormFactorConfig;
  };
  /** π-DAR source */
  beam: {
    /** source name */
    id: string;
    /** neutrinos per flavour per proton r */
    nuPerFlavorPerProton: number;
    /** protons on target (used when exposure.type = 'fixed') */
    protonsOnTarget: number;
    /** source–detector distance in m */
    baseline_m: number;
  };
  /** exposure */
  exposure: Exposure;
  /** channels included in the prediction */
  channels: Channel[];
  /** unit of the bin edges (a matrix response may use any reconstructed quantity) */
  unit: 'PE' | 'keVnr' | 'keVee' | (string & {});
  /** bin edges (strictly increasing) */
  edges: number[];
  /** detector response */
  response: CoherentCsiResponse | GaussianResponse | MatrixResponse;
  /** multiplicative timing-efficiency factor per flavour (1 when timing is not used) */
  timingFactors: Record<Flavor, number>;
  /** observed data, if any */
  observed?: ObservedData;
  /** background model, if any */
  background?: BackgroundModel;
}
