/**
 * Reads and resolves a `coherent-csi-2021-2d` model file: validates it ({@link csi2dSchema}),
 * loads the energy-only base experiment, reads the release files (events, background PE and time
 * distributions, ±1σ response curves) and returns plain numbers ({@link Csi2dInputs}); no physics
 * is computed here beyond binning counts. Errors are one-line UserErrors naming file and path.
 */
import { readRegularFile } from '../../util/readRegularFile.js';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../cli/userError.js';
import { loadExperiment, resolveExperimentPath } from '../../experiments/loadExperiment.js';
import { resolveInsideDir, resolveInsideModelTree } from '../../experiments/modelTreePath.js';
import { readNumericTable } from '../../experiments/readNumericTable.js';
import type { LogisticEfficiency } from '../../physics/detectors/logisticEfficiency.js';
import type { QuenchingPolynomial } from '../../physics/detectors/quenchedEnergy.js';
import type { TimingEfficiencyModel } from '../../physics/detectors/timingEfficiency.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import type { SnsTimingModel } from '../../physics/timing/snsArrivalTime.js';
import { csi2dSchema, type Csi2dEffect, type Csi2dFile } from './schema.js';
import { resolveNuisance } from '../../experimentModel/nuisanceSchema.js';
import type { NuisanceDeclaration } from '../../experimentModel/types.js';
import { displayPath, issuePath } from '../../util/displayPath.js';

/** Response-curve variants that the systematic morphs interpolate between. */
export const CSI2D_VARIANTS = ['q0plus', 'q0minus', 'q1plus', 'q1minus', 'effplus', 'effminus'] as const;
/** One of {@link CSI2D_VARIANTS}. */
export type Csi2dVariant = (typeof CSI2D_VARIANTS)[number];

/**
 * A declared nuisance (name, prior, nominal, width, source, …; src/experimentModel/types.ts) with
 * its effect on this model. Units: relative for normalisations, σ-units for the morphs, µs for shifts.
 */
export type Csi2dNuisance = NuisanceDeclaration & {
  /** what it changes */
  readonly effect: Csi2dEffect;
};

/** Released fine-binned distribution (centres and contents). */
export interface ReleasedHistogram {
  /** bin centres */
  centres: Float64Array;
  /** contents */
  values: Float64Array;
}

/** Everything the 2-D model needs, resolved from the model file and the release. */
export interface Csi2dInputs {
  /** experiment id */
  id: string;
  /** title */
  title: string;
  /** model file (absolute) */
  file: string;
  /** data files read (absolute), including the base experiment's */
  dataFiles: string[];
  /** energy-only experiment on the 2-D PE edges, timing factors 1 (time enters through the PDFs) */
  base: Experiment;
  /** the same with each ±1σ response curve */
  variants: Record<Csi2dVariant, Experiment>;
  /** PE edges */
  edgesPE: number[];
  /** time edges (µs) */
  edgesT: number[];
  /** arrival-time model */
  timing: SnsTimingModel;
  /** timing efficiency ε_T on the time window [edgesT[0], edgesT[last]) */
  timingEfficiency: TimingEfficiencyModel;
  /** coincident counts, PE-major [nPE × nT] */
  coincident: Float64Array;
  /** anti-coincident counts, PE-major [nPE × nT] */
  anticoincident: Float64Array;
  /** steady-state shape option */
  ssShape: 'factorised' | 'binned';
  /** BRN: PE weights per PE bin (PDF content in the bin / PDF sum over all PE) and the time distribution */
  brn: { peWeights: Float64Array; time: ReleasedHistogram };
  /** NIN: same */
  nin: { peWeights: Float64Array; time: ReleasedHistogram };
  /** nuisances in the order of the file */
  nuisances: Csi2dNuisance[];
}



/**
 * Parses and validates a model file of this type (no data files read).
 *
 * @param absPath - absolute path
 * @returns the validated content
 * @throws UserError naming the file and the path inside it
 * @example parseCsi2dFile('/…/models/experiments/coherent-csi-2021-2d.yaml').binning.edges_us.length // 12
 */
export function parseCsi2dFile(absPath: string): Csi2dFile {
  const shown = displayPath(absPath);
  // regular files only, size-limited (a FIFO or a device is refused before reading)
  const text = readRegularFile(absPath, shown, 'check the path of the experiment file');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new UserError(shown, `not valid YAML/JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, 'fix the syntax');
  }
  const r = csi2dSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${shown}: ${issuePath(issue.path)}`, issue.message, 'correct the value (see docs/reproduction.md, COHERENT CsI 2-D)');
  }
  return r.data;
}

function coefficientLines(path: string, where: string, expected: number): number[][] {
  const rows = readNumericTable(path, where, 4);
  if (rows.length !== expected) throw new UserError(where, `has ${rows.length} coefficient lines, expected ${expected}`, 'point to the unchanged release file');
  return rows;
}

function sameCoefficients(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function pePdfWeights(rows: number[][], edges: readonly number[], where: string): Float64Array {
  const w = rows.length > 1 ? rows[1]![0]! - rows[0]![0]! : 1;
  for (const e of edges) {
    if (!rows.some((r) => Math.abs(r[0]! - 0.5 * w - e) < 1e-9 || Math.abs(r[0]! + 0.5 * w - e) < 1e-9)) {
      throw new UserError(where, `bin edge ${e} PE does not fall on a boundary of the template's ${w}-PE bins`, 'choose PE edges on the template grid (whole PE)');
    }
  }
  let all = 0;
  for (const r of rows) all += r[1]!;
  const out = new Float64Array(edges.length - 1);
  for (const r of rows) {
    const x = r[0]!;
    for (let i = 0; i < out.length; i++) if (x >= edges[i]! && x < edges[i + 1]!) out[i]! += r[1]! / all;
  }
  return out;
}

function binEvents(rows: number[][], edgesPE: readonly number[], edgesT: readonly number[]): Float64Array {
  const nT = edgesT.length - 1;
  const out = new Float64Array((edgesPE.length - 1) * nT);
  const find = (x: number, e: readonly number[]): number => {
    if (!(x >= e[0]!) || !(x < e[e.length - 1]!)) return -1;
    let lo = 0;
    let hi = e.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (e[mid]! <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  for (const r of rows) {
    const i = find(r[0]!, edgesPE);
    const j = find(r[1]!, edgesT);
    if (i >= 0 && j >= 0) out[i * nT + j]! += 1;
  }
  return out;
}

/**
 * Loads a `coherent-csi-2021-2d` model file and the release files it names.
 *
 * @param idOrPath - id (models/experiments/<id>.yaml) or path
 * @returns resolved inputs of the 2-D model
 * @throws UserError for invalid files, inconsistent curves or edges off the template grid
 * @example loadCsi2d('coherent-csi-2021-2d').coincident.reduce((a, b) => a + b) // 1578
 * Reference: arXiv:2110.07730 and its release (models/data/coherent-csi-2021/README.md).
 */
export function loadCsi2d(idOrPath: string): Csi2dInputs {
  const abs = resolveExperimentPath(idOrPath);
  return resolveCsi2dFile(parseCsi2dFile(abs), abs);
}

/**
 * Resolves a validated file: loads the base experiment and reads the release files it names.
 *
 * @param f - validated content
 * @param abs - absolute path of the model file
 * @returns resolved inputs
 * @throws UserError for inconsistent curves, edges off the template grid or unreadable files
 * @example resolveCsi2dFile(parseCsi2dFile(path), path).edgesT.length // 12
 * Reference: arXiv:2110.07730 release (models/data/coherent-csi-2021/README.md).
 */
export function resolveCsi2dFile(f: Csi2dFile, abs: string): Csi2dInputs {
  const shown = displayPath(abs);
  const fileDir = dirname(abs);
  const at = (p: string): string => `${shown}: ${p}`;
  const dataDir = resolveInsideModelTree(fileDir, f.dataDir, fileDir, at('dataDir'));
  const file = (name: string, key: string): string => resolveInsideDir(dataDir, name, at(key));
  const baseRef = /^[a-z0-9][a-z0-9-]*$/.test(f.base) ? f.base : resolve(fileDir, f.base);
  const base0 = loadExperiment(baseRef);
  if (base0.response.type !== 'coherent-csi-gamma') throw new UserError(at('base'), `experiment ${base0.id} has no COHERENT CsI response`, 'name an energy-only COHERENT CsI experiment');
  const dataFiles = [...base0.dataFiles];
  const read = (path: string, where: string, cols: number): number[][] => {
    dataFiles.push(path);
    return readNumericTable(path, where, cols);
  };
  const q = coefficientLines(file(f.systematicCurves.quenching, 'systematicCurves.quenching'), at('systematicCurves.quenching'), 5);
  const e = coefficientLines(file(f.systematicCurves.efficiency, 'systematicCurves.efficiency'), at('systematicCurves.efficiency'), 3);
  dataFiles.push(file(f.systematicCurves.quenching, 'systematicCurves.quenching'), file(f.systematicCurves.efficiency, 'systematicCurves.efficiency'));
  const resp = base0.response;
  if (!sameCoefficients(q[0]!, resp.quenching)) throw new UserError(at('systematicCurves.quenching'), `nominal line differs from the base experiment's quenching curve`, 'use the base experiment with the nominal quenching variant');
  if (!sameCoefficients(e[0]!, resp.efficiency)) throw new UserError(at('systematicCurves.efficiency'), `nominal line differs from the base experiment's efficiency curve`, 'use the base experiment with the nominal efficiency variant');
  const edgesPE = [...f.binning.edges_PE];
  const edgesT = [...f.binning.edges_us];
  const unit = { numu: 1, nue: 1, numubar: 1 };
  const base: Experiment = { ...base0, edges: edgesPE, timingFactors: unit };
  const withResp = (quenching: QuenchingPolynomial, efficiency: LogisticEfficiency): Experiment => ({ ...base, response: { ...resp, quenching, efficiency } });
  const Q = (k: number): QuenchingPolynomial => q[k] as unknown as QuenchingPolynomial;
  const E = (k: number): LogisticEfficiency => e[k] as unknown as LogisticEfficiency;
  const variants: Record<Csi2dVariant, Experiment> = {
    q0plus: withResp(Q(1), resp.efficiency),
    q0minus: withResp(Q(2), resp.efficiency),
    q1plus: withResp(Q(3), resp.efficiency),
    q1minus: withResp(Q(4), resp.efficiency),
    effplus: withResp(resp.quenching, E(1)),
    effminus: withResp(resp.quenching, E(2)),
  };
  const C = binEvents(read(file(f.events.coincident, 'events.coincident'), at('events.coincident'), 2), edgesPE, edgesT);
  const AC = binEvents(read(file(f.events.anticoincident, 'events.anticoincident'), at('events.anticoincident'), 2), edgesPE, edgesT);
  const bg = (name: 'brn' | 'nin') => {
    const b = f.backgrounds[name];
    const pe = read(file(b.energyPdf, `backgrounds.${name}.energyPdf`), at(`backgrounds.${name}.energyPdf`), 2);
    const tr = read(file(b.timeDistribution, `backgrounds.${name}.timeDistribution`), at(`backgrounds.${name}.timeDistribution`), 2);
    return {
      peWeights: pePdfWeights(pe, edgesPE, at(`backgrounds.${name}.energyPdf`)),
      time: { centres: Float64Array.from(tr, (r) => r[0]!), values: Float64Array.from(tr, (r) => r[1]!) },
    };
  };
  return {
    id: f.id,
    title: f.title,
    file: abs,
    dataFiles,
    base,
    variants,
    edgesPE,
    edgesT,
    timing: { pulseMean_us: f.timing.pulse.mean_us, pulseSigma_us: f.timing.pulse.sigma_us, pionLifetime_us: f.timing.pionLifetime_us, muonLifetime_us: f.timing.muonLifetime_us },
    timingEfficiency: {
      plateauEnd_us: f.timing.efficiency.plateauEnd_us,
      slope_per_us: f.timing.efficiency.slope_per_us,
      window_us: [edgesT[0]!, edgesT[edgesT.length - 1]!],
      pionLifetime_us: f.timing.pionLifetime_us,
      muonLifetime_us: f.timing.muonLifetime_us,
    },
    coincident: C,
    anticoincident: AC,
    ssShape: f.steadyState.shape,
    brn: bg('brn'),
    nin: bg('nin'),
    nuisances: f.nuisances.map(({ effect, ...n }) => ({ ...resolveNuisance(n), effect })),
  };
}
