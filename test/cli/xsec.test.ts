import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { computeXsec } from '../../src/cli/actions/computeXsec.js';
import { DEFAULT_DIVERGENT_TMIN_keV } from '../../src/cli/commands/xsec.js';
import { main } from '../../src/cli/main.js';
import { UserError } from '../../src/cli/userError.js';
import { cevnsDsigmaDT_cm2_per_keV } from '../../src/physics/crossSections/cevnsDsigmaDT.js';
import { defaultKleinNystrandConfig } from '../../src/physics/nuclei/formFactor.js';
import { nuclearTarget } from '../../src/physics/nuclei/nuclearTarget.js';
import { emParams } from '../../src/physics/parameters.js';

afterEach(() => vi.restoreAllMocks());

/** Runs main() in-process and captures stdout/stderr and the exit code. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const code = await main(['node', 'nuem', ...args]);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('nuem xsec', () => {
  it('--json differential: one object whose value equals the library function (KN, Cs, qmumu)', async () => {
    const r = await run(['xsec', '--target', 'Cs133', '--flavor', 'numu', '--enu-MeV', '29.79', '--recoil-keV', '8', '--form-factor', 'klein-nystrand', '--set', 'qmumu=1e-8', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const iso = nuclearTarget('Cs133').isotopes[0]!;
    expect(o.dsigma_dT_cm2_per_keV).toBe(cevnsDsigmaDT_cm2_per_keV(iso, 'numu', 29.79, 8, emParams({ qmumu: 1e-8 }), defaultKleinNystrandConfig()));
    expect(o).toMatchObject({ target: 'Cs133', flavor: 'numu', enu_MeV: 29.79, recoil_keV: 8, formFactor: 'klein-nystrand', set: { qmumu: 1e-8 } });
    expect(o.tmin_keV).toBeUndefined(); // only meaningful for totals
    expect(r.out.trim().split('\n').length).toBe(1);
  });
  it('total: SM uses T_min = 0; with a millicharge the documented default 0.1 keV is used and echoed', () => {
    expect(computeXsec({ target: 'I127', flavor: 'nue', enuMeV: '30' }).tmin_keV).toBe(0);
    const r = computeXsec({ target: 'I127', flavor: 'nue', enuMeV: '30', set: ['qee=1e-8'] });
    expect(r.tmin_keV).toBe(DEFAULT_DIVERGENT_TMIN_keV);
    expect(r.sigma_cm2).toBeGreaterThan(0);
    expect(computeXsec({ target: 'electron:Cs', flavor: 'numubar', enuMeV: '30', tminKeV: '1' }).sigma_cm2).toBeGreaterThan(0);
  });
  it('--rn-fm changes the Helm radius (larger radius, smaller cross section at finite q)', () => {
    const a = computeXsec({ target: 'Ge', flavor: 'nue', enuMeV: '40', recoilKeV: '20', rnFm: '3.5' }).dsigma_dT_cm2_per_keV!;
    const b = computeXsec({ target: 'Ge', flavor: 'nue', enuMeV: '40', recoilKeV: '20', rnFm: '4.5' }).dsigma_dT_cm2_per_keV!;
    expect(b).toBeLessThan(a);
  });
  it.each([
    [['--target', 'Pb208', '--flavor', 'nue', '--enu-MeV', '30'], /--target: unknown target/],
    [['--target', 'Cs133', '--flavor', 'nutau', '--enu-MeV', '30'], /--flavor: unknown flavour/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', 'abc'], /--enu-MeV: "abc" is not a positive number/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '-3'], /--enu-MeV/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--recoil-keV', '0'], /--recoil-keV/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qxx=1'], /--set: unknown parameter "qxx"/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qee=ten'], /--set: value "ten" of qee is not a number/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qee=5'], /outside the accepted range/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qee=1e-8', '--tmin-keV', '0'], /--tmin-keV: .*diverges/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--rn-fm', '1'], /--rn-fm: R_n = 1 fm is too small/],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--form-factor', 'fermi'], /--form-factor: unknown form factor/],
  ])('bad input %j → one-line error, exit code 2', async (args, re) => {
    const r = await run(['xsec', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.out).toBe('');
  });
  it('computeXsec throws UserError (not a generic Error) for bad input', () => {
    expect(() => computeXsec({ target: 'Cs133', flavor: 'nue' })).toThrow(UserError);
  });
});

// The same verb through the built CLI (dist/src/cli/main.js, built by `npm test`): table and JSON
// agree, the millicharge interference has the analytic shape, and bad input gives one "Fix:" line.
describe('built CLI: nuem xsec', () => {
  const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
  const exec = promisify(execFile);
  async function spawnCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await exec(process.execPath, [CLI, 'xsec', ...args], { cwd: PACKAGE_ROOT });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof x.code === 'number' ? x.code : -1, out: x.stdout ?? '', err: x.stderr ?? '' };
    }
  }
  const base = ['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--recoil-keV', '11'];

  it('ν_e on Cs133 at E = 30 MeV, T = 11 keV: dσ/dT(q)/dσ/dT(0) = (1 − q/Q_0)² gives Q_0 = 3.3612e-7 e within 1e-4 ([HLP], physics.md §2.5, Khan §V), for q = +1e-7 and −1e-7; table prints the JSON value', async () => {
    const [sm, plus, minus, table] = await Promise.all([
      spawnCli([...base, '--json']),
      spawnCli([...base, '--set', 'qee=1e-7', '--json']),
      spawnCli([...base, '--set', 'qee=-1e-7', '--json']),
      spawnCli([...base, '--set', 'qee=1e-7']),
    ]);
    for (const r of [sm, plus, minus, table]) expect([r.code, r.err]).toEqual([0, '']);
    const d = (r: { out: string }): number => (JSON.parse(r.out) as { dsigma_dT_cm2_per_keV: number }).dsigma_dT_cm2_per_keV;
    // destructive for q > 0 (|Q_W,eff| shrinks towards 0), constructive for q < 0
    expect(d(plus)).toBeLessThan(d(sm));
    expect(d(minus)).toBeGreaterThan(d(sm));
    // Q_W,eff is linear in q, so both signs give the same zero crossing
    const q0FromPlus = 1e-7 / (1 - Math.sqrt(d(plus) / d(sm)));
    const q0FromMinus = 1e-7 / (Math.sqrt(d(minus) / d(sm)) - 1);
    expect(Math.abs(q0FromPlus / 3.3612e-7 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(q0FromMinus / 3.3612e-7 - 1)).toBeLessThan(1e-4);
    expect(table.out).toContain(`dsigma/dT = ${d(plus).toPrecision(6)} cm^2/keV per nucleus`);
  });

  it.each([
    [['--target', 'Pb208', '--flavor', 'nue', '--enu-MeV', '30']],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qee=ten']],
    [['--target', 'Cs133', '--flavor', 'nue', '--enu-MeV', '30', '--set', 'qee=5']],
  ])('bad input %j → exit 2, one stderr line "nuem: ... Fix: ...", empty stdout', async (args) => {
    const r = await spawnCli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^nuem: .*\. Fix: \S/);
  });
});
