/**
 * Neutrino flavours at a π-DAR source and the electromagnetic (EM) parameter set.
 *
 * Conventions (docs/physics.md §4):
 * - millicharges `q..` in units of the elementary charge e; positive diagonal charge adds
 *   +√2πα q/(G_F M T) to g_p^V (destructive with the negative SM weak charge), same sign for ν and ν̄;
 * - magnetic moments `mu.` in Bohr magnetons μ_B;
 * - charge radii `r2.` and anapole moments `a.` in cm². **`r2 = 0` means "no charge-radius term"**:
 *   the SM radius is NOT hidden in `s2w`; to include it set `r2e = SM_CHARGE_RADIUS_SQUARED_cm2.e`
 *   etc. (Khan, arXiv:2201.10578, eq. 18–19 treats ⟨r²⟩ as the full radius on top of the SM cross
 *   section with sin²θ_W = 0.23857);
 * - `s2w` is sin²θ_W (default 0.23857, Khan text after eq. 3).
 */
import { UserError } from '../cli/userError.js';
import { DEFAULT_SIN2_THETA_W } from '../units/constants.js';

/** Neutrino species of a π⁺ decay-at-rest source: `numu` is the prompt line, `nue` and `numubar` are delayed. */
export type Flavor = 'nue' | 'numu' | 'numubar';

/** All π-DAR flavours, in the order prompt, delayed ν_e, delayed ν̄_μ. */
export const FLAVORS: readonly Flavor[] = Object.freeze(['numu', 'nue', 'numubar'] as Flavor[]);

/**
 * Lepton flavour that a π-DAR flavour couples to: ν_μ and ν̄_μ → μ, ν_e → e.
 *
 * @param flavor - π-DAR neutrino flavour
 * @returns `'e'` for ν_e, `'mu'` for ν_μ and ν̄_μ (selects the diagonal EM parameters q_ℓℓ, μ_ℓ, r²_ℓ, a_ℓ)
 */
export function leptonOf(flavor: Flavor): 'e' | 'mu' {
  return flavor === 'nue' ? 'e' : 'mu';
}

/** Names of the EM parameters (plus the weak mixing angle). */
export type EmParameterName =
  | 'qee'
  | 'qmumu'
  | 'qtautau'
  | 'qemu'
  | 'qetau'
  | 'qmutau'
  | 'mue'
  | 'mumu'
  | 'mutau'
  | 'r2e'
  | 'r2mu'
  | 'r2tau'
  | 'ae'
  | 'amu'
  | 'atau'
  | 's2w';

/** A full EM parameter point. */
export type EmParams = Record<EmParameterName, number>;

/** Description of one EM parameter. */
export interface EmParameterInfo {
  /** Parameter name as used by `--set` and model files. */
  name: EmParameterName;
  /** Unit of the value. */
  unit: string;
  /** What it is. */
  description: string;
  /** Default value. */
  default: number;
  /** Smallest accepted value (inclusive), if bounded. */
  min?: number;
  /** Largest accepted value (inclusive), if bounded. */
  max?: number;
  /** The range is open: `min` and `max` themselves are refused (sin²θ_W = 0 or 1 is no weak mixing). */
  open?: boolean;
}

/**
 * Every EM parameter with unit, meaning, default and accepted range. Ranges are sanity limits
 * (|q| ≤ 1 e, |μ| ≤ 1 μ_B, |r²|, |a| ≤ 1e-20 cm², 0 < s2w < 1), not physics priors. This is the ONE table
 * of accepted values: `--set`, `fixed:`, `likelihood.asimov`, and the priors and scans of physics
 * parameters in analysis files are all checked against it ({@link emParameterRangeProblem}).
 */
export const EM_PARAMETERS: readonly EmParameterInfo[] = Object.freeze([
  { name: 'qee', unit: 'e', description: 'diagonal millicharge of nu_e', default: 0, min: -1, max: 1 },
  { name: 'qmumu', unit: 'e', description: 'diagonal millicharge of nu_mu (also used for anti-nu_mu)', default: 0, min: -1, max: 1 },
  { name: 'qtautau', unit: 'e', description: 'diagonal millicharge of nu_tau (no nu_tau flux at a pi-DAR source)', default: 0, min: -1, max: 1 },
  { name: 'qemu', unit: 'e', description: 'transition millicharge e-mu (incoherent; enters squared)', default: 0, min: -1, max: 1 },
  { name: 'qetau', unit: 'e', description: 'transition millicharge e-tau (incoherent; enters squared)', default: 0, min: -1, max: 1 },
  { name: 'qmutau', unit: 'e', description: 'transition millicharge mu-tau (incoherent; enters squared)', default: 0, min: -1, max: 1 },
  { name: 'mue', unit: 'mu_B', description: 'effective magnetic moment of nu_e', default: 0, min: -1, max: 1 },
  { name: 'mumu', unit: 'mu_B', description: 'effective magnetic moment of nu_mu / anti-nu_mu', default: 0, min: -1, max: 1 },
  { name: 'mutau', unit: 'mu_B', description: 'effective magnetic moment of nu_tau (no nu_tau flux at a pi-DAR source)', default: 0, min: -1, max: 1 },
  { name: 'r2e', unit: 'cm^2', description: 'charge radius <r^2> of nu_e (0 = no charge-radius term; SM -0.83e-32)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 'r2mu', unit: 'cm^2', description: 'charge radius <r^2> of nu_mu (0 = no charge-radius term; SM -0.48e-32)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 'r2tau', unit: 'cm^2', description: 'charge radius <r^2> of nu_tau (SM -0.30e-32; no nu_tau flux)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 'ae', unit: 'cm^2', description: 'anapole moment of nu_e (Khan eq. 24-25 normalisation; SM 4.98e-32)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 'amu', unit: 'cm^2', description: 'anapole moment of nu_mu (SM 2.88e-32)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 'atau', unit: 'cm^2', description: 'anapole moment of nu_tau (SM 1.80e-32; no nu_tau flux)', default: 0, min: -1e-20, max: 1e-20 },
  { name: 's2w', unit: '1', description: 'weak mixing angle sin^2(theta_W) (Khan: 0.23857, low-energy MS-bar)', default: DEFAULT_SIN2_THETA_W, min: 0, max: 1, open: true },
] as EmParameterInfo[]);

const BY_NAME = new Map(EM_PARAMETERS.map((p) => [p.name, p]));

/**
 * True if `name` is an EM parameter name (type guard).
 *
 * @param name - candidate name, e.g. from `--set name=value`
 * @returns whether `name` is one of the names in EM_PARAMETERS
 */
export function isEmParameterName(name: string): name is EmParameterName {
  return BY_NAME.has(name as EmParameterName);
}

/**
 * A full parameter point: defaults (s2w = 0.23857, everything else 0) overridden by `partial`.
 * @param partial - values to override
 * @returns a new, complete EmParams object
 */
export function emParams(partial: Partial<EmParams> = {}): EmParams {
  const out = {} as EmParams;
  for (const p of EM_PARAMETERS) out[p.name] = partial[p.name] ?? p.default;
  return out;
}

/**
 * Checks one value against the parameter's range.
 * @param name - parameter name
 * @param value - value to check
 * @param where - location for the error message (flag or file path)
 * @throws UserError if not finite or out of range
 */
export function checkEmParameterValue(name: EmParameterName, value: number, where = '--set'): void {
  const info = BY_NAME.get(name)!;
  if (!Number.isFinite(value)) throw new UserError(where, `value of ${name} is not a finite number`, `give a number in ${info.unit}, e.g. ${name}=1e-8`);
  const problem = emParameterRangeProblem(name, value);
  if (problem) throw new UserError(where, problem, 'choose a value inside the range');
}

/**
 * Why a value is not accepted for an EM parameter (the range of {@link EM_PARAMETERS}), or null.
 *
 * @param name - parameter name
 * @param value - value in the parameter's unit
 * @param closed - accept the end points of an open range too (for prior and scan bounds, which
 *   are edges of an interval rather than values the model is evaluated at)
 * @returns a message such as `s2w=5 is outside the accepted range (0, 1) 1`, or null when accepted
 */
export function emParameterRangeProblem(name: EmParameterName, value: number, closed = false): string | null {
  const info = BY_NAME.get(name)!;
  if (!Number.isFinite(value)) return `${name}=${value} is not a finite number`;
  const open = info.open === true && !closed;
  const below = info.min !== undefined && (open ? value <= info.min : value < info.min);
  const above = info.max !== undefined && (open ? value >= info.max : value > info.max);
  if (below || above) return `${name}=${value} is outside the accepted range ${open ? '(' : '['}${info.min}, ${info.max}${open ? ')' : ']'} ${info.unit}`;
  return null;
}

/**
 * Parses `name=value` assignments such as `["qee=1e-8", "s2w=0.231"]`.
 * @param assignments - list of `name=value` strings
 * @param where - where they come from, for error messages (default `--set`)
 * @returns the assigned values (later assignments win)
 * @throws UserError for a missing `=`, an unknown name, a non-numeric value or an out-of-range value
 */
export function parseParameterAssignments(assignments: string[], where = '--set'): Partial<EmParams> {
  const out: Partial<EmParams> = {};
  const names = EM_PARAMETERS.map((p) => p.name).join(', ');
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UserError(where, `"${a}" is not of the form name=value`, `write e.g. qee=1e-8; names: ${names}`);
    const name = a.slice(0, eq).trim();
    const raw = a.slice(eq + 1).trim();
    if (!isEmParameterName(name)) throw new UserError(where, `unknown parameter "${name}"`, `use one of ${names}`);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
      throw new UserError(where, `value "${raw}" of ${name} is not a number`, `give a decimal number, e.g. ${name}=1e-8`);
    }
    const v = Number(raw);
    checkEmParameterValue(name, v, where);
    out[name] = v;
  }
  return out;
}

/**
 * Unit of an EM parameter by name, from {@link EM_PARAMETERS} (`e`, `mu_B`, `cm^2`, `1`);
 * `''` (unknown) for any other name (nuisances carry their own unit).
 *
 * @param name - parameter name as in an analysis file
 * @returns the unit string written to chain files (`parameter_units`) and exports
 */
export function parameterUnit(name: string): string {
  return BY_NAME.get(name as EmParameterName)?.unit ?? '';
}
