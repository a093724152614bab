/**
 * Nuisance pull plot: for every nuisance parameter, its prior (band of ±1σ and ±2σ around the
 * prior centre) against its post-fit value (profile best fit, marker) and posterior spread (bar,
 * ±1 posterior standard deviation), all in units of the prior width, (ν − ν₀)/σ_prior — the
 * usual "pull" display of binned-likelihood fits (e.g. the ATLAS/CMS nuisance-parameter rankings;
 * Cranmer et al., HistFactory, CERN-OPEN-2012-016 §4). A post-fit bar narrower than the band means
 * the data constrain the nuisance beyond its prior.
 * @module
 */
import { escapeXml } from './escape.js';
import { bottomAxis, axisTitleSvg } from './axisSvg.js';
import { chooseTicks } from './chooseTicks.js';
import { svgDocument, legendSvg } from './svgDocument.js';
import { OKABE_ITO } from './palette.js';

/** One row of the pull plot (values in the parameter's own units). */
export interface NuisancePull {
  /** Parameter name. */
  readonly name: string;
  /** Display label (default: name). */
  readonly label?: string;
  /** Prior centre ν₀ (mean of a normal; median otherwise). */
  readonly priorCenter: number;
  /** Prior width σ_prior (standard deviation), > 0. */
  readonly priorWidth: number;
  /** Post-fit value (profile-likelihood best fit), if known. */
  readonly bestFit?: number;
  /** Posterior mean and standard deviation, if sampled. */
  readonly posterior?: { readonly mean: number; readonly sd: number };
}

/** Options of {@link pullPlot}. */
export interface PullPlotOptions {
  /** width in px (default 520) */
  width_px?: number;
  /** px per row (default 22) */
  row_px?: number;
  /** element-id prefix (default `pulls`) */
  idPrefix?: string;
}

const f = (v: number): string => (Math.round(v * 100) / 100).toString();

/**
 * Renders the pull plot.
 * @param pulls - one row per nuisance (top to bottom in this order)
 * @param opts - see {@link PullPlotOptions}
 * @returns standalone `<svg>` string
 * @throws Error when a prior width is not positive
 */
export function pullPlot(pulls: readonly NuisancePull[], opts: PullPlotOptions = {}): string {
  const width = opts.width_px ?? 520;
  const rowH = opts.row_px ?? 22;
  const idp = opts.idPrefix ?? 'pulls';
  for (const p of pulls) if (!(p.priorWidth > 0)) throw new Error(`pullPlot: prior width of ${p.name} must be > 0`);
  const z = (p: NuisancePull, v: number): number => (v - p.priorCenter) / p.priorWidth;
  let span = 2.5;
  for (const p of pulls) {
    if (p.bestFit !== undefined) span = Math.max(span, Math.abs(z(p, p.bestFit)) + 0.5);
    if (p.posterior) span = Math.max(span, Math.abs(z(p, p.posterior.mean)) + p.posterior.sd / p.priorWidth + 0.3);
  }
  span = Math.min(span, 10);
  const labels = pulls.map((p) => p.label ?? p.name);
  const left = Math.min(220, 14 + 6 * Math.max(4, ...labels.map((l) => l.length)));
  const top = 8;
  const pw = width - left - 14;
  const ph = Math.max(1, pulls.length) * rowH;
  const x = (v: number): number => left + ((Math.max(-span, Math.min(span, v)) + span) / (2 * span)) * pw;
  const yRow = (i: number): number => top + (i + 0.5) * rowH;
  const body: string[] = [`<g class="panel pulls" id="${idp}">`];
  body.push(`<rect class="prior-2sigma" x="${f(x(-2))}" y="${top}" width="${f(x(2) - x(-2))}" height="${ph}" fill="${OKABE_ITO.yellow}" fill-opacity="0.25"/>`);
  body.push(`<rect class="prior-1sigma" x="${f(x(-1))}" y="${top}" width="${f(x(1) - x(-1))}" height="${ph}" fill="${OKABE_ITO.bluishGreen}" fill-opacity="0.25"/>`);
  body.push(`<line class="zero" x1="${f(x(0))}" y1="${top}" x2="${f(x(0))}" y2="${top + ph}" stroke="#555" stroke-dasharray="3 3"/>`);
  pulls.forEach((p, i) => {
    const y = yRow(i);
    body.push(`<text class="row-label" x="${left - 6}" y="${f(y + 3.5)}" text-anchor="end">${escapeXml(labels[i]!)}</text>`);
    if (p.posterior) {
      const lo = z(p, p.posterior.mean - p.posterior.sd);
      const hi = z(p, p.posterior.mean + p.posterior.sd);
      body.push(`<line class="posterior" data-name="${escapeXml(p.name)}" x1="${f(x(lo))}" y1="${f(y)}" x2="${f(x(hi))}" y2="${f(y)}" stroke="${OKABE_ITO.blue}" stroke-width="2"/>`);
      body.push(`<rect class="posterior-mean" x="${f(x(z(p, p.posterior.mean)) - 1)}" y="${f(y - 5)}" width="2" height="10" fill="${OKABE_ITO.blue}"/>`);
    }
    if (p.bestFit !== undefined) {
      body.push(`<circle class="best-fit" data-name="${escapeXml(p.name)}" cx="${f(x(z(p, p.bestFit)))}" cy="${f(y)}" r="3.5" fill="${OKABE_ITO.black}"/>`);
    }
  });
  body.push(`<rect class="frame" x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  const ticks = chooseTicks([-span, span], 'lin', (v) => x(v) - left, 'x', 10, 7);
  body.push(bottomAxis(ticks, left, top + ph, 10));
  body.push(axisTitleSvg('(ν − ν₀) / σ_prior', left + pw / 2, top + ph + 32, 10));
  body.push('</g>');
  const entries = [
    { kind: 'box' as const, color: OKABE_ITO.bluishGreen, text: 'prior ±1σ' },
    { kind: 'box' as const, color: OKABE_ITO.yellow, text: 'prior ±2σ' },
    { kind: 'dot' as const, color: OKABE_ITO.black, text: 'profile-likelihood best fit' },
    { kind: 'line' as const, color: OKABE_ITO.blue, text: 'posterior mean ± 1 sd' },
  ];
  const legendTop = top + ph + 52;
  body.push(legendSvg(entries, 10, legendTop));
  return svgDocument('nuem-pulls', width, legendTop + entries.length * 14, 'Nuisance parameters: prior against post-fit', [], body);
}
