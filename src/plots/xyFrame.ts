/**
 * A single x–y panel: frame, clip path, ticks chosen without overlaps, and axis titles with
 * units. Returns the data→pixel maps so that plot functions only draw their marks.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { AxisScale } from './types.js';
import { chooseTicks, axisExponent } from './chooseTicks.js';
import { bottomAxis, leftAxis, axisTitle, axisTitleSvg } from './axisSvg.js';
import { formatCoord as f } from './formatNumber.js';

/** Where and how to draw one panel. */
export interface XYFrameSpec {
  /** clip-path id (unique within the page) */
  id: string;
  /** panel left in px */
  x0_px: number;
  /** panel top in px */
  y0_px: number;
  /** panel width in px */
  width_px: number;
  /** panel height in px */
  height_px: number;
  /** x data range */
  xDomain: readonly [number, number];
  /** y data range */
  yDomain: readonly [number, number];
  /** x scale (default lin) */
  xScale?: AxisScale;
  /** y scale (default lin) */
  yScale?: AxisScale;
  /** x-axis quantity (plain text); omitted = no title */
  xTitle?: string;
  /** x-axis unit (plain text) */
  xUnit?: string;
  /** y-axis quantity (plain text); omitted = no title */
  yTitle?: string;
  /** y-axis unit (plain text) */
  yUnit?: string;
  /** power of ten factored out of the x tick labels (linear axis; default chosen from the domain) */
  xExponent?: number;
  /** power of ten factored out of the y tick labels (linear axis; default chosen from the domain) */
  yExponent?: number;
  /** draw x tick labels (default true) */
  xTickLabels?: boolean;
  /** font size in px (default 10) */
  fontSize_px?: number;
}

/** A laid-out panel. */
export interface XYFrame {
  /** data x → px (NaN for non-positive values on a log axis) */
  x: (v: number) => number;
  /** data y → px */
  y: (v: number) => number;
  /** `<clipPath>` element for the panel, to place in `<defs>` */
  clipDef: string;
  /** frame, ticks and axis titles */
  axes: string;
  /** `clip-path` attribute value, `url(#id)` */
  clipUrl: string;
}

function scaleOf(kind: AxisScale, domain: readonly [number, number], range: [number, number]): (v: number) => number {
  if (kind === 'log') {
    const s = scaleLog().domain(domain as [number, number]).range(range);
    return (v) => (v > 0 ? s(v) : NaN);
  }
  const s = scaleLinear().domain(domain as [number, number]).range(range);
  return (v) => s(v);
}

/**
 * Lays out one panel.
 *
 * @param spec - geometry, domains and titles
 * @returns maps and SVG fragments
 * @throws Error for empty or (for log axes) non-positive domains
 */
export function xyFrame(spec: XYFrameSpec): XYFrame {
  const fs = spec.fontSize_px ?? 10;
  const { x0_px: x0, y0_px: y0, width_px: w, height_px: h } = spec;
  const xs = spec.xScale ?? 'lin';
  const ys = spec.yScale ?? 'lin';
  for (const [name, dom, sc] of [
    ['x', spec.xDomain, xs],
    ['y', spec.yDomain, ys],
  ] as const) {
    if (!(Number.isFinite(dom[0]) && Number.isFinite(dom[1]) && dom[1] > dom[0])) throw new Error(`xyFrame(${spec.id}): invalid ${name} domain [${dom[0]}, ${dom[1]}]`);
    if (sc === 'log' && !(dom[0] > 0)) throw new Error(`xyFrame(${spec.id}): log ${name} axis needs a positive domain, got [${dom[0]}, ${dom[1]}]`);
  }
  const x = scaleOf(xs, spec.xDomain, [x0, x0 + w]);
  const y = scaleOf(ys, spec.yDomain, [y0 + h, y0]);
  const xe = spec.xExponent !== undefined && xs === 'lin' ? spec.xExponent : axisExponent(spec.xDomain, xs);
  const ye = spec.yExponent !== undefined && ys === 'lin' ? spec.yExponent : axisExponent(spec.yDomain, ys);
  const xt = chooseTicks(spec.xDomain, xs, (v) => x(v) - x0, 'x', fs, Math.max(2, Math.min(8, Math.floor(w / 60))), xe);
  const yt = chooseTicks(spec.yDomain, ys, (v) => y(v) - y0, 'y', fs, Math.max(2, Math.min(6, Math.floor(h / 30))), ye);
  const parts: string[] = [];
  parts.push(`<rect class="frame" x="${f(x0)}" y="${f(y0)}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#333" stroke-width="0.8"/>`);
  parts.push(bottomAxis(xt, x0, y0 + h, fs, spec.xTickLabels ?? true));
  parts.push(leftAxis(yt, x0, y0, fs));
  if (spec.xTitle) parts.push(axisTitleSvg(axisTitle(spec.xTitle, spec.xUnit, xe), x0 + w / 2, y0 + h + 6 + fs + 8 + fs, fs + 1));
  if (spec.yTitle) {
    let lw = 0;
    for (const t of yt) lw = Math.max(lw, t.label.length * 0.6 * fs);
    parts.push(axisTitleSvg(axisTitle(spec.yTitle, spec.yUnit, ye), x0 - 10 - lw - 8, y0 + h / 2, fs + 1, true));
  }
  const id = spec.id.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    x,
    y,
    clipDef: `<clipPath id="${id}"><rect x="${f(x0)}" y="${f(y0)}" width="${f(w)}" height="${f(h)}"/></clipPath>`,
    axes: parts.join(''),
    clipUrl: `url(#${id})`,
  };
}
