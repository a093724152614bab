/**
 * Built-in targets by name, from a JSON-able config (usable inside worker threads through a
 * {@link TargetSpec}: `{ module: <this file>, export: 'builtinTarget', config }`).
 * @module
 */
import type { BatchLogProb } from '../types.js';
import { bananaTarget } from './bananaTarget.js';
import { bimodalTarget } from './bimodalTarget.js';
import { gaussianTarget } from './gaussianTarget.js';

/** Config of a built-in target. */
export interface BuiltinTargetConfig {
  name: 'gaussian' | 'banana' | 'bimodal';
  dim: number;
  /** gaussian: pairwise correlation */
  rho?: number;
  /** banana: twist b */
  b?: number;
  /** bimodal: half separation μ */
  mu?: number;
  /** bimodal: weight of the +μ mode (default ½) */
  weight?: number;
}

/** A log-probability with its dimension and coordinate names. */
export interface ResolvedTarget {
  logProb: BatchLogProb;
  ndim: number;
  parameterNames: string[];
}

/** Names of the built-in targets. */
export const BUILTIN_TARGETS = ['gaussian', 'banana', 'bimodal'] as const;

/**
 * @param config - which target and its parameters
 * @returns the target
 */
export function builtinTarget(config: BuiltinTargetConfig): ResolvedTarget {
  const names = Array.from({ length: config.dim }, (_, i) => `x${i}`);
  switch (config.name) {
    case 'gaussian':
      return { logProb: gaussianTarget(config.dim, config.rho ?? 0), ndim: config.dim, parameterNames: names };
    case 'banana':
      return { logProb: bananaTarget({ dim: config.dim, b: config.b }), ndim: config.dim, parameterNames: names };
    case 'bimodal':
      return { logProb: bimodalTarget(config.dim, config.mu ?? 2, config.weight ?? 0.5), ndim: config.dim, parameterNames: names };
    default:
      throw new RangeError(`unknown built-in target ${(config as { name: string }).name}; use ${BUILTIN_TARGETS.join(', ')}`);
  }
}
