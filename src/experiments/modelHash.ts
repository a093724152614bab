/**
 * A content hash that identifies everything an analysis result depends on: the validated
 * analysis, the resolved experiments (every number read from the data files ends up in them),
 * the bytes of the experiment model files and of every data file the loader read (the
 * experiment's `dataFiles`: release coefficient, event, background-PDF and time-distribution
 * files). Chains and reports carry it so that a result can be matched to its inputs. Only file
 * names, never directories, enter the hash, so it does not depend on where the model tree lives.
 *
 * Canonical JSON: object keys sorted, typed arrays written as plain arrays, `undefined` dropped,
 * non-finite numbers written as strings ("Infinity", "-Infinity", "NaN").
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { inMemoryFile } from '../util/inMemoryFiles.js';
import type { LoadedAnalysis } from './loadAnalysis.js';
import { SPECTRUM_TYPE } from './loadExperimentDefinition.js';

/**
 * Canonical JSON text of a value (deterministic across key order and array types).
 *
 * @param value - any JSON-like value (typed arrays allowed)
 * @returns the canonical text
 * @example canonicalJson({ b: 1, a: [1, 2] }) // returns '{"a":[1,2],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}

/**
 * sha256 (hex) of an analysis and everything it depends on (see module doc).
 *
 * @param analysis - a loaded analysis
 * @returns 64 hex digits
 */
export function modelHash(analysis: LoadedAnalysis): string {
  const h = createHash('sha256');
  // v2: the data files' bytes are included (v1 hashed the model files only)
  h.update('nuem-model-hash-v2\n');
  // file locations are left out (the hash must not depend on where the repository lives)
  const base = (f: string): string => f.split(/[\\/]/).pop() ?? f;
  const experiments = analysis.experiments.map((e) => ({ ...e, file: base(e.file), dataFiles: e.dataFiles.map(base) }));
  // experiments of a registered type: their resolved definition (absent for analyses of
  // detector-response experiments only, whose hash is unchanged by the experiment interface)
  const typed = analysis.definitions
    .filter((d) => d.type !== SPECTRUM_TYPE)
    .map((d) => ({ type: d.type, id: d.id, title: d.title, nuisances: d.nuisances, config: d.config, file: base(d.file), dataFiles: d.dataFiles.map(base) }));
  h.update(canonicalJson(typed.length > 0 ? { analysis: analysis.spec, experiments, typed } : { analysis: analysis.spec, experiments }));
  // files in load order (experiments in file order, each model file then its data files in
  // reading order), each once: an order that does not depend on the directories either
  const files = new Set<string>();
  let j = 0;
  for (const d of analysis.definitions) {
    const exp = d.type === SPECTRUM_TYPE ? analysis.experiments[j++]! : d;
    if (exp.file) files.add(exp.file);
    for (const f of exp.dataFiles) files.add(f);
  }
  for (const f of files) {
    h.update(`\nfile ${base(f)}\n`);
    const mem = inMemoryFile(f);
    if (mem !== undefined) h.update(Buffer.from(mem, 'utf8'));
    else if (existsSync(f)) h.update(readFileSync(f));
  }
  return h.digest('hex');
}
