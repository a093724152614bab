/**
 * The registry of experiment types: each type (a YAML `type:` of an experiment model file) says
 * how its file is validated, how its data files are read, which nuisances it declares and how its
 * {@link ExperimentModel} is built for an analysis. Adding an experiment kind means one folder
 * under `src/experimentTypes/<type>/` that calls {@link registerExperimentType}, plus one import
 * line in `src/experimentTypes/index.ts` (see docs/architecture.md).
 *
 * Experiment files without a `type:` are detector-response ("spectrum") experiments; their
 * statistic is chosen by the analysis `likelihood.type` (khan-chi2, asimov-chi2, asimov-poisson,
 * poisson), see `src/experimentTypes/spectrum/`.
 * @module
 */
import type { z } from 'zod';
import type { EmParameterName, EmParams } from '../physics/parameters.js';
import type { ExperimentModel, NuisanceDeclaration } from './types.js';

/** An experiment file after validation and after reading its data files (no physics computed yet). */
export interface ExperimentDefinition<C = unknown> {
  /** Registry type. */
  readonly type: string;
  /** Experiment id (file stem or `id:` of the file). */
  readonly id: string;
  /** Title. */
  readonly title: string;
  /** Absolute path of the model file ('' if built in code). */
  readonly file: string;
  /** Absolute paths of every data file read (the model hash covers their bytes). */
  readonly dataFiles: readonly string[];
  /** The nuisances the experiment declares (name, prior, source, …). */
  readonly nuisances: readonly NuisanceDeclaration[];
  /** Type-specific resolved content (bins, data, templates, …); hashed into the model hash. */
  readonly config: C;
}

/** What an analysis hands a type when it builds the experiment's model. */
export interface BuildContext {
  /** Free EM parameters, θ order. */
  readonly physicsNames: readonly EmParameterName[];
  /** Values of the other EM parameters (defaults of `emParams` for the rest). */
  readonly fixed: Partial<EmParams>;
  /** Where the model file is (for messages). */
  readonly where: string;
}

/** Where a file being loaded lives (for data paths and messages). */
export interface LoadContext {
  /** Absolute path of the model file. */
  readonly file: string;
}

/** One registered experiment type. */
export interface ExperimentType<F = unknown, C = unknown> {
  /** The `type:` value of its model files. */
  readonly type: string;
  /** One line for `nuem list` and docs. */
  readonly description: string;
  /** zod schema of the whole experiment file (`kind: experiment`, `type: <type>`, …). */
  readonly schema: z.ZodType<F>;
  /**
   * Reads the data files a validated file names and resolves it.
   * @param file - the validated file content
   * @param ctx - the file's location
   * @returns the definition; throw `UserError` (file, path, what, fix) for bad content
   */
  load(file: F, ctx: LoadContext): ExperimentDefinition<C>;
  /**
   * Builds the experiment's model for an analysis (physics predictions, templates, data).
   * @param def - the definition `load` returned
   * @param ctx - free and fixed EM parameters
   * @returns the model; its `nuisances` must be `def.nuisances` (same names, same order)
   */
  build(def: ExperimentDefinition<C>, ctx: BuildContext): ExperimentModel;
}

const REGISTRY = new Map<string, ExperimentType>();

/**
 * Registers an experiment type (call once, at module load of its folder).
 * @param t - the type
 * @throws Error if the type name is taken or reserved
 */
export function registerExperimentType<F, C>(t: ExperimentType<F, C>): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(t.type)) throw new Error(`experiment type "${t.type}": use lower-case letters, digits and dashes`);
  if (t.type === 'spectrum') throw new Error('experiment type "spectrum" is reserved for detector-response experiment files without a type');
  if (REGISTRY.has(t.type)) throw new Error(`experiment type "${t.type}" is registered twice`);
  REGISTRY.set(t.type, t as unknown as ExperimentType);
}

/**
 * The registered type of a name.
 * @param type - the `type:` of an experiment file
 * @returns the type, or undefined
 */
export function experimentType(type: string): ExperimentType | undefined {
  return REGISTRY.get(type);
}

/**
 * All registered types, sorted by name.
 * @returns the types
 */
export function experimentTypes(): ExperimentType[] {
  return [...REGISTRY.values()].sort((a, b) => a.type.localeCompare(b.type));
}
