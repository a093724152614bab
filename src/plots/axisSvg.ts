/**
 * SVG fragments for axes: tick marks and tick labels (class `tick`) along a panel edge, and
 * axis titles that carry the unit, `label [unit]`.
 */
import type { Tick } from './chooseTicks.js';
import { escapeXml } from './escape.js';
import { formatCoord as f } from './formatNumber.js';

/**
 * Bottom axis: ticks below the line y = `y_px`, at `x0_px + tick.pos_px`.
 *
 * @param ticks - ticks with positions relative to `x0_px`
 * @param x0_px - panel left in px
 * @param y_px - panel bottom in px
 * @param fontSize_px - label size in px
 * @param labels - false to draw tick marks only
 * @returns SVG fragment
 */
export function bottomAxis(ticks: readonly Tick[], x0_px: number, y_px: number, fontSize_px: number, labels = true): string {
  return ticks
    .map((t) => {
      const x = f(x0_px + t.pos_px);
      const mark = `<line class="tickmark" x1="${x}" y1="${f(y_px)}" x2="${x}" y2="${f(y_px + 4)}" stroke="#333"/>`;
      const text = labels
        ? `<text class="tick" x="${x}" y="${f(y_px + 6 + fontSize_px)}" text-anchor="middle" font-size="${fontSize_px}">${escapeXml(t.label)}</text>`
        : '';
      return mark + text;
    })
    .join('');
}

/**
 * Left axis: ticks left of the line x = `x_px`, at `y0_px + tick.pos_px`.
 *
 * @param ticks - ticks with positions relative to `y0_px`
 * @param x_px - panel left in px
 * @param y0_px - panel top in px
 * @param fontSize_px - label size in px
 * @param labels - false to draw tick marks only
 * @returns SVG fragment
 */
export function leftAxis(ticks: readonly Tick[], x_px: number, y0_px: number, fontSize_px: number, labels = true): string {
  return ticks
    .map((t) => {
      const y = f(y0_px + t.pos_px);
      const mark = `<line class="tickmark" x1="${f(x_px - 4)}" y1="${y}" x2="${f(x_px)}" y2="${y}" stroke="#333"/>`;
      const text = labels
        ? `<text class="tick" x="${f(x_px - 6)}" y="${f(y0_px + t.pos_px + fontSize_px * 0.35)}" text-anchor="end" font-size="${fontSize_px}">${escapeXml(t.label)}</text>`
        : '';
      return mark + text;
    })
    .join('');
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/**
 * A power of ten in Unicode superscripts, e.g. `10⁻⁷`.
 *
 * @param exponent - integer exponent
 * @returns plain text
 * @example powerOfTen(-7) // returns '10⁻⁷'
 */
export function powerOfTen(exponent: number): string {
  return `10${String(Math.round(exponent)).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/**
 * Axis title with unit, `label [unit]` (no brackets when the unit is empty); a factored power of
 * ten joins the unit in the physicist's notation, `label [10⁻⁷ e]` (Unicode superscripts, no markup).
 *
 * @param label - quantity (plain text)
 * @param unit - unit (plain text), optional
 * @param exponent - power of ten factored out of the tick labels (default 0)
 * @returns plain text (escape before output)
 */
export function axisTitle(label: string, unit?: string, exponent = 0): string {
  const u = unit && unit.trim() !== '' ? unit : '';
  const scale = exponent === 0 ? '' : powerOfTen(exponent);
  const inside = [scale, u].filter((x) => x !== '').join(' ');
  return inside === '' ? label : `${label} [${inside}]`;
}

/**
 * Horizontal axis title centred at (`x_px`, `y_px`), or vertical (rotated −90°) when `vertical`.
 *
 * @param text - plain text (escaped here)
 * @param x_px - anchor x in px
 * @param y_px - anchor y in px
 * @param fontSize_px - size in px
 * @param vertical - rotate by −90°
 * @returns SVG `<text class="axis-title">`
 */
export function axisTitleSvg(text: string, x_px: number, y_px: number, fontSize_px: number, vertical = false): string {
  const rot = vertical ? ` transform="rotate(-90 ${f(x_px)} ${f(y_px)})"` : '';
  return `<text class="axis-title" x="${f(x_px)}" y="${f(y_px)}" text-anchor="middle" font-size="${fontSize_px}"${rot}>${escapeXml(text)}</text>`;
}
