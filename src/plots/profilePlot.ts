/**
 * Δχ² profile of one parameter with horizontal confidence-level lines. By Wilks' theorem
 * (Wilks 1938, doi:10.1214/aoms/1177732360) Δχ² = 1, 2.71, 3.84 give 68.3 %, 90 %, 95 % CL for one
 * parameter; 2.30, 4.61, 5.99 for two (PDG Rev. Part. Phys. 2022, §40.4.2.2, Table 40.2,
 * doi:10.1093/ptep/ptac097).
 */
import type { PlotParameter, ClLine, PlotInterval } from './types.js';
import { xyFrame } from './xyFrame.js';
import { linePath } from './svgPath.js';
import { svgDocument, legendSvg } from './svgDocument.js';
import { escapeXml } from './escape.js';
import { formatCoord as f } from './formatNumber.js';
import { OKABE_ITO, REFERENCE_COLOR } from './palette.js';

/** Default CL lines for one parameter (PDG Table 40.2, 1 dof). */
export const CL_LINES_1D: readonly ClLine[] = Object.freeze([
  { deltaChi2: 1.0, label: '68.3% CL' },
  { deltaChi2: 2.71, label: '90% CL' },
  { deltaChi2: 3.84, label: '95% CL' },
]);

/** CL lines for two parameters jointly (PDG Table 40.2, 2 dof). */
export const CL_LINES_2D: readonly ClLine[] = Object.freeze([
  { deltaChi2: 2.3, label: '68.3% CL (2 dof)' },
  { deltaChi2: 4.61, label: '90% CL (2 dof)' },
  { deltaChi2: 5.99, label: '95% CL (2 dof)' },
]);

/** Options of {@link profilePlot}. */
export interface ProfilePlotOptions {
  /** CL lines (default {@link CL_LINES_1D}) */
  clLines?: readonly ClLine[];
  /** intervals to mark under the curve (e.g. the 90 % CL interval found from the profile) */
  intervals?: readonly PlotInterval[];
  /**
   * a critical-value curve t_c(θ) to draw over the profile (dashed), e.g. the Feldman–Cousins
   * critical values from `nuem toys` (Feldman & Cousins 1998, doi:10.1103/PhysRevD.57.3873)
   */
  criticalValues?: { grid: ArrayLike<number>; tc: ArrayLike<number>; label: string };
  /** a reference value of the parameter (e.g. the Standard Model), drawn as a dotted vertical line */
  reference?: { value: number; label: string };
  /** upper end of the Δχ² axis (default max(1.6 × highest CL line, 1)) */
  maxDeltaChi2?: number;
  /** width in px (default 420) */
  width_px?: number;
  /** panel height in px (default 220) */
  height_px?: number;
  /** element-id prefix (default `profile`) */
  idPrefix?: string;
}

/**
 * Renders a Δχ² profile.
 *
 * @param param - the profiled parameter
 * @param grid - parameter values (ascending, parameter units)
 * @param deltaChi2 - Δχ² at each grid value
 * @param opts - see {@link ProfilePlotOptions}
 * @returns standalone `<svg>` string
 * @throws Error for mismatched lengths or fewer than two points
 */
export function profilePlot(param: PlotParameter, grid: ArrayLike<number>, deltaChi2: ArrayLike<number>, opts: ProfilePlotOptions = {}): string {
  const n = grid.length;
  if (n !== deltaChi2.length || n < 2) throw new Error(`profilePlot: grid (${n}) and deltaChi2 (${deltaChi2.length}) must have equal length ≥ 2`);
  const cl = opts.clLines ?? CL_LINES_1D;
  const ymax = opts.maxDeltaChi2 ?? Math.max(1, 1.6 * Math.max(0, ...cl.map((c) => c.deltaChi2)));
  const width = opts.width_px ?? 420;
  const ph = opts.height_px ?? 220;
  const idp = opts.idPrefix ?? 'profile';
  const left = 60;
  const top = 10;
  const labelW = 80;
  const g = Array.from(grid);
  const xlo = Math.min(...g);
  const xhi = Math.max(...g);
  const fr = xyFrame({
    id: `${idp}-clip`,
    x0_px: left,
    y0_px: top,
    width_px: width - left - labelW,
    height_px: ph,
    xDomain: [xlo, xhi > xlo ? xhi : xlo + 1],
    yDomain: [0, ymax],
    xScale: param.scale ?? 'lin',
    xTitle: param.label,
    xUnit: param.unit,
    ...(param.exponent !== undefined ? { xExponent: param.exponent } : {}),
    yTitle: 'Δχ²',
  });
  const xr = left + width - left - labelW;
  const body: string[] = ['<g class="panel profile">', `<g clip-path="${fr.clipUrl}">`];
  for (const iv of opts.intervals ?? []) {
    const a = Number.isFinite(fr.x(iv.lo)) ? Math.max(left, fr.x(iv.lo)) : left;
    const b = Number.isFinite(fr.x(iv.hi)) ? Math.min(xr, fr.x(iv.hi)) : xr;
    body.push(`<rect class="interval" x="${f(a)}" y="${f(top)}" width="${f(Math.max(0, b - a))}" height="${ph}" fill="${iv.color ?? OKABE_ITO.yellow}" fill-opacity="0.4"/>`);
  }
  for (const c of cl) {
    const y = f(fr.y(c.deltaChi2));
    body.push(`<line class="cl-line" x1="${f(left)}" y1="${y}" x2="${f(xr)}" y2="${y}" stroke="#777" stroke-dasharray="3 3"/>`);
  }
  const pts: Array<[number, number]> = g.map((x, i) => [fr.x(x), fr.y(Math.min(deltaChi2[i] as number, ymax * 2))]);
  body.push(`<path class="profile-curve" d="${linePath(pts)}" fill="none" stroke="${OKABE_ITO.black}" stroke-width="1.6"/>`);
  const cv = opts.criticalValues;
  if (cv) {
    const cpts: Array<[number, number]> = Array.from(cv.grid, (x, i) => [fr.x(x), fr.y(Math.min(cv.tc[i] as number, ymax * 2))]);
    body.push(`<path class="critical-curve" d="${linePath(cpts)}" fill="none" stroke="${OKABE_ITO.vermillion}" stroke-width="1.4" stroke-dasharray="5 3"/>`);
  }
  const ref = opts.reference;
  const refX = ref ? fr.x(ref.value) : NaN;
  if (ref && Number.isFinite(refX) && refX >= left && refX <= xr) {
    body.push(`<line class="reference" x1="${f(refX)}" y1="${f(top)}" x2="${f(refX)}" y2="${f(top + ph)}" stroke="${REFERENCE_COLOR}" stroke-width="1.5" stroke-dasharray="1.5 2"/>`);
  }
  body.push('</g>');
  for (const c of cl) {
    if (c.deltaChi2 > ymax) continue;
    body.push(`<text class="cl-label" x="${f(xr + 4)}" y="${f(fr.y(c.deltaChi2) + 3.5)}" font-size="10">${escapeXml(`${c.label} (${c.deltaChi2})`)}</text>`);
  }
  body.push(fr.axes, '</g>');
  let height = top + ph + 44;
  const legend: Array<{ kind: 'box' | 'dash' | 'dot'; color: string; text: string }> = (opts.intervals ?? [])
    .filter((iv) => !!iv.label)
    .map((iv) => ({ kind: 'box' as const, color: iv.color ?? OKABE_ITO.yellow, text: iv.label! }));
  if (cv) legend.push({ kind: 'dash', color: OKABE_ITO.vermillion, text: cv.label });
  if (ref && Number.isFinite(refX) && refX >= left && refX <= xr) legend.push({ kind: 'dot', color: REFERENCE_COLOR, text: `${ref.label} (dotted line)` });
  if (legend.length) {
    body.push(legendSvg(legend, 10, height));
    height += 14 * legend.length;
  }
  return svgDocument('nuem-profile', width, height, `Profile likelihood of ${param.label}`, [fr.clipDef], body);
}
