/**
 * What `nuem sample` needs for one ensemble or several ({@link runFromOptions},
 * {@link runEnsemblesFromOptions}): the chain's identity (analysis id, hashed model), walkers,
 * steps, seed, generator kind, moves and output; and the hash that goes into the chain metadata.
 * @module
 */
import { createHash } from 'node:crypto';
import type { RngKind } from '../random/rng.js';
import type { MoveSpec } from './types.js';

/** Options shared by the single- and multi-ensemble runs of `nuem sample`. */
export interface SamplingRunOptions {
  /** id stored in the chain metadata and checked on resume (e.g. `builtin:gaussian`) */
  analysisId: string;
  /** JSON-able description of the model; hashed into the metadata ({@link samplingModelHash}) and checked on resume */
  model: unknown;
  nwalkers: number;
  nsteps: number;
  /** generator seed; with several ensembles, that of ensemble 0 (ensemble i uses seed + i) */
  seed: number;
  rng: RngKind;
  moves: MoveSpec[];
  /** HDF5 output path (emcee layout + JSON sidecar; ensemble i of several writes `ensembleOutPath(out, i)`); memory only when absent */
  out?: string;
  /** overwrite existing outputs */
  force?: boolean;
}

/**
 * The chain metadata's `modelHash` of a sampling run: sha256 (hex) of the model's JSON text
 * (FIPS 180-4, doi:10.6028/NIST.FIPS.180-4).
 * @param model - the options' JSON-able model description
 * @returns 64 hex digits
 */
export function samplingModelHash(model: unknown): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
