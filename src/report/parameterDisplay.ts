/**
 * How a parameter is shown across the report: one label, one unit and one power of ten per
 * parameter, the same in the summary table, the corner titles and axes, the profile and the trace
 * plots (a q_ee of 2.4e-8 e reads `0.24` in `[10⁻⁷ e]` everywhere, never 10⁻⁷ in one place and
 * 10⁻⁶ in another). Also the Standard-Model value of each EM parameter, marked in the plots.
 */
import type { PlotParameter } from '../plots/types.js';
import { quantileSorted, sortedColumn } from '../plots/quantileSorted.js';
import { EM_PARAMETERS } from '../physics/parameters.js';
import { SM_ANAPOLE_cm2, SM_CHARGE_RADIUS_SQUARED_cm2 } from '../physics/electromagnetic/standardModelValues.js';
import { splitUnit } from './analysisReportExtras.js';
import { rowExponent } from './summaryTable.js';
import type { ReportInput } from './types.js';

/**
 * Label and unit of a parameter for the report: the unit written in the label (`q_ee [e]`), else
 * the given unit (the EM parameter's unit from `nuem list parameters`, or a nuisance's declared
 * unit), so that units appear even when the analysis file gives no `label:`. Dimensionless units
 * (`1`, empty) are omitted.
 *
 * @param label - display label, optionally ending in `[unit]`
 * @param unit - unit to use when the label has none
 * @returns label without the unit, and the unit when there is one
 */
export function labelWithUnit(label: string, unit?: string): { label: string; unit?: string } {
  const s = splitUnit(label);
  const u = s.unit ?? unit;
  return u !== undefined && u.trim() !== '' && u.trim() !== '1' ? { label: s.label, unit: u } : { label: s.label };
}

/**
 * Unit of an EM parameter (`nuem list parameters`), undefined for other names.
 *
 * @param name - parameter name
 * @returns unit text, e.g. `e`, `mu_B`, `cm^2`
 */
export function emParameterUnit(name: string): string | undefined {
  return EM_PARAMETERS.find((p) => p.name === name)?.unit;
}

/**
 * Standard-Model value of an EM parameter in its own units: 0 for millicharges and magnetic
 * moments; the SM charge radii ⟨r²⟩ (Khan arXiv:2201.10578 eq. 18, `SM_CHARGE_RADIUS_SQUARED_cm2`)
 * and anapole moments (eq. 24, `SM_ANAPOLE_cm2`) for r2*, a*; sin²θ_W at its default (0.23857,
 * low-energy MS-bar); see docs/physics.md "Electromagnetic parameters" for r2 = 0 meaning "no
 * charge-radius term". Undefined for names that are not EM parameters (nuisances).
 *
 * @param name - parameter name
 * @returns the SM value, or undefined
 */
export function standardModelValue(name: string): number | undefined {
  const info = EM_PARAMETERS.find((p) => p.name === name);
  if (!info) return undefined;
  const flavour = /(e|mu|tau)$/.exec(name)?.[1] as 'e' | 'mu' | 'tau' | undefined;
  if (name.startsWith('r2') && flavour) return SM_CHARGE_RADIUS_SQUARED_cm2[flavour];
  if (/^a(e|mu|tau)$/.test(name) && flavour) return SM_ANAPOLE_cm2[flavour];
  return info.default;
}

/**
 * The Standard-Model point of the physics parameters among `names`.
 *
 * @param names - parameter names (nuisances are skipped)
 * @returns SM value by name
 */
export function standardModelPoint(names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) {
    const v = standardModelValue(n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/**
 * The numbers the report shows for a parameter in its summary row: posterior median and interval,
 * profile best fit and intervals, published intervals; the posterior 5 %, 50 % and 95 % quantiles
 * of the main run when the row has none.
 */
function rowValues(input: ReportInput, p: PlotParameter, k: number): number[] {
  const s = input.summaries.find((x) => x.parameter === p.name);
  const prof = input.profiles?.oneD?.find((x) => x.parameter === p.name);
  const pubs = (input.published ?? []).filter((x) => x.parameter === p.name);
  const v = [
    ...(s ? [s.median, s.interval.lo, s.interval.hi] : []),
    ...(prof ? [prof.bestFit ?? NaN, ...prof.intervals.flatMap((iv) => [iv.lo, iv.hi])] : []),
    ...pubs.flatMap((iv) => [iv.lo, iv.hi]),
  ].filter(Number.isFinite);
  if (v.length > 0 || input.runs.length === 0) return v;
  const c = sortedColumn(input.runs[0]!.samples, input.parameters.length, k);
  return [0.05, 0.5, 0.95].map((q) => quantileSorted(c, q));
}

/**
 * Fixes one power of ten per linear-axis parameter (the summary row's, {@link rowExponent}) unless
 * the parameter already has one, so that every table and plot of the report uses the same scale.
 *
 * @param input - the report input
 * @returns the input with `exponent` set on every linear-axis parameter (log-axis ones unchanged)
 */
export function withDisplayExponents(input: ReportInput): ReportInput {
  const parameters = input.parameters.map((p, k) => {
    if (p.exponent !== undefined || (p.scale ?? 'lin') === 'log') return p;
    return { ...p, exponent: rowExponent(rowValues(input, p, k)) };
  });
  return { ...input, parameters };
}
