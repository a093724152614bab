/**
 * Start-up cost of the CLI (issue 7): `nuem --help` and every verb's option parsing must not load
 * the heavy libraries (@stdlib, h5wasm, d3) or the physics/sampler/report code. The verb files
 * therefore import their actions with `await import(...)` inside the action. This test follows
 * the static (non-type) imports from src/cli/main.ts through the TypeScript sources and checks that
 * none of them reaches a heavy module; it is a structural check, not a timing.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/provenance.js';

const HEAVY_PACKAGES = [/^@stdlib\//, /^h5wasm/, /^d3(-|$)/, /^cli-progress/, /^zod/, /^yaml$/];
const HEAVY_FILES = [/src\/numerics\//, /src\/sampler\/(?!targets\/)/, /src\/report\//, /src\/plots\//, /src\/likelihood\//, /src\/experiments\//, /src\/pipeline\//, /src\/cli\/actions\//];

/** Static, value-level import specifiers of a TypeScript file (type-only imports are erased). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gm)) {
    if (m[2]) continue; // import type / export type
    out.push(m[4]!);
  }
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out;
}

/** Every file and package reachable from `entry` through static imports. */
function reachable(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    for (const spec of staticImports(f)) {
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const ts = resolve(dirname(f), spec).replace(/\.js$/, '.ts');
      if (existsSync(ts)) todo.push(ts);
    }
  }
  return { files: [...files].map((f) => relative(PACKAGE_ROOT, f)), packages: [...packages] };
}

describe('CLI start-up loads no heavy modules (static import graph of src/cli/main.ts)', () => {
  const { files, packages } = reachable(join(PACKAGE_ROOT, 'src/cli/main.ts'));
  it('reaches every verb file', () => {
    for (const verb of ['xsec', 'spectrum', 'sample', 'profile', 'reproduce', 'report', 'run', 'list', 'validate']) expect(files).toContain(`src/cli/commands/${verb}.ts`);
  });
  it('imports no heavy package', () => {
    expect(packages.filter((p) => HEAVY_PACKAGES.some((re) => re.test(p)))).toEqual([]);
  });
  it('imports no implementation module (actions, pipeline, report, sampler, numerics)', () => {
    expect(files.filter((f) => HEAVY_FILES.some((re) => re.test(f)))).toEqual([]);
  });
  it('the walker does see a heavy import when there is one (control: the run action reaches @stdlib)', () => {
    const r = reachable(join(PACKAGE_ROOT, 'src/cli/actions/runAction.ts'));
    expect(r.files).toContain('src/numerics/stdlib.ts');
  });
});
