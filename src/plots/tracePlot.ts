/**
 * Trace plot: walker positions against step, one panel per parameter (emcee documentation,
 * "Quickstart"; Foreman-Mackey et al. 2013, arXiv:1202.3665). At most `maxWalkers` walkers are drawn
 * (the first ones, so the choice is deterministic); the burn-in boundary is a dashed line.
 */
import type { PlotParameter, TraceData } from './types.js';
import { xyFrame } from './xyFrame.js';
import { linePath } from './svgPath.js';
import { svgDocument } from './svgDocument.js';
import { formatCoord as f } from './formatNumber.js';
import { runColor, OKABE_ITO } from './palette.js';

/** Options of {@link tracePlot}. */
export interface TracePlotOptions {
  /** walkers drawn per panel (default 16) */
  maxWalkers?: number;
  /** width in px (default 620) */
  width_px?: number;
  /** height of one panel in px (default 90) */
  panelHeight_px?: number;
  /** element-id prefix, unique within the page (default `trace`) */
  idPrefix?: string;
}

/**
 * Renders walker traces.
 *
 * @param params - parameters (labels, units, scales)
 * @param trace - thinned traces, layout `[t][w][k]`
 * @param opts - see {@link TracePlotOptions}
 * @returns standalone `<svg>` string
 * @throws Error when the value array does not match steps × walkers × params
 */
export function tracePlot(params: readonly PlotParameter[], trace: TraceData, opts: TracePlotOptions = {}): string {
  const T = trace.steps.length;
  const W = trace.nWalkers;
  const d = trace.nParams;
  if (d !== params.length) throw new Error(`tracePlot: trace has ${d} parameters but ${params.length} were described`);
  if (trace.values.length !== T * W * d) throw new Error(`tracePlot: values has ${trace.values.length} entries, expected steps × walkers × params = ${T * W * d}`);
  if (T < 2) throw new Error('tracePlot: need at least two stored steps');
  const width = opts.width_px ?? 620;
  const ph = opts.panelHeight_px ?? 90;
  const idp = opts.idPrefix ?? 'trace';
  const nw = Math.min(W, opts.maxWalkers ?? 16);
  const left = 90;
  const gap = 12;
  const top = 10;
  const defs: string[] = [];
  const body: string[] = [];
  const s0 = trace.steps[0] as number;
  const s1 = trace.steps[T - 1] as number;
  for (let k = 0; k < d; k++) {
    const p = params[k] as PlotParameter;
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < T; t++)
      for (let w = 0; w < W; w++) {
        const v = trace.values[(t * W + w) * d + k] as number;
        if (Number.isFinite(v) && (p.scale !== 'log' || v > 0)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      }
    if (!(hi > lo)) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
    if (p.scale === 'log') [lo, hi] = [lo / 1.05, hi * 1.05];
    else [lo, hi] = [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)];
    const y0 = top + k * (ph + gap);
    const last = k === d - 1;
    const fr = xyFrame({
      id: `${idp}-clip-${k}`,
      x0_px: left,
      y0_px: y0,
      width_px: width - left - 12,
      height_px: ph,
      xDomain: [s0, s1 > s0 ? s1 : s0 + 1],
      yDomain: [lo, hi],
      yScale: p.scale ?? 'lin',
      xTitle: last ? 'step' : undefined,
      // a rotated title must fit the panel height (≈ 6.5 px per character at 12 px): drop a trailing "(…)" if not
      yTitle: p.label.length * 6.5 > ph + 10 ? p.label.replace(/\s*\([^)]*\)\s*$/, '') : p.label,
      yUnit: p.unit,
      ...(p.exponent !== undefined ? { yExponent: p.exponent } : {}),
      xTickLabels: last,
    });
    defs.push(fr.clipDef);
    body.push(`<g class="panel trace" data-k="${k}">`);
    body.push(`<g clip-path="${fr.clipUrl}">`);
    for (let w = 0; w < nw; w++) {
      const pts: Array<[number, number]> = [];
      for (let t = 0; t < T; t++) pts.push([fr.x(trace.steps[t] as number), fr.y(trace.values[(t * W + w) * d + k] as number)]);
      body.push(`<path class="walker" d="${linePath(pts)}" fill="none" stroke="${runColor(0)}" stroke-opacity="0.35" stroke-width="0.8"/>`);
    }
    if (trace.burnIn !== undefined && trace.burnIn > s0) {
      const x = f(fr.x(trace.burnIn));
      body.push(`<line class="burnin" x1="${x}" y1="${f(y0)}" x2="${x}" y2="${f(y0 + ph)}" stroke="${OKABE_ITO.vermillion}" stroke-dasharray="4 3"/>`);
    }
    body.push('</g>', fr.axes, '</g>');
  }
  const height = top + d * ph + (d - 1) * gap + 44 + (trace.burnIn !== undefined ? 16 : 0);
  if (trace.burnIn !== undefined) {
    body.push(
      `<text class="legend-text" x="${left}" y="${f(height - 6)}" font-size="10">${nw} of ${W} walkers shown; dashed line: end of burn-in (step ${trace.burnIn})</text>`,
    );
  }
  return svgDocument('nuem-trace', width, height, `Walker traces (${nw} of ${W} walkers)`, defs, body);
}
