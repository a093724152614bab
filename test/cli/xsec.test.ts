import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeXsec, DEFAULT_DIVERGENT_TMIN_keV } from '../../src/cli/commands/xsec.js';
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
