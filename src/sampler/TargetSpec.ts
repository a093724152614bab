/**
 * How a worker thread (or any process) finds a log-probability: closures cannot be sent, so a
 * target is named by module path + export + JSON-able config. The export is called with the
 * config and must return a {@link ResolvedTarget} (or a promise of one).
 * @module
 */
import { pathToFileURL } from 'node:url';
import type { ResolvedTarget } from './targets/builtinTarget.js';

/** A JSON-able pointer to a target factory. */
export interface TargetSpec {
  /** module path or file URL (absolute; `.ts` works under tsx/vitest, `.js` when compiled) */
  module: string;
  /** name of the exported factory `(config) => ResolvedTarget | Promise<ResolvedTarget>` */
  export: string;
  /** argument for the factory (must survive structured clone) */
  config: unknown;
}

/**
 * The spec of a built-in target, pointing at this build's own module (works from .ts and .js).
 * @param config - built-in target config
 * @returns the spec
 */
export function builtinTargetSpec(config: unknown): TargetSpec {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return { module: new URL(`./targets/builtinTarget${ext}`, import.meta.url).href, export: 'builtinTarget', config };
}

/**
 * Imports the module and calls the factory.
 * @param spec - target spec
 * @returns the resolved target
 */
export async function resolveTarget(spec: TargetSpec): Promise<ResolvedTarget> {
  const url = /^[a-z]+:/i.test(spec.module) ? spec.module : pathToFileURL(spec.module).href;
  const mod = (await import(url)) as Record<string, unknown>;
  const fn = mod[spec.export];
  if (typeof fn !== 'function') throw new TypeError(`target module ${spec.module} has no function export "${spec.export}"`);
  const t = (await (fn as (c: unknown) => ResolvedTarget | Promise<ResolvedTarget>)(spec.config)) as ResolvedTarget;
  if (typeof t?.logProb !== 'function' || !Number.isInteger(t.ndim)) throw new TypeError(`${spec.module}#${spec.export} did not return { logProb, ndim, parameterNames }`);
  return t;
}
