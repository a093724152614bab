/**
 * `nuem validate` without the command line: detects whether a file is an experiment or an
 * analysis (its `kind`), validates it completely (schema, data files, cross-file rules, sampler
 * settings) and returns a short summary. Invalid input raises a `UserError` naming the file, the
 * path inside it and a fix.
 * @module
 */

import { readRegularFile } from '../util/readRegularFile.js';
import { fileExists } from '../util/inMemoryFiles.js';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../cli/userError.js';
import { loadAnalysis } from '../experiments/loadAnalysis.js';
import { loadExperiment } from '../experiments/loadExperiment.js';
import { experimentFileType, loadExperimentDefinition, SPECTRUM_TYPE } from '../experiments/loadExperimentDefinition.js';
import { modelHash } from '../experiments/modelHash.js';
import { buildAnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../likelihood/forwardModelPrediction.js';
import type { MoveSpec } from '../sampler/types.js';
import { emParams } from '../physics/parameters.js';
import { computeSpectrum } from '../physics/spectrum/computeSpectrum.js';
import { checkFiniteSpectrum } from './checkFiniteSpectrum.js';
import { checkSamplerPlan } from './checkSamplerPlan.js';

/** Summary of a valid model file. */
export type ValidationSummary =
  | {
      kind: 'experiment';
      file: string;
      id: string;
      title: string;
      channels: string[];
      unit: string;
      bins: number;
      observed: boolean;
      background: boolean;
    }
  | {
      kind: 'experiment';
      file: string;
      id: string;
      title: string;
      /** registered experiment type */
      type: string;
      /** declared nuisances */
      nuisances: string[];
      /** number of data files read */
      dataFiles: number;
    }
  | {
      kind: 'analysis';
      file: string;
      id: string;
      title: string;
      experiments: string[];
      physics: Array<{ name: string; prior: unknown }>;
      /** SM fits: the nuisance that is the parameter of interest */
      interest?: string;
      nuisances: Array<{ name: string; sigma: number; sampled: boolean }>;
      likelihood: string;
      sampler: unknown;
      modelHash: string;
    };

/**
 * @param path - model file (YAML or JSON)
 * @returns what the file is and its main content
 * @throws UserError for a missing file, unknown kind or any invalid content
 */
export function validateModelFile(path: string): ValidationSummary {
  const file = resolve(path);
  if (!fileExists(file)) throw new UserError(path, 'file not found', 'check the path');
  const text = readRegularFile(file, path, 'check the path');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new UserError(file, `not valid YAML/JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, 'fix the syntax');
  }
  const kind = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).kind : undefined;
  if (kind === 'experiment' && experimentFileType(file) !== SPECTRUM_TYPE) {
    const { definition: d } = loadExperimentDefinition(file);
    return { kind: 'experiment', file, id: d.id, title: d.title, type: d.type, nuisances: d.nuisances.map((n) => n.name), dataFiles: d.dataFiles.length };
  }
  if (kind === 'experiment') {
    const e = loadExperiment(file);
    checkFiniteSpectrum(e, computeSpectrum(e, emParams()), file);
    return {
      kind: 'experiment',
      file,
      id: e.id,
      title: e.title,
      channels: [...e.channels],
      unit: e.unit,
      bins: e.edges.length - 1,
      observed: e.observed !== undefined,
      background: e.background !== undefined,
    };
  }
  if (kind === 'analysis') {
    const a = loadAnalysis(file);
    const ndim = a.physics.length + a.nuisances.filter((n) => n.prior).length;
    const s = a.spec.sampler;
    if (s) {
      // the checks nuem run makes with these settings and its default of 2 ensembles
      checkSamplerPlan({
        walkers: s.walkers,
        maxSteps: s.untilConverged?.maxSteps ?? s.steps ?? 1,
        seed: s.seed,
        ensembles: 2,
        moves: (s.moves as MoveSpec[] | undefined) ?? [{ type: 'stretch' }],
        ndim,
        paramNames: [...a.physics.map((p) => p.name), ...a.nuisances.filter((n) => n.prior).map((n) => n.name)],
        where: {
          walkers: `${file}: sampler.walkers`,
          maxSteps: `${file}: sampler.${s.steps !== undefined ? 'steps' : 'untilConverged.maxSteps'}`,
          seed: `${file}: sampler.seed`,
          ensembles: `${file}: sampler`,
          moves: `${file}: sampler.moves`,
        },
      });
    }
    // the predictions must be finite numbers (inputs that overflow double precision are refused
    // here as they are by run and profile); building the fast forward model costs ~0.1 s
    buildAnalysisLikelihood(a, forwardModelPrediction);
    return {
      kind: 'analysis',
      file,
      id: a.id,
      title: a.title,
      experiments: a.definitions.map((e) => e.id),
      physics: a.physics.map((p) => ({ name: p.name, prior: p.prior })),
      ...(a.interest ? { interest: a.interest.name } : {}),
      nuisances: a.nuisances.map((n) => ({ name: n.name, sigma: n.sigma, sampled: n.prior !== undefined })),
      likelihood: a.spec.likelihood?.type ?? [...new Set(a.definitions.map((d) => d.type))].join(', '),
      sampler: s ?? null,
      modelHash: modelHash(a),
    };
  }
  throw new UserError(
    `${file}: kind`,
    kind === undefined ? 'the field "kind" is missing' : `unknown kind ${JSON.stringify(kind)}`,
    'set kind: experiment or kind: analysis (see models/experiments and models/analyses for examples)',
  );
}
