/**
 * Integrated autocorrelation time τ against the number of steps N, log–log, with the line
 * τ = N/50: estimates are trusted once N > 50 τ (emcee autocorrelation tutorial; Sokal 1997,
 * doi:10.1007/978-1-4899-0319-8_6; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)).
 */
import type { PlotParameter, TauHistory } from './types.js';
import { xyFrame } from './xyFrame.js';
import { linePath } from './svgPath.js';
import { svgDocument, legendSvg } from './svgDocument.js';
import { runColor, OKABE_ITO } from './palette.js';

/** Options of {@link autocorrPlot}. */
export interface AutocorrPlotOptions {
  /** width in px (default 520) */
  width_px?: number;
  /** panel height in px (default 240) */
  height_px?: number;
  /** factor c of the N/c line (default 50) */
  factor?: number;
  /** element-id prefix (default `tau`) */
  idPrefix?: string;
}

/**
 * Renders τ(N) for each parameter.
 *
 * @param params - parameters (labels for the legend)
 * @param history - τ estimates against N
 * @param opts - see {@link AutocorrPlotOptions}
 * @returns standalone `<svg>` string
 * @throws Error when fewer than two positive step counts are given
 */
export function autocorrPlot(params: readonly PlotParameter[], history: TauHistory, opts: AutocorrPlotOptions = {}): string {
  const c = opts.factor ?? 50;
  const width = opts.width_px ?? 520;
  const ph = opts.height_px ?? 240;
  const idp = opts.idPrefix ?? 'tau';
  const steps = Array.from(history.steps);
  const pos = steps.filter((s) => s > 0);
  if (pos.length < 2) throw new Error('autocorrPlot: need τ at two or more positive step counts');
  const n0 = Math.min(...pos);
  const n1 = Math.max(...pos);
  let lo = n0 / c;
  let hi = n1 / c;
  for (const tk of history.tau) for (const v of Array.from(tk)) if (v > 0 && Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const left = 70;
  const top = 10;
  const fr = xyFrame({
    id: `${idp}-clip`,
    x0_px: left,
    y0_px: top,
    width_px: width - left - 12,
    height_px: ph,
    xDomain: [n0, n1],
    yDomain: [lo / 1.3, hi * 1.3],
    xScale: 'log',
    yScale: 'log',
    xTitle: 'number of steps N',
    yTitle: 'τ',
    yUnit: 'steps',
  });
  const body: string[] = [`<g class="panel tau">`, `<g clip-path="${fr.clipUrl}">`];
  body.push(`<path class="tau-threshold" d="${linePath([[fr.x(n0), fr.y(n0 / c)], [fr.x(n1), fr.y(n1 / c)]])}" fill="none" stroke="${OKABE_ITO.black}" stroke-dasharray="5 3"/>`);
  history.tau.forEach((tk, k) => {
    // a monitor that computes τ only where its rule needs it leaves gaps (NaN): join the points it has
    const pts: Array<[number, number]> = [];
    steps.forEach((s, m) => {
      const v = tk[m] as number;
      if (s > 0 && v > 0 && Number.isFinite(v)) pts.push([fr.x(s), fr.y(v)]);
    });
    if (pts.length === 0) return;
    body.push(`<path class="tau" data-k="${k}" d="${linePath(pts)}" fill="none" stroke="${runColor(k)}" stroke-width="1.5"/>`);
  });
  body.push('</g>', fr.axes, '</g>');
  const entries = [
    ...history.tau.map((_, k) => ({ kind: 'line' as const, color: runColor(k), text: `τ of ${params[k]?.label ?? `parameter ${k}`}` })),
    { kind: 'dash' as const, color: OKABE_ITO.black, text: `τ = N/${c} (reliable when τ lies below this line)` },
  ];
  const legendTop = top + ph + 50;
  body.push(legendSvg(entries, 10, legendTop));
  return svgDocument('nuem-tau', width, legendTop + entries.length * 14, 'Autocorrelation time against number of steps', [fr.clipDef], body);
}
