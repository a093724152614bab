/**
 * `nuem spectrum` through the built CLI (node dist/src/cli/main.js): the --json document, the
 * millicharge interference at COHERENT and ESS Ge, exposure scaling, the electron-channel variant of
 * COHERENT, and one-line errors (exit 2, "Fix:") for bad input.
 * Sources: physics.md §2.5 (millicharge as a shift of g_p^V), §2.8 (EES), §3.3 (release counts).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import type { SpectrumJsonBin } from '../../src/cli/actions/spectrumAction.js';

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
const execFileAsync = promisify(execFile);

interface SpectrumDoc {
  experiment: string;
  unit: string;
  bins: SpectrumJsonBin[];
  total: { expected: number; byFlavor: Record<string, number>; byChannel: Record<string, number>; observed?: number; background?: number };
}
interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** True if a compiled file the spectrum verb depends on is older than its source. */
function distIsStale(): boolean {
  if (!existsSync(CLI)) return true;
  const stale = (dir: string): boolean =>
    readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).some((e) => {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) return stale(rel);
      if (!e.name.endsWith('.ts')) return false;
      const js = join(PACKAGE_ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
      return !existsSync(js) || statSync(js).mtimeMs < statSync(join(PACKAGE_ROOT, rel)).mtimeMs;
    });
  return ['src/cli', 'src/physics', 'src/experiments', 'src/units', 'src/numerics'].some(stale);
}

async function cli(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { cwd: PACKAGE_ROOT, maxBuffer: 1 << 24 });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

function parse(r: CliResult): SpectrumDoc {
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as SpectrumDoc;
}

const FLAVORS = ['numu', 'nue', 'numubar'];
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

// All CLI runs are started once, concurrently (each is a separate node process).
const RUNS = {
  coherentSm: ['spectrum', 'coherent-csi-2021', '--json'],
  coherentQ: ['spectrum', 'coherent-csi-2021', '--json', '--set', 'qee=1e-7'],
  geSm2: ['spectrum', 'ess-ge', '--json', '--exposure-years', '2'],
  geSm6: ['spectrum', 'ess-ge', '--json', '--exposure-years', '6'],
  geSmDefault: ['spectrum', 'ess-ge', '--json'],
  geQ2: ['spectrum', 'ess-ge', '--json', '--exposure-years', '2', '--set', 'qee=1e-7'],
  eesSm: ['spectrum', 'coherent-csi-2021-ees', '--json'],
  eesQ1: ['spectrum', 'coherent-csi-2021-ees', '--json', '--set', 'qee=1e-9'],
  eesQ2: ['spectrum', 'coherent-csi-2021-ees', '--json', '--set', 'qee=2e-9'],
  table: ['spectrum', 'coherent-csi-2021'],
} as const;
const results: Partial<Record<keyof typeof RUNS, CliResult>> = {};
const doc = (k: keyof typeof RUNS): SpectrumDoc => parse(results[k]!);

beforeAll(async () => {
  if (distIsStale()) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  const keys = Object.keys(RUNS) as (keyof typeof RUNS)[];
  const outs = await Promise.all(keys.map((k) => cli([...RUNS[k]])));
  keys.forEach((k, i) => (results[k] = outs[i]));
}, 240_000);

describe('nuem spectrum coherent-csi-2021 --json: document structure', () => {
  it('bins carry lo, hi, expected, byFlavor, byChannel, observed, observedSigma, background; edges are the paper PE binning (physics.md §3.3)', () => {
    const d = doc('coherentSm');
    expect(d.experiment).toBe('coherent-csi-2021');
    expect(d.unit).toBe('PE');
    expect(d.bins.map((b) => b.lo)).toEqual([0, 8, 12, 16, 20, 24, 32, 40, 50]);
    expect(d.bins.map((b) => b.hi)).toEqual([8, 12, 16, 20, 24, 32, 40, 50, 60]);
    for (const b of d.bins) {
      expect(Object.keys(b).sort()).toEqual(['background', 'byChannel', 'byFlavor', 'expected', 'hi', 'lo', 'observed', 'observedSigma'].sort());
      expect(Object.keys(b.byFlavor).sort()).toEqual([...FLAVORS].sort());
      expect(Object.keys(b.byChannel)).toEqual(['cevns']);
      expect(b.expected).toBeGreaterThan(0);
    }
  });
  it('per bin expected = Σ byFlavor = Σ byChannel, and total.expected = Σ bins (exact sums, rel 1e-12 for rounding)', () => {
    const d = doc('coherentSm');
    for (const b of d.bins) {
      expect(relDiff(sum(FLAVORS.map((f) => b.byFlavor[f]!)), b.expected)).toBeLessThan(1e-12);
      expect(relDiff(b.byChannel.cevns!, b.expected)).toBeLessThan(1e-12);
    }
    expect(relDiff(d.total.expected, sum(d.bins.map((b) => b.expected)))).toBeLessThan(1e-12);
    for (const f of FLAVORS) expect(relDiff(d.total.byFlavor[f]!, sum(d.bins.map((b) => b.byFlavor[f]!)))).toBeLessThan(1e-12);
  });
  it('observed = C − AC and observedSigma = sqrt(C + AC) of the release, background sums to 18.4 BRN + 5.6 NIN (physics.md §3.3 table, exact)', () => {
    const d = doc('coherentSm');
    const C = [11, 147, 224, 177, 144, 237, 210, 231, 197];
    const AC = [4, 98, 144, 123, 105, 202, 182, 216, 221];
    expect(d.bins.map((b) => b.observed)).toEqual(C.map((c, i) => c - AC[i]!));
    d.bins.forEach((b, i) => expect(b.observedSigma).toBeCloseTo(Math.sqrt(C[i]! + AC[i]!), 12));
    expect(d.total.observed).toBe(283);
    expect(relDiff(d.total.background!, 24.0)).toBeLessThan(1e-9);
  });
  it('the table form prints one line per bin plus header and sum lines', () => {
    const r = results.table!;
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 9 + 1);
    expect(lines[lines.length - 1]).toMatch(/^sum\s/);
  });
});

describe('nuem spectrum --set qee=1e-7: millicharge interference (physics.md §2.5)', () => {
  // g_p^V → g_p^V + δ with δ ∝ +q_ee/T, only for ν_e. Since Q_W^SM < 0 and Z g_p^V is small, a positive
  // charge first reduces |Q_W,eff| (rate (1 − q/Q_0(T))² × SM), vanishing at q = Q_0(T), and exceeds
  // the SM only where q > 2 Q_0(T). [HLP] Q_0 = 3.36e-7 (Cs) / 3.16e-7 (I) at T = 11 keV and Q_0 ∝ T.
  it('COHERENT: every bin\'s ν_e part drops (q/Q_0 < 2 for all T > 1.8 keVnr, below the PE threshold); ν_μ, ν̄_μ unchanged (rel 1e-12)', () => {
    const sm = doc('coherentSm');
    const q = doc('coherentQ');
    sm.bins.forEach((b, i) => {
      expect(q.bins[i]!.byFlavor.nue!).toBeLessThan(b.byFlavor.nue!);
      expect(relDiff(q.bins[i]!.byFlavor.numu!, b.byFlavor.numu!)).toBeLessThan(1e-12);
      expect(relDiff(q.bins[i]!.byFlavor.numubar!, b.byFlavor.numubar!)).toBeLessThan(1e-12);
      expect(q.bins[i]!.observed).toBe(b.observed);
      expect(q.bins[i]!.background).toBe(b.background);
    });
    expect(q.total.expected).toBeLessThan(sm.total.expected);
  });
  it('ESS Ge: ν_e falls above ~3.4 keVnr, rises in the lowest bin (pure 1/T² term), and is deepest in the bin holding T_0 ≈ 6.7 keVnr', () => {
    // Ge: Q_0(T) ≈ 3.36e-7 · (|Q_W^Ge| M_Ge Z_Cs)/(|Q_W^Cs| M_Cs Z_Ge) · T/11 keV ≈ 1.49e-8 · T/keV, so for
    // q = 1e-7 the ν_e rate vanishes at T_0 ≈ 6.7 keV and equals the SM at T ≈ 3.4 keV (physics.md §2.5).
    const sm = doc('geSm2');
    const q = doc('geQ2');
    const ratio = sm.bins.map((b, i) => q.bins[i]!.byFlavor.nue! / b.byFlavor.nue!);
    // bins wholly below the crossing at ≈3.4 keVnr rise, bins wholly above it fall
    sm.bins.forEach((b, i) => {
      if (b.hi < 3.3) expect(ratio[i]).toBeGreaterThan(1);
      if (b.lo > 3.5) expect(ratio[i]).toBeLessThan(1);
    });
    expect(ratio[0]).toBeGreaterThan(1);
    const deepest = ratio.indexOf(Math.min(...ratio));
    expect(sm.bins[deepest]!.lo).toBeLessThan(6.7);
    expect(sm.bins[deepest]!.hi).toBeGreaterThan(6.7);
    sm.bins.forEach((b, i) => {
      expect(relDiff(q.bins[i]!.byFlavor.numu!, b.byFlavor.numu!)).toBeLessThan(1e-12);
      expect(relDiff(q.bins[i]!.byFlavor.numubar!, b.byFlavor.numubar!)).toBeLessThan(1e-12);
    });
  });
});

describe('nuem spectrum ess-ge --exposure-years: counts scale with the exposure', () => {
  it('6 years = 3 × 2 years for signal and background in every bin (linear in POT and live days, rel 1e-12)', () => {
    const a = doc('geSm2');
    const b = doc('geSm6');
    expect(a.unit).toBe('keVnr');
    a.bins.forEach((x, i) => {
      expect(relDiff(b.bins[i]!.expected, 3 * x.expected)).toBeLessThan(1e-12);
      expect(relDiff(b.bins[i]!.background!, 3 * x.background!)).toBeLessThan(1e-12);
      expect(b.bins[i]!.lo).toBe(x.lo);
      expect(x.observed).toBeUndefined();
    });
  });
  it('without the flag the file\'s 3 years are used (= 1.5 × the 2-year spectrum, rel 1e-12)', () => {
    const a = doc('geSm2');
    const d = doc('geSmDefault');
    expect(relDiff(d.total.expected, 1.5 * a.total.expected)).toBeLessThan(1e-12);
  });
});

describe('nuem spectrum coherent-csi-2021-ees: COHERENT with the electron channel (physics.md §2.8)', () => {
  it('byChannel has cevns and electron; expected = cevns + electron per bin; the cevns part equals coherent-csi-2021 (rel 1e-12)', () => {
    const e = doc('eesSm');
    const c = doc('coherentSm');
    expect(e.experiment).toBe('coherent-csi-2021-ees');
    e.bins.forEach((b, i) => {
      expect(Object.keys(b.byChannel)).toEqual(['cevns', 'electron']);
      expect(relDiff(b.byChannel.cevns! + b.byChannel.electron!, b.expected)).toBeLessThan(1e-12);
      expect(relDiff(b.byChannel.cevns!, c.bins[i]!.expected)).toBeLessThan(1e-12);
      expect(b.observed).toBe(c.bins[i]!.observed);
    });
  });
  it('in the SM electron scattering is negligible (< 1e-5 of CEvNS; ESS text §V.3: ~5 orders of magnitude below CEvNS)', () => {
    const e = doc('eesSm');
    expect(e.total.byChannel.electron!).toBeGreaterThan(0);
    expect(e.total.byChannel.electron! / e.total.byChannel.cevns!).toBeLessThan(1e-5);
  });
  it('with q_ee the electron excess grows as q² (pure-EM 1/T² term dominates: |ratio − 4| < 0.01 for q = 2e-9 vs 1e-9) and sits only in ν_e', () => {
    // Interference/pure-EM ≈ 2 g_V/δ_e with δ_e = √2 π α q/(G_F m_e T) ≈ 1.2e3 for q = 1e-9 at T_e ≤ 4.5 keV,
    // so the ratio of the excesses deviates from 4 by at most ~4e-3.
    const sm = doc('eesSm');
    const q1 = doc('eesQ1');
    const q2 = doc('eesQ2');
    const ratio = (q2.total.byChannel.electron! - sm.total.byChannel.electron!) / (q1.total.byChannel.electron! - sm.total.byChannel.electron!);
    expect(Math.abs(ratio - 4)).toBeLessThan(0.01);
    expect(q1.total.byChannel.electron!).toBeGreaterThan(1e5 * sm.total.byChannel.electron!);
    for (const f of ['numu', 'numubar']) expect(relDiff(q1.total.byFlavor[f]!, sm.total.byFlavor[f]!)).toBeLessThan(1e-12);
  });
});

describe('nuem spectrum: bad input → exit 2, one stderr line with "Fix:", nothing on stdout', () => {
  it.each([
    [['ess-ge', '--set', 'qxx=1e-8'], /--set: unknown parameter "qxx"/],
    [['ess-ge', '--set', 'qee=abc'], /--set: value "abc" of qee is not a number/],
    [['ess-ge', '--set', 'qee=5'], /--set: qee=5 is outside the accepted range/],
    [['no-such-experiment'], /no-such-experiment: no experiment with this id/],
    [['ess-ge', '--exposure-years', '-1'], /--exposure-years: "-1" is not a positive number/],
    [['coherent-csi-2021', '--exposure-years', '2'], /--exposure-years: experiment coherent-csi-2021 has a fixed exposure/],
  ])('nuem spectrum %j', async (args, re) => {
    const r = await cli(['spectrum', ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nuem: /);
    expect(lines[0]).toMatch(re);
    expect(lines[0]).toMatch(/Fix: \S/);
  });
});
