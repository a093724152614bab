/**
 * The actions of `nuem toys` and `nuem toys merge`, loaded on demand by src/cli/commands/toys.ts.
 * Flag parsing, files and progress only; the statistics live in src/toys.
 *
 * Files (under `--out`, default `toys/`): `<analysis>/<stem>.json` is the final result,
 * `<stem>.shard-<k>-of-<n>.json` a shard, `<stem>.coverage.{csv,json,svg}` and
 * `<stem>.expected.{csv,json}` the coverage and expected-limit studies; `<stem>` is
 * `<param>[-<param>].seed<seed>[.prior]`. Files are written atomically (temp file, then rename)
 * and never overwritten without `--force`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../userError.js';
import { loadAnalysis } from '../../experiments/loadAnalysis.js';
import { modelHash } from '../../experiments/modelHash.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { feldmanCousinsPoisson } from '../../toys/fcPoisson.js';
import { feldmanCousinsGaussianBounded, gaussianBoundedToys } from '../../toys/fcGaussianBounded.js';
import { gridSize, type ToyAxis, type ToyConfig, type PointResult } from '../../toys/construction.js';
import { configHash, finalizeResult, serialize, shardIndices, SHARD_FORMAT, RESULT_FORMAT, type ShardFile, type ToyResult } from '../../toys/result.js';
import { contextFromConfig, runPoints } from '../../toys/runPoints.js';
import { computeCoverage, coverageCsv } from '../../toys/coverage.js';
import { computeExpectedLimits, expectedCsv } from '../../toys/expected.js';
import { coveragePlot } from '../../toys/coveragePlot.js';
import { CODE_VERSION } from '../../provenance.js';

/** Flags of `nuem toys` as commander delivers them. */
export interface ToysFlags {
  target?: string;
  background?: string;
  observed?: string;
  param: string[];
  cl?: string;
  points?: string;
  toys?: string;
  seed?: string;
  nuisances: string;
  threads?: string;
  shard?: string;
  shards?: string;
  resume?: boolean;
  coverage?: string;
  coverageToys?: string;
  expected?: boolean;
  expectedToys?: string;
  out: string;
  force?: boolean;
  progress: boolean;
  json?: boolean;
}

/** Flags of `nuem toys merge`. */
export interface MergeFlags {
  out?: string;
  force?: boolean;
  json?: boolean;
}

function num(flag: string, raw: string, opts: { int?: boolean; min?: number; max?: number; open?: boolean } = {}): number {
  const x = Number(raw);
  const bad =
    raw.trim() === '' ||
    !Number.isFinite(x) ||
    (opts.int && !Number.isInteger(x)) ||
    (opts.min !== undefined && (opts.open ? x <= opts.min : x < opts.min)) ||
    (opts.max !== undefined && (opts.open ? x >= opts.max : x > opts.max));
  if (bad) {
    const what = `${opts.int ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ${opts.open ? '>' : '≥'} ${opts.min}` : ''}${opts.max !== undefined ? ` ${opts.open ? '<' : '≤'} ${opts.max}` : ''}`;
    throw new UserError(flag, `"${raw}" is not ${what}`, `give ${flag} as ${what}`);
  }
  return x;
}

function parseCl(raw: string | undefined, fallback: number): number {
  return raw === undefined ? fallback : num('--cl', raw, { min: 0, max: 1, open: true });
}

/** Progress and ETA on stderr, at most once a second (and at the end). */
function progressReporter(enabled: boolean, label: string, total: number, unit: string): (done: number) => void {
  const start = Date.now();
  let last = 0;
  return (done: number) => {
    if (!enabled) return;
    const now = Date.now();
    if (done < total && now - last < 1000) return;
    last = now;
    const el = (now - start) / 1000;
    const eta = done > 0 ? (el * (total - done)) / done : NaN;
    process.stderr.write(`nuem toys: ${label} ${done}/${total} ${unit}, ${el.toFixed(1)} s elapsed${done < total ? `, ETA ${Number.isFinite(eta) ? eta.toFixed(0) : '?'} s` : ''}\n`);
  };
}

function targetAction(flags: ToysFlags): void {
  const cl = parseCl(flags.cl, 0.9);
  if (flags.observed === undefined) throw new UserError('--observed', 'missing', 'give the observed count (poisson) or value (gaussian-bounded)');
  if (flags.target === 'poisson') {
    const n0 = num('--observed', flags.observed, { int: true, min: 0 });
    if (flags.background === undefined) throw new UserError('--background', 'missing', 'give the known mean background, e.g. --background 3');
    const b = num('--background', flags.background, { min: 0 });
    const r = feldmanCousinsPoisson(n0, b, cl);
    const out = {
      target: 'poisson',
      background: b,
      observed: n0,
      cl,
      interval: [r.lo, r.hi],
      method: 'exact Neyman construction over counts, FC likelihood-ratio ordering, both FC 1998 pathology compensations',
      reference: 'Feldman & Cousins, Phys. Rev. D 57, 3873 (1998), Sec. IV.B, Tables II-IX',
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else process.stdout.write(`poisson signal, b = ${b}, n0 = ${n0}: ${(cl * 100).toFixed(2)}% CL interval [${r.lo.toFixed(3)}, ${r.hi.toFixed(3)}]\n`);
    return;
  }
  if (flags.target === 'gaussian-bounded') {
    const x0 = num('--observed', flags.observed);
    const toys = flags.toys === undefined ? 10000 : num('--toys', flags.toys, { int: true, min: 100 });
    const seed = flags.seed ?? '1';
    const exact = feldmanCousinsGaussianBounded(x0, cl);
    const r = gaussianBoundedToys(x0, { cl, toys, seed, step: 0.02, muMax: exact.hi + 1 });
    const out = {
      target: 'gaussian-bounded',
      observed: x0,
      cl,
      interval: [r.lo, r.hi],
      errors: [r.errors.lo, r.errors.hi],
      exact: [exact.lo, exact.hi],
      toys,
      seed,
      method: 'Neyman construction with toys on a 0.02 grid in mu (critical values smoothed locally); "exact" is the analytic construction',
      reference: 'Feldman & Cousins, Phys. Rev. D 57, 3873 (1998), Sec. IV.C, Table X',
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else
      process.stdout.write(
        `bounded gaussian, x0 = ${x0}: ${(cl * 100).toFixed(2)}% CL interval [${r.lo.toFixed(3)} ± ${r.errors.lo.toFixed(3)}, ${r.hi.toFixed(3)} ± ${r.errors.hi.toFixed(3)}] (toys), exact [${exact.lo.toFixed(3)}, ${exact.hi.toFixed(3)}]\n`,
      );
    return;
  }
  throw new UserError('--target', `unknown target "${flags.target}"`, 'use poisson or gaussian-bounded');
}

/** Settings of a run from the flags. */
function configFromFlags(id: string, flags: ToysFlags): ToyConfig {
  const analysis = loadAnalysis(id);
  if (analysis.interest) {
    throw new UserError(`${analysis.file}: parameters`, `the parameter of interest of ${analysis.id} is the nuisance ${analysis.interest.name} (an SM fit); toys construct intervals of physics parameters only`, 'use nuem profile / nuem run for this analysis, or run toys on an analysis with a physics parameter');
  }
  const names = flags.param.length > 0 ? flags.param : analysis.physics.length === 1 ? [analysis.physics[0]!.name] : [];
  if (names.length < 1 || names.length > 2) {
    throw new UserError('--param', `give one or two parameters of interest (got ${names.length})`, `choose from ${analysis.physics.map((p) => p.name).join(', ')}`);
  }
  if (names.length === 2 && names[0] === names[1]) throw new UserError('--param', `${names[0]} given twice`, 'give two different parameters');
  const dim = names.length;
  const points = flags.points === undefined ? (dim === 1 ? 100 : 21) : num('--points', flags.points, { int: true, min: 5 });
  const axes: ToyAxis[] = names.map((n) => {
    const p = analysis.physics.find((q) => q.name === n);
    if (!p) throw new UserError('--param', `${n} is not a free physics parameter of ${analysis.id}`, `use one of ${analysis.physics.map((q) => q.name).join(', ')}`);
    if (!p.scan) throw new UserError(`${analysis.file}: parameters`, `${n} has no scan range`, 'add scan: { min, max, scale }');
    return { name: n, min: p.scan.min, max: p.scan.max, scale: p.scan.scale, points };
  });
  if (flags.nuisances !== 'profile' && flags.nuisances !== 'prior') throw new UserError('--nuisances', `unknown mode "${flags.nuisances}"`, 'use profile or prior');
  return {
    analysis: analysis.id,
    analysisFile: resolve(analysis.file),
    modelHash: modelHash(analysis),
    axes,
    toys: flags.toys === undefined ? (dim === 1 ? 1000 : 300) : num('--toys', flags.toys, { int: true, min: 10 }),
    cl: parseCl(flags.cl, analysis.spec.profile.cl),
    seed: flags.seed ?? String(analysis.spec.sampler?.seed ?? 1),
    nuisances: flags.nuisances,
    innerPoints: 25,
  };
}

/**
 * Output paths of a construction.
 *
 * @param root - output root (`--out`)
 * @param config - settings
 * @returns result path and a function giving shard paths
 */
export function toyPaths(root: string, config: ToyConfig): { dir: string; stem: string; result: string; shard: (k: number, n: number) => string } {
  const dir = join(root, config.analysis);
  const stem = `${config.axes.map((a) => a.name).join('-')}.seed${config.seed}${config.nuisances === 'prior' ? '.prior' : ''}`;
  return { dir, stem, result: join(dir, `${stem}.json`), shard: (k, n) => join(dir, `${stem}.shard-${k}-of-${n}.json`) };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(path, `cannot read JSON (${e instanceof Error ? e.message : String(e)})`, 'give a file written by nuem toys');
  }
}

function readShard(path: string): ShardFile {
  const s = readJson(path) as Partial<ShardFile>;
  if (s.format !== SHARD_FORMAT || !s.config || !Array.isArray(s.points) || !s.shard) throw new UserError(path, 'not a nuem toys shard file', 'give files written by nuem toys --shard k/n');
  return s as ShardFile;
}

function readResult(path: string): ToyResult {
  const s = readJson(path) as Partial<ToyResult>;
  if (s.format !== RESULT_FORMAT || !s.config || !Array.isArray(s.points)) throw new UserError(path, 'not a nuem toys result file', 'run nuem toys <analysis> (or merge its shards) first');
  return s as ToyResult;
}

function guardWrite(path: string, force: boolean | undefined): void {
  if (existsSync(path) && !force) throw new UserError(path, 'exists', 'add --force to overwrite it, or --resume to keep it');
  mkdirSync(dirname(path), { recursive: true });
}

async function computeShard(config: ToyConfig, k: number, n: number, flags: ToysFlags, threads: number | undefined): Promise<ShardFile> {
  const indices = shardIndices(gridSize(config), k, n);
  const report = progressReporter(flags.progress, `shard ${k}/${n}: points`, indices.length, `(${config.toys} toys each)`);
  const points = await runPoints(config, indices, { ...(threads ? { threads } : {}), onPoint: (_r, done) => report(done) });
  return { format: SHARD_FORMAT, version: 1, codeVersion: CODE_VERSION, configHash: configHash(config), config, shard: { k, n }, points };
}

function sameConfig(a: ToyConfig, b: ToyConfig): boolean {
  return configHash(a) === configHash(b);
}

function printResult(result: ToyResult, path: string, json: boolean | undefined): void {
  if (json) {
    const { points: _p, ...rest } = result;
    process.stdout.write(`${JSON.stringify({ result: path, ...rest })}\n`);
    return;
  }
  const c = result.config;
  const fmt = (x: number): string => x.toPrecision(4);
  const lines = [`${c.analysis}: ${c.axes.map((a) => a.name).join(', ')} at ${(c.cl * 100).toFixed(1)}% CL, ${gridSize(c)} points × ${c.toys} toys, nuisances: ${c.nuisances === 'profile' ? 'conditional best fit to the data (profile construction)' : 'drawn from their priors'}`];
  if (result.fcIntervals) {
    for (const i of result.fcIntervals) lines.push(`  Feldman–Cousins [${i.lo.open ? '≤' : ''}${fmt(i.lo.at)} ± ${fmt(i.lo.error)}, ${i.hi.open ? '≥' : ''}${fmt(i.hi.at)} ± ${fmt(i.hi.error)}]`);
    for (const i of result.wilks.intervals ?? []) lines.push(`  Wilks (Δχ² = ${result.wilks.deltaChi2.toFixed(3)}) [${i.lo.open ? '≤' : ''}${fmt(i.lo.at)}, ${i.hi.open ? '≥' : ''}${fmt(i.hi.at)}]`);
    const tcs = result.tcSmooth;
    lines.push(`  critical value t_c from ${fmt(Math.min(...tcs))} to ${fmt(Math.max(...tcs))} (Wilks ${result.wilks.deltaChi2.toFixed(3)})`);
  } else {
    lines.push(`  Feldman–Cousins region: ${result.fcAccepted!.filter(Boolean).length} of ${result.fcAccepted!.length} grid points accepted, ${result.fcPolygons!.length} polygon(s)`);
    lines.push(`  Wilks region (Δχ² = ${result.wilks.deltaChi2.toFixed(3)}): ${result.wilks.polygons!.length} polygon(s)`);
  }
  lines.push(`  written ${path}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Runs `nuem toys` (see the module doc).
 *
 * @param id - analysis id or path (absent with --target)
 * @param flags - command-line flags
 * @returns when done; prints the result
 * @throws UserError for bad input (exit code 2)
 */
export async function toysAction(id: string | undefined, flags: ToysFlags): Promise<void> {
  if (flags.target !== undefined) {
    if (id !== undefined) throw new UserError(`toys ${id}`, 'an analysis and --target were both given', 'give one of them');
    targetAction(flags);
    return;
  }
  if (id === undefined) throw new UserError('toys', 'no analysis given', 'name an analysis (nuem list analyses) or use --target poisson|gaussian-bounded');
  const config = configFromFlags(id, flags);
  const threads = flags.threads === undefined ? undefined : num('--threads', flags.threads, { int: true, min: 1 });
  const paths = toyPaths(flags.out, config);
  if (flags.shard !== undefined && flags.shards !== undefined) throw new UserError('--shard', 'cannot be combined with --shards', 'give one of them');
  if (flags.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.shard);
    const k = m ? Number(m[1]) : NaN;
    const n = m ? Number(m[2]) : NaN;
    if (!(n >= 1 && k >= 1 && k <= n)) throw new UserError('--shard', `"${flags.shard}" is not k/n with 1 ≤ k ≤ n`, 'give e.g. --shard 3/10');
    if (n > gridSize(config)) throw new UserError('--shard', `${n} shards for ${gridSize(config)} grid points`, 'use at most one shard per grid point');
    if (flags.coverage !== undefined || flags.expected) throw new UserError('--shard', 'coverage and expected limits need the merged result', 'merge the shards first, then run with --resume --coverage/--expected');
    const path = paths.shard(k, n);
    if (flags.resume && existsSync(path) && sameConfig(readShard(path).config, config)) {
      process.stderr.write(`nuem toys: shard ${k}/${n} already done (${path}), skipped\n`);
      if (flags.json) process.stdout.write(`${JSON.stringify({ shard: path, skipped: true })}\n`);
      return;
    }
    guardWrite(path, flags.force || flags.resume);
    const shard = await computeShard(config, k, n, flags, threads);
    writeFileAtomic(path, serialize(shard));
    if (flags.json) process.stdout.write(`${JSON.stringify({ shard: path, skipped: false })}\n`);
    else process.stdout.write(`shard ${k}/${n} of ${config.analysis} (${shard.points.length} points × ${config.toys} toys) written ${path}\n`);
    return;
  }
  let result: ToyResult;
  if (flags.resume && existsSync(paths.result) && sameConfig(readResult(paths.result).config, config)) {
    result = readResult(paths.result);
    process.stderr.write(`nuem toys: ${paths.result} already done, reused\n`);
  } else {
    guardWrite(paths.result, flags.force);
    let points: PointResult[];
    if (flags.shards !== undefined) {
      const n = num('--shards', flags.shards, { int: true, min: 1, max: gridSize(config) });
      points = [];
      for (let k = 1; k <= n; k++) {
        const path = paths.shard(k, n);
        if (flags.resume && existsSync(path) && sameConfig(readShard(path).config, config)) {
          process.stderr.write(`nuem toys: shard ${k}/${n} already done, skipped\n`);
          points.push(...readShard(path).points);
          continue;
        }
        guardWrite(path, flags.force || flags.resume);
        const shard = await computeShard(config, k, n, flags, threads);
        writeFileAtomic(path, serialize(shard));
        points.push(...shard.points);
      }
    } else {
      const total = gridSize(config);
      const report = progressReporter(flags.progress, 'points', total, `(${config.toys} toys each)`);
      points = await runPoints(
        config,
        Array.from({ length: total }, (_, i) => i),
        { ...(threads ? { threads } : {}), onPoint: (_r, done) => report(done) },
      );
    }
    result = finalizeResult(config, points);
    writeFileAtomic(paths.result, serialize(result));
  }
  const extra: Record<string, string> = {};
  if (flags.coverage !== undefined || flags.expected) {
    if (flags.expected && config.axes.length !== 1) throw new UserError('--expected', 'expected limits are implemented for one parameter (upper/lower limits); 2-D constructions give regions', 'give a single --param for --expected');
    const ctx = contextFromConfig(config);
    if (flags.coverage !== undefined) {
      const dim = config.axes.length;
      const truths = flags.coverage.split(',').map((v) => {
        const parts = v.split(':');
        if (parts.length !== dim) throw new UserError('--coverage', `"${v}" is not ${dim === 1 ? 'a number' : 'a pair x:y'}`, dim === 1 ? 'give true values as v1,v2,…' : 'give true points as x1:y1,x2:y2,… (one value per --param)');
        return parts.map((p) => num('--coverage', p));
      });
      const toys = flags.coverageToys === undefined ? 1000 : num('--coverage-toys', flags.coverageToys, { int: true, min: 10 });
      const report = progressReporter(flags.progress, 'coverage toys', truths.length * toys, '');
      const rows = computeCoverage(ctx, result, truths, toys, report);
      const base = join(paths.dir, `${paths.stem}.coverage`);
      const exts = dim === 1 ? ['csv', 'json', 'svg'] : ['csv', 'json'];
      for (const ext of exts) guardWrite(`${base}.${ext}`, flags.force || flags.resume);
      writeFileAtomic(`${base}.csv`, coverageCsv(rows, config.axes.map((a) => a.name), config.cl));
      writeFileAtomic(`${base}.json`, `${JSON.stringify({ configHash: result.configHash, config, coverageToys: toys, rows })}\n`);
      if (dim === 1) writeFileAtomic(`${base}.svg`, coveragePlot(rows, config.axes[0]!.name, config.cl));
      extra.coverage = `${base}.csv`;
    }
    if (flags.expected) {
      const toys = flags.expectedToys === undefined ? 1000 : num('--expected-toys', flags.expectedToys, { int: true, min: 10 });
      const report = progressReporter(flags.progress, 'SM toys', toys, '');
      const bands = computeExpectedLimits(ctx, result, toys, report);
      const base = join(paths.dir, `${paths.stem}.expected`);
      for (const ext of ['csv', 'json']) guardWrite(`${base}.${ext}`, flags.force || flags.resume);
      writeFileAtomic(`${base}.csv`, expectedCsv(bands, config.axes[0]!.name, config.cl, toys));
      writeFileAtomic(`${base}.json`, `${JSON.stringify({ configHash: result.configHash, config, expectedToys: toys, bands })}\n`);
      extra.expected = `${base}.csv`;
    }
  }
  printResult(result, paths.result, flags.json);
  if (!flags.json) for (const [k, v] of Object.entries(extra)) process.stdout.write(`  ${k} written ${v}\n`);
}

/**
 * Runs `nuem toys merge`: checks that the shards belong to one construction and are complete,
 * then writes the final result (byte-identical to an unsharded run).
 *
 * @param files - shard files
 * @param flags - `--out`, `--force`, `--json`
 * @throws UserError for bad input (exit code 2)
 */
export function mergeAction(files: string[], flags: MergeFlags): void {
  const shards = files.map(readShard);
  const first = shards[0]!;
  const n = first.shard.n;
  for (const [i, s] of shards.entries()) {
    if (s.configHash !== first.configHash || configHash(s.config) !== first.configHash) throw new UserError(files[i]!, 'belongs to another construction (settings differ)', 'merge only shards of one nuem toys run');
    if (s.shard.n !== n) throw new UserError(files[i]!, `is shard ${s.shard.k}/${s.shard.n}, the others are of ${n}`, 'merge shards of one split');
  }
  const ks = new Set(shards.map((s) => s.shard.k));
  if (ks.size !== shards.length) throw new UserError(files.join(' '), 'a shard is given twice', 'give each shard once');
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !ks.has(k));
  if (missing.length > 0) throw new UserError(files.join(' '), `shards ${missing.join(', ')} of ${n} are missing`, 'compute them with nuem toys --shard k/n (--resume skips finished ones)');
  const result = finalizeResult(
    first.config,
    shards.flatMap((s) => s.points),
  );
  const out = flags.out ?? join(dirname(files[0]!), `${basename(files[0]!).replace(/\.shard-\d+-of-\d+\.json$/, '')}.json`);
  guardWrite(out, flags.force);
  writeFileAtomic(out, serialize(result));
  if (flags.json) process.stdout.write(`${JSON.stringify({ result: out })}\n`);
  else printResult(result, out, false);
}
