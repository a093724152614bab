/**
 * The action of `nuem xsec` (loaded on demand by src/cli/commands/xsec.ts): computes the cross
 * section with {@link computeXsec} and prints one line, or one JSON object with `--json`.
 */
import { UserError } from '../userError.js';
import { computeXsec } from './computeXsec.js';

/**
 * Runs `nuem xsec`.
 *
 * @param opts - raw options as commander delivers them (strings; `json` boolean)
 * @returns nothing; writes to stdout
 * @throws UserError for bad input (exit code 2)
 */
export function xsecAction(opts: Record<string, unknown>): void {
  const r = computeXsec(opts as Parameters<typeof computeXsec>[0]);
  const value = r.dsigma_dT_cm2_per_keV ?? r.sigma_cm2;
  if (value === undefined || !Number.isFinite(value)) {
    throw new UserError('nuem xsec', `the cross section is not a finite number (${String(value)}) for these inputs`, 'use physical values (energies up to 1000 MeV, R_n of a few fm, parameters in their ranges: nuem list parameters)');
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const what = r.dsigma_dT_cm2_per_keV !== undefined ? `dsigma/dT = ${r.dsigma_dT_cm2_per_keV.toPrecision(6)} cm^2/keV` : `sigma = ${r.sigma_cm2!.toPrecision(6)} cm^2`;
  const setText = Object.entries(r.set).map(([k, v]) => `${k}=${v}`).join(' ');
  process.stdout.write(
    `${r.target} ${r.flavor} E=${r.enu_MeV} MeV${r.recoil_keV !== undefined ? ` T=${r.recoil_keV} keV` : ` T in [${r.tmin_keV}, ${r.tmax_keV.toPrecision(6)}] keV`}` +
      `${r.target.startsWith('electron:') ? '' : ` form factor ${r.formFactor}`}${setText ? ` ${setText}` : ''}: ${what} per ${r.per}\n`,
  );
}
