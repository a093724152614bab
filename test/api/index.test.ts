/**
 * The public API (src/index.ts, the only module the package's `exports` map makes importable) is
 * small and documented: every exported name, value or type, appears in docs/api.md, docs/api.md
 * names no export that is not there, the barrel loads (no import cycle leaves a binding
 * undefined), and the re-exports are the defining modules' own objects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as nuem from '../../src/index.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { EnsembleSampler } from '../../src/sampler/EnsembleSampler.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { computeSpectrum } from '../../src/physics/spectrum/computeSpectrum.js';
import { readChain } from '../../src/sampler/backends/readChain.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';

/** Names exported by src/index.ts, values and types, read from its source. */
function exportedNames(): string[] {
  const src = readFileSync(join(PACKAGE_ROOT, 'src/index.ts'), 'utf8');
  const names: string[] = [];
  for (const m of src.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const t = part.trim().replace(/^type\s+/, '');
      if (t) names.push(t.split(/\s+as\s+/).pop()!.trim());
    }
  }
  return names;
}

describe('public API src/index.ts', () => {
  const doc = readFileSync(join(PACKAGE_ROOT, 'docs/api.md'), 'utf8');
  const names = exportedNames();

  it('is small: at most 60 names (it was 395 re-exported names before)', () => {
    expect(names.length).toBeGreaterThan(20);
    expect(names.length).toBeLessThanOrEqual(60);
  });

  it('every exported name is documented in docs/api.md (as `name` in a table)', () => {
    const missing = names.filter((n) => !new RegExp('`' + n + '[`(]').test(doc));
    expect(missing).toEqual([]);
  });

  it('every value export is defined at run time and is listed by the source scan', () => {
    const values = Object.keys(nuem);
    expect(values.filter((k) => (nuem as Record<string, unknown>)[k] === undefined)).toEqual([]);
    expect(values.filter((k) => !names.includes(k))).toEqual([]);
  });

  it('re-exports are the defining modules’ objects', () => {
    expect(nuem.EnsembleSampler).toBe(EnsembleSampler);
    expect(nuem.loadExperiment).toBe(loadExperiment);
    expect(nuem.computeSpectrum).toBe(computeSpectrum);
    expect(nuem.readChain).toBe(readChain);
    expect(nuem.runAnalysis).toBe(runAnalysis);
  });
});
