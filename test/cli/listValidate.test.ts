/**
 * `nuem list` and `nuem validate` through the built CLI (dist/src/cli/main.js, built by
 * `npm test`): the catalogue lists every model file in models/ and EM_PARAMETERS with units, and
 * validate recognises both kinds of files. Every verb's --help shows examples.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { EM_PARAMETERS } from '../../src/physics/parameters.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('nuem list', () => {
  it('--json lists every analysis and experiment file and every EM parameter with its unit', () => {
    const r = run(['list', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const cat = JSON.parse(r.stdout) as { experiments: { id: string }[]; analyses: { id: string; file: string }[]; parameters: { name: string; unit: string }[] };
    const files = (d: string): number => readdirSync(join(PACKAGE_ROOT, 'models', d)).filter((f) => /\.ya?ml$/.test(f)).length;
    expect(cat.analyses).toHaveLength(files('analyses'));
    expect(cat.experiments).toHaveLength(files('experiments'));
    expect(cat.analyses.map((a) => a.id)).toContain('default');
    expect(cat.parameters).toEqual(EM_PARAMETERS.map((p) => ({ name: p.name, unit: p.unit, description: p.description })));
  });
  it('an unknown list is a one-line user error (exit 2)', () => {
    const r = run(['list', 'things']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Fix:');
  });
});

describe('nuem validate', () => {
  it('recognises an analysis and an experiment file (--json)', () => {
    const a = JSON.parse(run(['validate', 'models/analyses/default.yaml', '--json']).stdout) as { ok: boolean; kind: string; id: string; modelHash: string };
    expect(a).toMatchObject({ ok: true, kind: 'analysis', id: 'default' });
    expect(a.modelHash).toMatch(/^[0-9a-f]{64}$/);
    const e = JSON.parse(run(['validate', 'models/experiments/ess-ge.yaml', '--json']).stdout) as { kind: string; id: string };
    expect(e).toMatchObject({ kind: 'experiment', id: 'ess-ge' });
  });
  it('a file without kind is a one-line user error naming the field (exit 2)', () => {
    const r = run(['validate', 'package.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/package\.json: kind: the field "kind" is missing\. Fix: /);
  });
});

describe('--help on every verb shows examples', () => {
  it.each(['xsec', 'spectrum', 'sample', 'profile', 'reproduce', 'report', 'run', 'list', 'validate'])('%s --help', (verb) => {
    const r = run([verb, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ nuem /);
    // issue 7: every verb that prints a result offers --json and states its exit codes
    expect(r.stdout).toMatch(/--json/);
    expect(r.stdout).toMatch(/Exit codes: 0 /);
  });
  it('nuem --help documents the exit codes 0, 1 and 2', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:\n\s+0 {2}success\n\s+1 {2}failure[^\n]*\n\s+2 {2}bad input/);
  });
});
