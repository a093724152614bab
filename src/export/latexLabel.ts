/**
 * LaTeX labels of parameters for GetDist's `.paramnames` file and the `latex_label` attribute of
 * the ArviZ export. nuem's own labels are plain text (`q_ee [e]`), so the EM parameters and the
 * normalisation nuisances get hand-written symbols (notation of Giunti & Studenikin,
 * Rev. Mod. Phys. 87 (2015) 531, arXiv:1403.6344: q_{ℓℓ'}, μ_{ν_ℓ}, ⟨r²_{ν_ℓ}⟩, a_{ν_ℓ}; α, β
 * as in Khan, arXiv:2201.10578 eq. 7); any other parameter is set upright (`\mathrm{…}`).
 * @module
 */

/** LaTeX symbols of the EM parameters of src/physics/parameters.ts and the nuisances α, β. */
const SYMBOLS: Readonly<Record<string, string>> = {
  qee: 'q_{ee}',
  qmumu: 'q_{\\mu\\mu}',
  qtautau: 'q_{\\tau\\tau}',
  qemu: 'q_{e\\mu}',
  qetau: 'q_{e\\tau}',
  qmutau: 'q_{\\mu\\tau}',
  mue: '\\mu_{\\nu_e}',
  mumu: '\\mu_{\\nu_\\mu}',
  mutau: '\\mu_{\\nu_\\tau}',
  r2e: '\\langle r^2_{\\nu_e}\\rangle',
  r2mu: '\\langle r^2_{\\nu_\\mu}\\rangle',
  r2tau: '\\langle r^2_{\\nu_\\tau}\\rangle',
  ae: 'a_{\\nu_e}',
  amu: 'a_{\\nu_\\mu}',
  atau: 'a_{\\nu_\\tau}',
  s2w: '\\sin^2\\theta_W',
  alpha: '\\alpha',
  beta: '\\beta',
};

/** Units of src/physics/parameters.ts in LaTeX; others are set upright. */
const UNITS: Readonly<Record<string, string>> = { e: 'e', mu_B: '\\mu_B', 'cm^2': '\\mathrm{cm}^2' };

/** Text set upright in math mode, with LaTeX's special characters escaped. */
function upright(text: string): string {
  return `\\mathrm{${text.replace(/([_%&#$])/g, '\\$1').replace(/\s+/g, '\\ ')}}`;
}

/**
 * @param name - parameter name (e.g. `qee`, `alpha.ess-ge`, `m`)
 * @param label - display label; used when it is already LaTeX (contains `\` or `$…$`)
 * @param unit - unit (`''` unknown and `'1'` dimensionless add nothing)
 * @returns a LaTeX label without `$` (GetDist's convention), e.g. `q_{ee}\;[e]`
 * @example latexLabel('qmumu', 'q_mumu', 'e') // returns 'q_{\\mu\\mu}\\;[e]'
 */
export function latexLabel(name: string, label: string, unit: string): string {
  let sym: string;
  const dollar = /^\s*\$(.*)\$\s*$/.exec(label);
  const [base, sub] = name.split(/\.(.*)/s) as [string, string | undefined];
  if (dollar) sym = dollar[1]!;
  else if (label.includes('\\')) sym = label;
  else if (SYMBOLS[name]) sym = SYMBOLS[name];
  else if (sub !== undefined && SYMBOLS[base]) sym = `${SYMBOLS[base]}_{${upright(sub)}}`; // alpha.<experiment>
  else if (/^[A-Za-z]$/.test(name)) sym = name;
  else sym = upright(name);
  if (!unit || unit === '1') return sym;
  return `${sym}\\;[${UNITS[unit] ?? upright(unit)}]`;
}
