/**
 * Tick selection that never lets labels overlap: ask d3 for "nice" values
 * (d3-array `ticks`, Wilkinson-style 1-2-5 steps), format them, and reduce the count until the
 * estimated label extents fit, dropping labels that would spill past the panel edge.
 */
import { ticks } from 'd3-array';
import type { AxisScale } from './types.js';
import { formatTicks } from './formatNumber.js';

/** A chosen tick: value, label and pixel position. */
export interface Tick {
  /** value in data units */
  value: number;
  /** formatted label (plain text) */
  label: string;
  /** position along the axis in px */
  pos_px: number;
}

/**
 * Estimated width of a label in a generic sans-serif font (0.6 em per character), used to keep
 * tick labels from overlapping.
 *
 * @param text - label text
 * @param fontSize_px - font size in px
 * @returns estimated width in px
 */
export function textWidth_px(text: string, fontSize_px: number): number {
  return text.length * 0.6 * fontSize_px;
}

/**
 * Chooses ticks for one axis.
 *
 * @param domain - data range [lo, hi] (positive for log)
 * @param scale - `lin` or `log`
 * @param toPx - maps a data value to its pixel position along the axis
 * @param orient - `x` (labels side by side, widths matter) or `y` (labels stacked, heights matter)
 * @param fontSize_px - label font size in px
 * @param maxTicks - upper bound on the number of ticks (default 4)
 * @param exponent - labels show value / 10^exponent (see {@link axisExponent}); default 0
 * @returns ticks with non-overlapping labels, inside the axis extent
 */
export function chooseTicks(
  domain: readonly [number, number],
  scale: AxisScale,
  toPx: (v: number) => number,
  orient: 'x' | 'y',
  fontSize_px: number,
  maxTicks = 4,
  exponent = 0,
): Tick[] {
  const [lo, hi] = domain;
  const p0 = toPx(lo);
  const p1 = toPx(hi);
  const pmin = Math.min(p0, p1);
  const pmax = Math.max(p0, p1);
  const extent = (label: string): number => (orient === 'x' ? textWidth_px(label, fontSize_px) : fontSize_px);
  for (let count = maxTicks; count >= 1; count--) {
    let values = candidateValues(lo, hi, scale, count);
    values = values.filter((v) => v >= Math.min(lo, hi) && v <= Math.max(lo, hi));
    const labels = formatTicks(exponent === 0 ? values : values.map((v) => v / 10 ** exponent));
    const ticks: Tick[] = values.map((v, i) => ({ value: v, label: labels[i] as string, pos_px: toPx(v) }));
    // drop labels that would spill past the axis ends by more than 2 px
    const inside = ticks.filter((t) => t.pos_px - extent(t.label) / 2 >= pmin - 2 && t.pos_px + extent(t.label) / 2 <= pmax + 2);
    inside.sort((a, b) => a.pos_px - b.pos_px);
    let ok = inside.length >= Math.min(2, values.length);
    for (let i = 1; i < inside.length && ok; i++) {
      const a = inside[i - 1] as Tick;
      const b = inside[i] as Tick;
      if (b.pos_px - a.pos_px < (extent(a.label) + extent(b.label)) / 2 + 6) ok = false;
    }
    if (ok && inside.length > 0) return inside;
  }
  return [];
}

/**
 * Power of ten to factor out of a linear axis whose values are very small or large, so that the
 * ticks read `1.5 2 2.5` and the axis title carries `1e−7` (the matplotlib "offset" convention);
 * 0 for log axes and for values in [1e-3, 1e5).
 *
 * @param domain - data range [lo, hi]
 * @param scale - `lin` or `log`
 * @returns the exponent (integer)
 */
export function axisExponent(domain: readonly [number, number], scale: AxisScale): number {
  if (scale === 'log') return 0;
  const m = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
  if (!(m > 0) || (m >= 1e-3 && m < 1e5)) return 0;
  return Math.floor(Math.log10(m) + 1e-12);
}

function candidateValues(lo: number, hi: number, scale: AxisScale, count: number): number[] {
  if (scale === 'log' && hi / lo >= 10) {
    const e0 = Math.ceil(Math.log10(lo) - 1e-9);
    const e1 = Math.floor(Math.log10(hi) + 1e-9);
    const decades = e1 - e0 + 1;
    if (decades >= count) {
      const stride = Math.ceil(decades / count);
      const out: number[] = [];
      for (let e = e0; e <= e1; e += stride) out.push(Number(`1e${e}`));
      return out;
    }
    // few decades: 1-2-5 (or 1-3, or 1) multiples
    const mults = count >= 4 ? [1, 2, 5] : count >= 3 ? [1, 3] : [1];
    const out: number[] = [];
    for (let e = e0 - 1; e <= e1; e++) for (const m of mults) out.push(Number(`${m}e${e}`));
    return out.filter((v) => v >= lo && v <= hi);
  }
  return ticks(lo, hi, count);
}
