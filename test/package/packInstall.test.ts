/**
 * nuem as an npm package, tried the way a user meets it: `npm pack` the built repository,
 * install the tarball into a fresh ESM TypeScript project (NodeNext, strict), type-check and run
 * examples/fit-line.ts (a user's own log-probability sampled emcee-style), and check
 *  - the tarball holds the built code, its types, models/ and the README, and no tests or sources;
 *  - the install (nuem and its runtime dependencies) stays ≤ 80 MB;
 *  - the sampled line fit agrees with the analytic posterior (flat priors, Gaussian errors: the
 *    posterior is Gaussian with the weighted-least-squares mean and covariance (AᵀC⁻¹A)⁻¹),
 *    mean within 5 MCSE and sd within 10%;
 *  - provenance names nuem's own build commit, not the commit of the user's git repository.
 * Needs `npm run build` first (as `npm test` does). Dependencies come from the npm cache that
 * `npm ci` filled (`--prefer-offline`), else from the registry.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/provenance.js';

const MAX_INSTALL_MB = 80;

/** Bytes on disk under `dir` (apparent sizes of regular files, like `du --apparent-size`). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** Weighted least squares for y = m·x + b: mean (m, b) and standard deviations. */
function weightedLine(x: number[], y: number[], s: number[]): { mean: [number, number]; sd: [number, number] } {
  let Sw = 0, Sx = 0, Sxx = 0, Sy = 0, Sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 1 / s[i]! ** 2;
    Sw += w;
    Sx += w * x[i]!;
    Sxx += w * x[i]! ** 2;
    Sy += w * y[i]!;
    Sxy += w * x[i]! * y[i]!;
  }
  const det = Sw * Sxx - Sx * Sx;
  return { mean: [(Sw * Sxy - Sx * Sy) / det, (Sxx * Sy - Sx * Sxy) / det], sd: [Math.sqrt(Sw / det), Math.sqrt(Sxx / det)] };
}

function numbersOf(src: string, name: string): number[] {
  const m = new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(src);
  if (!m) throw new Error(`examples/fit-line.ts: no array ${name}`);
  return m[1]!.split(',').map(Number);
}

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('npm package: pack, install into a fresh TypeScript project, run the example', () => {
  let work = '';
  let tarball = '';
  let project = '';
  beforeAll(() => {
    if (!existsSync(join(PACKAGE_ROOT, 'dist/src/index.js')) || !existsSync(join(PACKAGE_ROOT, 'dist/src/buildInfo.json'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    }
    work = mkdtempSync(join(tmpdir(), 'nuem-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], PACKAGE_ROOT)) as Array<{ filename: string }>;
    tarball = join(work, packed[0]!.filename);
    project = join(work, 'scratch');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }, null, 2));
    writeFileSync(
      join(project, 'tsconfig.json'),
      // as `tsc --init` writes it (skipLibCheck: true); the declarations' own imports are checked below
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, outDir: 'dist', types: ['node'] }, include: ['*.ts'] }, null, 2),
    );
    cpSync(join(PACKAGE_ROOT, 'examples/fit-line.ts'), join(project, 'fit-line.ts'));
    // the user's own git repository, to check that nuem never reports its commit as nuem's
    execFileSync('git', ['init', '-q'], { cwd: project });
    execFileSync('git', ['-c', 'user.email=u@example.org', '-c', 'user.name=u', 'commit', '-q', '--allow-empty', '-m', 'user repo'], { cwd: project });
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', tarball, '@types/node@20.19.43'], project);
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the tarball holds built code with types, models, README; no tests, sources or source maps', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const f of ['package/package.json', 'package/README.md', 'package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/dist/src/buildInfo.json', 'package/dist/src/cli/main.js', 'package/models/analyses/default.yaml', 'package/examples/fit-line.ts', 'package/docs/api.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^package\/(test|src|bench|dist\/bench|chains|reports)\//.test(f) || f.endsWith('.map') || f.endsWith('.test.js'))).toEqual([]);
    expect(files.some((f) => f.startsWith('package/models/data/'))).toBe(true);
  });

  it('the shipped declarations import only node built-ins, runtime dependencies and their own files', () => {
    const root = join(project, 'node_modules/nuem');
    const deps = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const bad: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.d.ts')) {
          const code = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // imports, not comments
          for (const m of code.matchAll(/(?:from\s+|import\()\s*['"]([^'"]+)['"]/g)) {
            const spec = m[1]!;
            if (spec.startsWith('.') || spec.startsWith('node:')) continue;
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            if (!deps.includes(pkg)) bad.push(`${p.slice(root.length + 1)}: ${spec}`);
          }
        }
      }
    };
    walk(join(root, 'dist'));
    expect(bad).toEqual([]);
  });

  it(`the install is at most ${MAX_INSTALL_MB} MB (nuem and its runtime dependencies)`, () => {
    const nm = join(project, 'node_modules');
    const bytes = dirBytes(nm) - (existsSync(join(nm, '@types')) ? dirBytes(join(nm, '@types')) : 0) - (existsSync(join(nm, 'undici-types')) ? dirBytes(join(nm, 'undici-types')) : 0);
    const mb = bytes / 1e6;
    console.log(`install size of nuem with its runtime dependencies: ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThanOrEqual(MAX_INSTALL_MB);
  });

  it('type-checks the example (NodeNext, strict) and its line fit matches the analytic posterior', () => {
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    const out = JSON.parse(execFileSync(process.execPath, [join(project, 'dist/fit-line.js')], { cwd: project, encoding: 'utf8' })) as {
      parameters: Array<{ name: string; mean: number; sd: number; mcseMean: number }>;
      acceptance: number;
      draws: number;
    };
    const src = readFileSync(join(project, 'fit-line.ts'), 'utf8');
    const exact = weightedLine(numbersOf(src, 'x'), numbersOf(src, 'y'), numbersOf(src, 'sigma'));
    expect(out.draws).toBe(32 * 2500);
    out.parameters.forEach((p, d) => {
      // 5 MCSE: a false alarm about 1 in 1.7 million; the MCSE comes from τ (emcee's estimator)
      expect(Math.abs(p.mean - exact.mean[d]!), `${p.name} mean ${p.mean} vs ${exact.mean[d]} (MCSE ${p.mcseMean})`).toBeLessThan(5 * p.mcseMean);
      // sd of a Gaussian from ≥ 1000 effective draws: relative error ≈ 1/√(2·ESS) ≈ 2%; allow 10%
      expect(Math.abs(p.sd / exact.sd[d]! - 1), `${p.name} sd ${p.sd} vs ${exact.sd[d]}`).toBeLessThan(0.1);
    });
    expect(out.acceptance).toBeGreaterThan(0.2);
    expect(out.acceptance).toBeLessThan(0.9);
  });

  it("provenance is nuem's build commit, not the user's repository", () => {
    const build = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist/src/buildInfo.json'), 'utf8')) as { commit: string; version: string };
    const userCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: project, encoding: 'utf8' }).trim();
    const script = "import { codeProvenance } from 'nuem'; console.log(JSON.stringify(codeProvenance()));";
    const prov = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })) as { commit: string; version: string };
    expect(prov.commit).toBe(build.commit);
    expect(prov.commit).not.toContain(userCommit);
    expect(prov.version).toBe(build.version);
  });
});
