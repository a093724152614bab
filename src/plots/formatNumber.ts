/**
 * Deterministic number formatting for SVG coordinates, tick labels, titles and tables.
 * The same input always gives the same string (no locale, fixed rounding), so SVG snapshots
 * are meaningful. Negative numbers use the typographic minus U+2212 in labels (not in coordinates).
 */

const MINUS = '\u2212';

/**
 * Formats a pixel coordinate with at most two decimals, trailing zeros removed, never `-0`.
 *
 * @param v - coordinate in px
 * @returns the formatted coordinate (e.g. `12.5`)
 * @example formatCoord(12.499999) // returns '12.5'
 */
export function formatCoord(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`formatCoord: non-finite coordinate ${v}`);
  const r = Math.round(v * 100) / 100;
  if (r === 0) return '0';
  return stripZeros(r.toFixed(2));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

function withMinus(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** True if numbers of this magnitude read better in exponent notation. */
function needsExponent(maxAbs: number): boolean {
  return maxAbs !== 0 && (maxAbs < 1e-3 || maxAbs >= 1e5);
}

/**
 * Formats a set of tick values with one shared style: fixed decimals taken from the smallest
 * spacing, or compact exponent notation (`1e-7`, `2.5e-7`) for very small or very large values.
 *
 * @param values - tick values (any units), ascending
 * @returns one label per value
 * @example formatTicks([1e-7, 1.5e-7, 2e-7]) // returns ['1e−7', '1.5e−7', '2e−7']
 */
export function formatTicks(values: readonly number[]): string[] {
  if (values.length === 0) return [];
  const maxAbs = Math.max(...values.map((v) => Math.abs(v)));
  let step = Infinity;
  for (let i = 1; i < values.length; i++) step = Math.min(step, Math.abs((values[i] as number) - (values[i - 1] as number)));
  if (!Number.isFinite(step) || step === 0) step = maxAbs === 0 ? 1 : maxAbs;
  if (needsExponent(maxAbs)) {
    // mantissa digits needed so that neighbouring ticks differ
    return values.map((v) => formatExponent(v, step));
  }
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return values.map((v) => withMinus(fixedNoNegZero(v, decimals)));
}

function fixedNoNegZero(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

function formatExponent(v: number, step: number): string {
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)) + 1e-12);
  const digits = Math.max(0, Math.min(6, e - Math.floor(Math.log10(step) + 1e-9)));
  let [m, ex] = v.toExponential(digits).split('e') as [string, string];
  m = stripZeros(m);
  ex = ex.replace('+', '');
  return withMinus(m) + 'e' + withMinus(ex);
}

/**
 * Formats one value to `sig` significant figures (exponent notation outside [1e-3, 1e5)).
 *
 * @param v - value (any units)
 * @param sig - significant figures (≥ 1)
 * @returns formatted value with U+2212 for negatives
 * @example formatSig(0.000123456, 3) // returns '1.23e−4'
 */
export function formatSig(v: number, sig = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : MINUS + '∞';
  if (v === 0) return '0';
  if (needsExponent(Math.abs(v))) {
    const [m, ex] = v.toExponential(Math.max(0, sig - 1)).split('e') as [string, string];
    return withMinus(m) + 'e' + withMinus(ex.replace('+', ''));
  }
  const e = Math.floor(Math.log10(Math.abs(v)) + 1e-12);
  const decimals = Math.max(0, Math.min(12, sig - 1 - e));
  return withMinus(fixedNoNegZero(v, decimals));
}

/**
 * Formats an estimate with asymmetric errors, `m +p −n`, with the number of decimals set by the
 * smaller error quoted to two significant figures (the convention of PDG, Rev. Part. Phys. §5.3,
 * doi:10.1093/ptep/ptac097, simplified). Very small or large values share one power of ten:
 * `(1.23 +0.20 −0.19)e−7`.
 *
 * @param centre - central value (e.g. median)
 * @param minus - distance from centre to the lower end (≥ 0)
 * @param plus - distance from centre to the upper end (≥ 0)
 * @returns the formatted estimate (plain text, not escaped)
 * @example formatEstimate(1.0034, 0.2012, 0.1983) // returns '1.00 +0.20 −0.20'
 */
export function formatEstimate(centre: number, minus: number, plus: number): string {
  if (![centre, minus, plus].every(Number.isFinite)) return `${formatSig(centre)} +${formatSig(plus)} ${MINUS}${formatSig(minus)}`;
  const err = Math.min(Math.abs(minus), Math.abs(plus)) || Math.max(Math.abs(minus), Math.abs(plus));
  const ref = Math.max(Math.abs(centre), err);
  let scale = 0;
  if (needsExponent(ref)) scale = Math.floor(Math.log10(ref) + 1e-12);
  const f = 10 ** -scale;
  const errScaled = err * f;
  const decimals = errScaled > 0 ? Math.max(0, Math.min(10, 1 - Math.floor(Math.log10(errScaled) + 1e-12))) : 3;
  const body = `${withMinus(fixedNoNegZero(centre * f, decimals))} +${fixedNoNegZero(Math.abs(plus) * f, decimals)} ${MINUS}${fixedNoNegZero(Math.abs(minus) * f, decimals)}`;
  return scale === 0 ? body : `(${body})e${withMinus(String(scale))}`;
}
