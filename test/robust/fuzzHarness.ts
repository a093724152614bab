/**
 * The fuzz harness of issue 16: a seeded generator of structure-aware model-file mutations,
 * command-line arguments and damaged chain files, and the promises every generated input is
 * checked against (see {@link checkPromises}):
 * - the exit code is 0 or 2, never 1 (a crash) and never a kill by the time box (a hang);
 * - exit 2 comes with exactly one stderr line `nuem: <where>: <what>. Fix: <how>`, no stack trace,
 *   no control characters, and nothing written in the working directory;
 * - exit 0 never prints NaN or Infinity.
 * The generator is deterministic given its seed (mulberry32), so a failing case is reproduced by
 * its seed and index, printed in the test name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../mutation/mutationHarness.js';

/** A small, fast, seeded PRNG (mulberry32; Tommy Ettinger's public-domain generator). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element. */
export const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

type Path = (string | number)[];

/** Every path in a parsed document (containers and leaves), depth first. */
export function allPaths(doc: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push([...prefix, i], ...allPaths(v, [...prefix, i])));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) out.push([...prefix, k], ...allPaths(v, [...prefix, k]));
  return out;
}

function getAt(doc: unknown, path: Path): unknown {
  let o = doc as Record<string | number, unknown>;
  for (const k of path) o = o?.[k] as Record<string | number, unknown>;
  return o;
}

/** Values that break numbers: overflow, underflow, sign, integer limits, non-numbers. */
const NUMBER_ATTACKS: readonly unknown[] = [1e308, -1e308, 1.7e308 * 10, 0, -1, -0, 1e-320, 2 ** 53 + 1, 4294967295, 4294967296, 1e9, 1e30, 0.5, NaN, '12abc', null, [], {}, true, '1e308'];
/** Values that break strings: length, escape sequences, paths out of the tree, devices, types. */
const STRING_ATTACKS: readonly unknown[] = [
  'x'.repeat(300),
  '\u001b[2J\u001b]0;pwned\u0007title',
  '',
  '../../../../etc/passwd',
  '/dev/zero',
  '/etc/passwd',
  'a'.repeat(5000),
  7,
  '\u202eevil',
  'bogus-id',
  '<script>alert(1)</script>',
];

/** A mutated copy of `doc` and a description of the mutation. */
export interface DocMutation {
  doc: Record<string, unknown>;
  what: string;
}

/**
 * One structure-aware mutation of a parsed model file: a random path is chosen and, depending on
 * what sits there, a number is replaced by an extreme or wrong-typed value, a string by a long,
 * escaped, path-like or wrong-typed one, an array emptied / blown up / given a duplicate, an object
 * given an unknown key, or a key deleted.
 *
 * @param base - the valid document
 * @param rng - generator
 * @returns the mutated copy and what was done
 */
export function mutateDoc(base: Record<string, unknown>, rng: () => number): DocMutation {
  const doc = structuredClone(base);
  const paths = allPaths(doc);
  const path = pick(rng, paths);
  const parent = getAt(doc, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const v = parent[key];
  const at = path.join('.');
  const r = rng();
  if (r < 0.08) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return { doc, what: `delete ${at}` };
  }
  if (typeof v === 'number') {
    const x = pick(rng, NUMBER_ATTACKS);
    parent[key] = x;
    return { doc, what: `${at} = ${JSON.stringify(x) ?? String(x)}` };
  }
  if (typeof v === 'string') {
    const x = pick(rng, STRING_ATTACKS);
    parent[key] = x;
    return { doc, what: `${at} = ${JSON.stringify(x).slice(0, 40)}` };
  }
  if (Array.isArray(v)) {
    const op = Math.floor(rng() * 4);
    if (op === 0) parent[key] = [];
    else if (op === 1 && v.length > 0) v.push(structuredClone(v[0]));
    else if (op === 2 && v.length > 0) parent[key] = Array.from({ length: 2000 }, () => structuredClone(v[0]));
    else parent[key] = 'not-an-array';
    return { doc, what: `${at}: array op ${op}` };
  }
  if (v !== null && typeof v === 'object') {
    const op = Math.floor(rng() * 3);
    if (op === 0) (v as Record<string, unknown>).bogusKey = 1;
    else if (op === 1) parent[key] = [];
    else parent[key] = pick(rng, NUMBER_ATTACKS);
    return { doc, what: `${at}: object op ${op}` };
  }
  parent[key] = pick(rng, [...NUMBER_ATTACKS, ...STRING_ATTACKS]);
  return { doc, what: `${at} replaced` };
}

const BAD_NUMBERS = ['0', '-1', '1e9', '1e30', '2e8', '100000', 'NaN', 'abc', '', '4294967296', '1.5', '-0', '99999999999999999999', '1e-320'];

/**
 * A random command line: a verb with some of its options, each with a valid or an attacking value,
 * sometimes an unknown option or a missing argument.
 *
 * @param rng - generator
 * @param files - paths the arguments may name (model files, chains, a directory, a FIFO …)
 * @returns the words after `nuem`
 */
export function randomArgs(rng: () => number, files: { analysis: string; experiment: string; chain: string; dir: string; odd: readonly string[] }): string[] {
  const val = (good: string): string => (rng() < 0.4 ? good : pick(rng, BAD_NUMBERS));
  const anyFile = (): string => pick(rng, [files.analysis, files.experiment, files.chain, files.dir, ...files.odd]);
  const verbs: Array<() => string[]> = [
    () => ['validate', anyFile()],
    () => ['spectrum', rng() < 0.5 ? files.experiment : anyFile(), ...(rng() < 0.5 ? ['--set', pick(rng, ['qee=1e-7', 's2w=5', 'qee=1e308', 'bogus=1', 'qee', 's2w=0', 'qmumu=-2'])] : []), ...(rng() < 0.3 ? ['--exposure-years', val('3')] : [])],
    () => ['xsec', '--target', pick(rng, ['Cs133', 'Ge', 'Xx', 'electron:Cs']), '--flavor', pick(rng, ['nue', 'numu', 'nux']), '--enu-MeV', val('30'), ...(rng() < 0.6 ? ['--recoil-keV', val('10')] : ['--tmin-keV', val('1')]), ...(rng() < 0.3 ? ['--rn-fm', val('4.8')] : [])],
    () => ['profile', rng() < 0.7 ? files.analysis : anyFile(), ...(rng() < 0.6 ? ['--points', val('11')] : []), ...(rng() < 0.4 ? ['--cl', pick(rng, ['0.9', '1e-12', '1', '0', '0.99999999', 'x'])] : []), ...(rng() < 0.3 ? ['--param', pick(rng, ['qee', 'bogus', 's2w'])] : [])],
    () => ['report', rng() < 0.6 ? files.chain : anyFile(), '--no-profile', ...(rng() < 0.5 ? ['--out', pick(rng, ['rep', files.analysis, '/proc/nuem-report', ''])] : ['--out', 'rep']), ...(rng() < 0.3 ? ['--prob', pick(rng, ['0.9', '0', '1', '1e-12', 'x'])] : [])],
    () => ['sample', '--no-progress', '--steps', val('40'), '--walkers', val('8'), ...(rng() < 0.5 ? ['--seed', pick(rng, ['1', '4294967295', '-1', '4294967296'])] : []), ...(rng() < 0.5 ? ['--moves', pick(rng, ['stretch', 'bogus', 'stretch(a=-1)', 'walk(s=100)', 'de:0', 'gaussian', 'gaussian(sigma=0.1/0.2/0.3)', ''])] : []), ...(rng() < 0.4 ? ['--out', pick(rng, ['x.h5', 'missing/dir/x.h5', '/dev/zero', files.dir, '.'])] : []), ...(rng() < 0.2 ? ['--ensembles', val('2')] : [])],
    () => ['run', files.analysis, '--quiet', '--walkers', val('8'), '--max-steps', val('16'), '--profile-points', val('11'), '--check-every', '8', ...(rng() < 0.4 ? ['--run', pick(rng, ['ok', 'x'.repeat(300), '../up', '', 'a b'])] : []), ...(rng() < 0.3 ? ['--seed', pick(rng, ['1', '4294967295', '4294967296'])] : []), ...(rng() < 0.3 ? ['--ensembles', val('2')] : [])],
    () => ['list', pick(rng, ['analyses', 'experiments', 'parameters', 'bogus'])],
  ];
  const args = pick(rng, verbs)();
  const r = rng();
  if (r < 0.1) args.push('--bogus-option');
  else if (r < 0.15) args.push('--json', '--json');
  else if (r < 0.2 && args.length > 1) args.length = 1; // missing arguments
  return args;
}

/** Result of one CLI call. */
export interface FuzzResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** names created in the working directory */
  written: string[];
  ms: number;
}

/**
 * Runs the built CLI in `cwd` with a time box.
 *
 * @param args - words after `nuem`
 * @param cwd - working directory (must exist)
 * @param timeoutMs - kill after this long (a hang)
 * @returns exit status, output, new names in `cwd`
 */
export function runBox(args: string[], cwd: string, timeoutMs: number): Promise<FuzzResult> {
  const before = new Set(readdirSync(cwd));
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, written: readdirSync(cwd).filter((f) => !before.has(f)), ms: Date.now() - t0 });
    });
  });
}

/** A fresh working directory under `root`. */
export const freshCwd = (root: string): string => mkdtempSync(join(root, 'fz-'));

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * The promises of issue 16 for one call; returns what was broken (empty when all held).
 *
 * @param r - the call's result
 * @returns a list of broken promises, each a short sentence
 */
export function checkPromises(r: FuzzResult): string[] {
  const broken: string[] = [];
  if (r.status === null) return [`killed by the time box after ${r.ms} ms (${r.signal}): a hang`];
  if (r.status !== 0 && r.status !== 2) broken.push(`exit ${r.status} (expected 0 or 2): ${r.stderr.slice(0, 300)}`);
  if (r.status === 2) {
    const lines = r.stderr.split('\n').filter((l) => l.length > 0);
    if (lines.length !== 1) broken.push(`exit 2 with ${lines.length} stderr lines: ${r.stderr.slice(0, 300)}`);
    const l = lines[0] ?? '';
    if (!l.startsWith('nuem: ')) broken.push(`the error line does not start with "nuem: ": ${l.slice(0, 200)}`);
    if (!l.includes('. Fix: ')) broken.push(`the error line has no ". Fix: ": ${l.slice(0, 200)}`);
    if (CONTROL.test(r.stderr.replace(/\n$/, ''))) broken.push('the error line holds control characters');
    if (r.written.length > 0) broken.push(`exit 2 but wrote ${r.written.join(', ')}`);
  }
  if (r.status === 0 && /\bNaN\b|\bInfinity\b/.test(r.stdout)) broken.push(`exit 0 but printed NaN/Infinity: ${r.stdout.slice(0, 300)}`);
  return broken;
}

/** Total size of the files below `dir` (to see whether a refused call changed its inputs). */
export function treeBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    try {
      const st = statSync(join(dir, f));
      if (st.isFile()) n += st.size;
    } catch {
      /* vanished */
    }
  }
  return n;
}

/** One way to damage a chain file (HDF5 + sidecar). */
export interface ChainDamage {
  what: string;
  /** returns the damaged bytes of the HDF5 file, or null to delete it */
  h5: (bytes: Buffer) => Buffer | null;
  /** returns the damaged sidecar text, or null to delete it */
  side: (text: string) => string | null;
}

/**
 * A random damage: truncation, bit flips in the raw-data half of the file, a zeroed block,
 * trailing garbage, a deleted or corrupted sidecar, a sidecar whose resume state no longer
 * matches the last row.
 *
 * @param rng - generator
 * @returns the damage
 */
export function randomDamage(rng: () => number): ChainDamage {
  const keep = (b: Buffer): Buffer => b;
  const same = (t: string): string => t;
  const ops: Array<() => ChainDamage> = [
    () => {
      const f = 0.1 + 0.85 * rng();
      return { what: `truncate to ${f.toFixed(2)}`, h5: (b) => b.subarray(0, Math.floor(b.length * f)), side: same };
    },
    () => {
      const n = 1 + Math.floor(rng() * 4);
      const seeds = Array.from({ length: n }, () => rng());
      return {
        what: `flip ${n} bit(s) in the second half`,
        h5: (b) => {
          const c = Buffer.from(b);
          for (const s of seeds) {
            const i = Math.floor(c.length / 2 + s * (c.length / 2 - 1));
            c[i] = c[i]! ^ (1 << Math.floor(s * 8));
          }
          return c;
        },
        side: same,
      };
    },
    () => {
      const s = rng();
      return {
        what: 'zero 512 bytes',
        h5: (b) => {
          const c = Buffer.from(b);
          c.fill(0, Math.floor(s * (c.length - 512)), Math.floor(s * (c.length - 512)) + 512);
          return c;
        },
        side: same,
      };
    },
    () => ({ what: 'append garbage', h5: (b) => Buffer.concat([b, Buffer.alloc(4096, 0xab)]), side: same }),
    () => ({ what: 'delete the sidecar', h5: keep, side: () => null }),
    () => ({ what: 'truncate the sidecar', h5: keep, side: (t) => t.slice(0, Math.floor(t.length * rng())) }),
    () => ({ what: 'escape sequence in the sidecar analysis id', h5: keep, side: (t) => t.replace(/"analysisId":"[^"]*"/, '"analysisId":"\\u001b[2Jx"') }),
    () => ({ what: 'resume state off by one ulp', h5: keep, side: (t) => t.replace(/"coords":\[(-?[0-9.e+-]+)/, (_m, x: string) => `"coords":[${String(Number(x) * (1 + 2 ** -52) || 1e-300)}`) }),
    () => ({ what: 'delete the HDF5 file', h5: () => null, side: same }),
  ];
  return pick(rng, ops)();
}
