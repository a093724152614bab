/**
 * Issue 15, command line: `-` reads a model file from standard input (once; worker threads get the
 * text with their task), a closed pipe ends the process quietly, `nuem help <unknown>` is bad
 * input, `nuem run --strict` exits 3 when not converged, the ETA of the progress lines, and the
 * bash/zsh completion generated from the command tree. Through the built CLI
 * (dist/src/cli/main.js, built by `npm test`) where a real process matters.
 */
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { buildProgram } from '../../src/cli/main.js';
import { completionScript } from '../../src/cli/completion.js';
import { etaText } from '../../src/pipeline/runProgress.js';
import { registerInMemoryFile } from '../../src/util/inMemoryFiles.js';
import { runAnalysis } from '../../src/pipeline/runAnalysis.js';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { modelHash } from '../../src/experiments/modelHash.js';
import { tinyRunOptions } from '../pipeline/tinyRun.js';
import { runCliInProcess } from '../helpers/runCliInProcess.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const DEFAULT = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
const nuem = (args: string[], input?: string): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmpdir(), encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('a model file from standard input (-)', () => {
  it('nuem validate - reads the analysis from stdin: same result and model hash as the file', async () => {
    const text = readFileSync(DEFAULT, 'utf8');
    const fromFile = await runCliInProcess(['validate', DEFAULT, '--json']);
    const fromStdin = nuem(['validate', '-', '--json'], text);
    expect(fromFile.code).toBe(0);
    expect(fromStdin.code).toBe(0);
    const a = JSON.parse(fromFile.out);
    const b = JSON.parse(fromStdin.out);
    expect(b.modelHash).toBe(a.modelHash);
    expect(b.id).toBe('default');
  });

  it('nuem spectrum - reads an experiment file from stdin: the same spectrum as by id', async () => {
    const byId = await runCliInProcess(['spectrum', 'ess-ge', '--json']);
    const fromStdin = nuem(['spectrum', '-', '--json'], readFileSync(join(PACKAGE_ROOT, 'models/experiments/ess-ge.yaml'), 'utf8'));
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.out).bins).toEqual(JSON.parse(byId.out).bins);
  });

  it('bad input on stdin is one line and exit 2 (invalid model, empty input)', () => {
    const bad = nuem(['validate', '-'], readFileSync(DEFAULT, 'utf8').replace('min: -1.2e-06', 'min: 5'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^nuem: .*<stdin>\.yaml: parameters\[0\]\.prior\.max: min must be < max\. Fix: .+\n$/);
    const empty = nuem(['validate', '-'], '');
    expect(empty.code).toBe(2);
    expect(empty.err).toBe('nuem: -: standard input is empty. Fix: pipe or redirect a model file: cat my.yaml | nuem validate -\n');
  });

  it('a run of an in-memory analysis file samples in worker threads, which get its text with their task', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nuem-stdin-run-'));
    try {
      const path = join(out, '<stdin>.yaml');
      // a path that does not exist on disk: the workers can only know the text from the task
      registerInMemoryFile(path, readFileSync(DEFAULT, 'utf8'));
      const r = await runAnalysis(path, { ...tinyRunOptions(out), threads: 1, ensembles: 1, maxSteps: 100 });
      expect(r.analysis.id).toBe('default');
      expect(r.diagnostics.steps[0]).toBe(100);
      // the profiles and B01 draws also ran in a worker that rebuilt the model from the task's text
      expect([r.profileWorkers, r.evidenceWorkers]).toEqual([1, 1]);
      // the same model as the file on disk (the hash covers the analysis and its data files)
      expect(r.modelHash).toBe(modelHash(loadAnalysis(DEFAULT)));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('pipes, help and exit codes', () => {
  it('a closed stdout (nuem list | head -1) ends quietly with exit 0, not an EPIPE stack trace', async () => {
    const c = spawn(process.execPath, [CLI, 'list', 'analyses', '--json'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.destroy();
    let err = '';
    c.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((res) => c.on('close', (k) => res(k)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('nuem help <unknown> exits 2 with the one-line error; nuem help <verb> still shows the help', async () => {
    const r = await runCliInProcess(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^nuem: frobnicate: unknown command\. Fix: use one of xsec, .*completion \(nuem --help\)\n$/);
    expect(r.out).toBe('');
    const ok = nuem(['help', 'run']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Usage: nuem run');
    expect(ok.out).toContain('--strict');
  });

  it('nuem run --strict exits 3 with one line when the run does not converge; without --strict it exits 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nuem-strict-'));
    try {
      // 100 steps of 8 walkers cannot meet N > 50 τ
      const base = ['run', 'default', '--walkers', '8', '--max-steps', '100', '--check-every', '50', '--ensembles', '1', '--threads', '0', '--profile-points', '11', '--quiet', '--chains-dir', join(out, 'c'), '--reports-dir', join(out, 'r')];
      const strict = await runCliInProcess([...base, '--strict']);
      expect(strict.err).toMatch(/^nuem: default run seed20240916: the chains did not converge \(.+\)\. Fix: continue them with nuem run default --run seed20240916 --resume --max-steps <more>, or drop --strict\n$/);
      expect(strict.code).toBe(3);
      expect(strict.out).toContain('NOT converged');
      const plain = await runCliInProcess([...base, '--run', 'plain']);
      expect(plain.code).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('ETA of the progress lines', () => {
  it('extrapolates the measured step rate to N = factor·τ (τ rule) or to the step cap', () => {
    const first = new Map([[0, { t: 0, iteration: 100 }], [1, { t: 0, iteration: 100 }]]);
    // 100 steps/s; τ 20 and 40 → targets 1000 and 2000 steps → the slower ensemble needs (2000 − 600)/100 = 14 s
    const eta = etaText(first, 5000, [
      { ensemble: 0, iteration: 600, maxSteps: 20000, meanAcceptance: 0.3, tau: [20], tauFactor: 50 },
      { ensemble: 1, iteration: 600, maxSteps: 20000, meanAcceptance: 0.3, tau: [40, 10], tauFactor: 50 },
    ]);
    expect(eta).toBe('ETA ~14 s (N > 50τ ≈ 2000 steps)');
    // fixed length: to the cap, (20000 − 600)/100 s = 194 s ≈ 3 min
    expect(etaText(first, 5000, [{ ensemble: 0, iteration: 600, maxSteps: 20000, meanAcceptance: 0.3, tau: [20] }])).toBe('ETA ≤ 3 min (step cap)');
    // the τ rule already holds at the current τ: the R̂ check across ensembles decides
    expect(etaText(first, 5000, [{ ensemble: 0, iteration: 1200, maxSteps: 20000, meanAcceptance: 0.3, tau: [20], tauFactor: 50 }])).toBe('N > 50τ at 1200 steps by the latest τ; τ stability and R̂ decide');
    // no rate yet
    expect(etaText(new Map([[0, { t: 0, iteration: 600 }]]), 5000, [{ ensemble: 0, iteration: 600, maxSteps: 20000, meanAcceptance: 0.3 }])).toBe('');
  });
});

describe('shell completion from the command tree', () => {
  const program = buildProgram();
  const verbs = program.commands.map((c) => c.name()).filter((n) => n !== 'help');

  it('nuem completion bash completes every verb and each verb\'s options (bash itself runs the script)', () => {
    const script = completionScript(program, 'bash');
    const complete = (line: string): string[] => {
      const words = line.split(' ');
      const probe = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _nuem; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['-c', probe], { encoding: 'utf8', cwd: PACKAGE_ROOT });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter((x) => x !== '');
    };
    expect(new Set(complete('nuem '))).toEqual(new Set([...verbs, 'help', '--help', '--version']));
    expect(complete('nuem r')).toEqual(['reproduce', 'report', 'run']);
    expect(complete('nuem run --st')).toEqual(['--strict']);
    expect(complete('nuem list a')).toEqual(['all', 'analyses']);
    // every option of every verb is offered after `-`
    for (const c of program.commands.filter((x) => x.name() !== 'help')) {
      const offered = new Set(complete(`nuem ${c.name()} -`));
      for (const o of c.options) expect(offered.has(o.long!), `${c.name()} ${o.long}`).toBe(true);
    }
    // an option that takes a value completes file names
    expect(complete('nuem run --chains-dir models/an')).toEqual(['models/analyses']);
  });

  it('nuem completion zsh names every verb and option (zsh -n checks the syntax when zsh is installed)', async () => {
    const script = completionScript(program, 'zsh');
    expect(script.startsWith('#compdef nuem\n')).toBe(true);
    for (const c of program.commands.filter((x) => x.name() !== 'help')) {
      expect(script).toContain(`    ${c.name()})\n      _arguments`);
      for (const o of c.options) expect(script).toContain(o.long!);
    }
    const zsh = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' });
    if (!zsh.error) expect(zsh.status).toBe(0);
    const r = await runCliInProcess(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(script);
    const bad = await runCliInProcess(['completion', 'fish']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('nuem: fish: no completion script for this shell. Fix: use one of bash, zsh\n');
  });
});
