/**
 * Binned spectrum: observed counts with 1σ error bars (the y-range always contains them, also
 * below zero), expected and best-fit totals and the background as step lines, and a residual panel (observed − best fit, with the same error bars;
 * against the expectation when no best fit is given).
 */
import type { SpectrumData } from './types.js';
import { xyFrame } from './xyFrame.js';
import { linePath } from './svgPath.js';
import { svgDocument, legendSvg } from './svgDocument.js';
import { formatCoord as f } from './formatNumber.js';
import { OKABE_ITO } from './palette.js';
import { escapeXml } from './escape.js';

/** Options of {@link spectrumPlot}. */
export interface SpectrumPlotOptions {
  /** width in px (default 560) */
  width_px?: number;
  /** main panel height in px (default 220) */
  height_px?: number;
  /** element-id prefix (default `spectrum`) */
  idPrefix?: string;
}

function steps(edges: ArrayLike<number>, vals: ArrayLike<number>, x: (v: number) => number, y: (v: number) => number): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (let b = 0; b < vals.length; b++) {
    pts.push([x(edges[b] as number), y(vals[b] as number)], [x(edges[b + 1] as number), y(vals[b] as number)]);
  }
  return pts;
}

/**
 * y-range of the top panel: it contains every data point with its error bar and every model
 * value, and 0. The top is padded by 10% of the span. The bottom stays at 0 when all data and
 * their error bars are above 0 (a count histogram's baseline); when a data point or its error bar
 * reaches 0 or below (beam-on minus anti-coincidence excesses N_obs = C − AC can be negative),
 * it is padded by 5% of the span, so no point sits on the frame and a zero line is drawn.
 *
 * @param s - the spectrum
 * @returns [y min, y max] in counts
 */
function mainYDomain(s: SpectrumData): [number, number] {
  let lo = 0;
  let hi = 0;
  let touchesZero = false;
  for (let b = 0; b < s.observed.length; b++) {
    const v = s.observed[b] as number;
    const e = s.sigma[b] as number;
    lo = Math.min(lo, v - e);
    hi = Math.max(hi, v + e);
    if (v - e <= 0) touchesZero = true;
    for (const a of [s.expected, s.background, s.bestFit]) {
      if (!a) continue;
      lo = Math.min(lo, a[b] as number);
      hi = Math.max(hi, a[b] as number);
    }
  }
  if (!touchesZero) return [0, hi > 0 ? hi * 1.1 : 1];
  const span = hi - lo > 0 ? hi - lo : 1;
  return [lo - 0.05 * span, hi + 0.1 * span];
}

/**
 * Renders expected vs observed counts with residuals.
 *
 * @param s - the spectrum (edges, counts, σ, optional expected/background/best fit)
 * @param opts - see {@link SpectrumPlotOptions}
 * @returns standalone `<svg>` string
 * @throws Error when array lengths disagree with the number of bins
 */
export function spectrumPlot(s: SpectrumData, opts: SpectrumPlotOptions = {}): string {
  const nb = s.observed.length;
  if (s.edges.length !== nb + 1) throw new Error(`spectrumPlot: ${s.edges.length} edges for ${nb} bins (need bins + 1)`);
  for (const [name, arr] of [
    ['sigma', s.sigma],
    ['expected', s.expected],
    ['background', s.background],
    ['bestFit', s.bestFit],
  ] as const) {
    if (arr && arr.length !== nb) throw new Error(`spectrumPlot: ${name} has ${arr.length} values for ${nb} bins`);
  }
  for (let b = 0; b < nb; b++) if (!((s.edges[b + 1] as number) > (s.edges[b] as number))) throw new Error(`spectrumPlot: edges must increase (bin ${b})`);
  const width = opts.width_px ?? 560;
  const ph = opts.height_px ?? 220;
  const rh = Math.round(ph * 0.4);
  const idp = opts.idPrefix ?? 'spectrum';
  const left = 72;
  const top = s.title ? 22 : 10;
  const pw = width - left - 12;
  const [ylo, yhi] = mainYDomain(s);
  const ref = s.bestFit ?? s.expected;
  const x0 = s.edges[0] as number;
  const x1 = s.edges[nb] as number;
  const main = xyFrame({
    id: `${idp}-clip-main`,
    x0_px: left,
    y0_px: top,
    width_px: pw,
    height_px: ph,
    xDomain: [x0, x1],
    yDomain: [ylo, yhi],
    yTitle: s.yLabel ?? 'counts / bin',
    xTickLabels: !ref,
    xTitle: ref ? undefined : s.xLabel,
    xUnit: s.xUnit,
  });
  const defs = [main.clipDef];
  const body: string[] = [];
  if (s.title) body.push(`<text class="plot-title" x="${left}" y="14" font-size="12">${escapeXml(s.title)}</text>`);
  body.push('<g class="panel spectrum">', `<g clip-path="${main.clipUrl}">`);
  if (ylo < 0) body.push(`<line class="zero" x1="${f(left)}" y1="${f(main.y(0))}" x2="${f(left + pw)}" y2="${f(main.y(0))}" stroke="#777" stroke-width="0.8"/>`);
  if (s.background) body.push(`<path class="background" d="${linePath(steps(s.edges, s.background, main.x, main.y))}" fill="none" stroke="${OKABE_ITO.bluishGreen}" stroke-width="1.2" stroke-dasharray="2 2"/>`);
  if (s.expected) body.push(`<path class="expected" d="${linePath(steps(s.edges, s.expected, main.x, main.y))}" fill="none" stroke="${OKABE_ITO.orange}" stroke-width="1.4" stroke-dasharray="6 3"/>`);
  if (s.bestFit) body.push(`<path class="bestfit" d="${linePath(steps(s.edges, s.bestFit, main.x, main.y))}" fill="none" stroke="${OKABE_ITO.blue}" stroke-width="1.6"/>`);
  body.push(errorBars(s, s.observed, main.x, main.y, 'observed'));
  body.push('</g>', main.axes, '</g>');
  let height = top + ph + 44;
  if (ref) {
    let rmax = 0;
    for (let b = 0; b < nb; b++) rmax = Math.max(rmax, Math.abs((s.observed[b] as number) - (ref[b] as number)) + (s.sigma[b] as number));
    rmax = rmax > 0 ? rmax * 1.15 : 1;
    const ry0 = top + ph + 8;
    const res = xyFrame({
      id: `${idp}-clip-res`,
      x0_px: left,
      y0_px: ry0,
      width_px: pw,
      height_px: rh,
      xDomain: [x0, x1],
      yDomain: [-rmax, rmax],
      xTitle: s.xLabel,
      xUnit: s.xUnit,
      yTitle: s.bestFit ? 'obs − fit' : 'obs − exp',
    });
    defs.push(res.clipDef);
    const resid = Array.from({ length: nb }, (_, b) => (s.observed[b] as number) - (ref[b] as number));
    body.push('<g class="panel residuals">', `<g clip-path="${res.clipUrl}">`);
    body.push(`<line class="zero" x1="${f(left)}" y1="${f(res.y(0))}" x2="${f(left + pw)}" y2="${f(res.y(0))}" stroke="#777" stroke-width="0.8"/>`);
    body.push(errorBars(s, resid, res.x, res.y, 'residual'));
    body.push('</g>', res.axes, '</g>');
    height = ry0 + rh + 44;
  }
  const entries = [
    { kind: 'dot' as const, color: OKABE_ITO.black, text: s.dataLabel ?? 'observed (±1σ)' },
    ...(s.bestFit ? [{ kind: 'line' as const, color: OKABE_ITO.blue, text: 'best fit' }] : []),
    ...(s.expected ? [{ kind: 'dash' as const, color: OKABE_ITO.orange, text: s.expectedLabel ?? 'expected' }] : []),
    ...(s.background ? [{ kind: 'dash' as const, color: OKABE_ITO.bluishGreen, text: 'background' }] : []),
  ];
  body.push(legendSvg(entries, 10, height));
  height += entries.length * 14;
  return svgDocument('nuem-spectrum', width, height, s.title ?? 'Spectrum: expected against observed', defs, body);
}


function errorBars(s: SpectrumData, vals: ArrayLike<number>, x: (v: number) => number, y: (v: number) => number, cls: string): string {
  const out: string[] = [];
  for (let b = 0; b < vals.length; b++) {
    const xc = f(x(0.5 * ((s.edges[b] as number) + (s.edges[b + 1] as number))));
    const v = vals[b] as number;
    const e = s.sigma[b] as number;
    out.push(`<line class="errorbar ${cls}" x1="${xc}" y1="${f(y(v - e))}" x2="${xc}" y2="${f(y(v + e))}" stroke="${OKABE_ITO.black}" stroke-width="1"/>`);
    out.push(`<circle class="point ${cls}" cx="${xc}" cy="${f(y(v))}" r="2.2" fill="${OKABE_ITO.black}"/>`);
  }
  return out.join('');
}
