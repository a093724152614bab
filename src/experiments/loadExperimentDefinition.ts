/**
 * Loads any experiment model file as an {@link ExperimentDefinition}: a file with a `type:` goes
 * to that registered experiment type (its schema, its data loader); a file without one is a
 * detector-response ("spectrum") experiment read by `loadExperiment`, whose likelihood the
 * analysis chooses.
 * @module
 */
import { readRegularFile } from '../util/readRegularFile.js';
import { rejectControlCharacters } from './controlCharacters.js';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../cli/userError.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import { experimentType, experimentTypes, type ExperimentDefinition } from '../experimentModel/registry.js';
import '../experimentTypes/index.js';
import { loadExperiment, resolveExperimentPath } from './loadExperiment.js';
import { displayPath as shown, issuePath } from '../util/displayPath.js';

/** The registry type name of experiment files without a `type:`. */
export const SPECTRUM_TYPE = 'spectrum';

/** A loaded experiment: its definition, and for spectrum experiments the resolved physics experiment. */
export interface LoadedExperimentEntry {
  /** The definition (type, id, title, files, declared nuisances, config). */
  readonly definition: ExperimentDefinition;
  /** Spectrum experiments only: the experiment the reference spectrum consumes. */
  readonly experiment?: Experiment;
}



/**
 * The `type:` of an experiment file, without validating the rest.
 * @param abs - absolute path
 * @returns the type, or `spectrum` when the file has none
 * @throws UserError for unreadable YAML or a non-string type
 */
export function experimentFileType(abs: string): string {
  // regular files only (a FIFO or a device is refused before reading; src/util/readRegularFile.ts)
  const text = readRegularFile(abs, shown(abs), 'check the path of the experiment file');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new UserError(shown(abs), `not valid YAML/JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, 'fix the syntax');
  }
  if (raw && typeof raw === 'object' && 'type' in raw) {
    const t = (raw as { type: unknown }).type;
    if (typeof t !== 'string') throw new UserError(`${shown(abs)}: type`, 'must be a string', `use one of ${experimentTypes().map((x) => x.type).join(', ') || '(no registered types)'}, or omit it for a detector-response experiment`);
    return t;
  }
  return SPECTRUM_TYPE;
}

/**
 * Loads an experiment file of any type.
 * @param idOrPath - experiment id (models/experiments/<id>.yaml) or path
 * @param legacy - loader of spectrum experiments (default `loadExperiment`; tests inject)
 * @param extraRoots - models directories searched first for an id (the analysis' own model tree)
 * @returns its definition (and the physics experiment for spectrum files)
 * @throws UserError naming the file and the path inside it
 */
export function loadExperimentDefinition(idOrPath: string, legacy: (idOrPath: string) => Experiment = loadExperiment, extraRoots: readonly string[] = []): LoadedExperimentEntry {
  let abs: string | undefined;
  try {
    abs = resolveExperimentPath(idOrPath, extraRoots);
  } catch (e) {
    // an injected loader may know ids that are not files
    if (legacy === loadExperiment) throw e;
  }
  const type = abs ? experimentFileType(abs) : SPECTRUM_TYPE;
  if (type === SPECTRUM_TYPE) {
    const experiment = legacy(abs ?? idOrPath);
    const definition: ExperimentDefinition = Object.freeze({
      type: SPECTRUM_TYPE,
      id: experiment.id,
      title: experiment.title,
      file: experiment.file,
      dataFiles: experiment.dataFiles,
      nuisances: [],
      config: experiment,
    });
    return { definition, experiment };
  }
  const t = experimentType(type);
  if (!t) {
    throw new UserError(`${shown(abs!)}: type`, `unknown experiment type "${type}"`, `use one of ${experimentTypes().map((x) => x.type).join(', ') || '(no registered types)'}, or omit it for a detector-response experiment`);
  }
  const raw = parseYaml(readRegularFile(abs!, shown(abs!), 'check the path of the experiment file')) as unknown;
  rejectControlCharacters(raw, shown(abs!));
  const r = (t.schema as z.ZodType).safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${shown(abs!)}: ${issuePath(issue.path)}`, issue.message, `see docs/models.md ("${type}" experiments)`);
  }
  const definition = t.load(r.data, { file: abs! });
  return { definition };
}
