/**
 * Coverage plot: the fraction of pseudo-experiments whose interval contains the truth, against the
 * true value, for the Wilks, Feldman–Cousins and Bayesian intervals, with ±1 binomial standard
 * error bars and the nominal confidence level as a dashed line.
 */
import { xyFrame } from '../plots/xyFrame.js';
import { svgDocument, legendSvg } from '../plots/svgDocument.js';
import { formatCoord as f } from '../plots/formatNumber.js';
import { OKABE_ITO } from '../plots/palette.js';
import type { CoverageRow } from './coverage.js';

const SERIES = [
  { key: 'wilks', label: 'Wilks (Δχ²)', color: OKABE_ITO.blue, dx: -4 },
  { key: 'fc', label: 'Feldman–Cousins', color: OKABE_ITO.vermillion, dx: 0 },
  { key: 'bayes', label: 'Bayesian credible (flat prior)', color: OKABE_ITO.bluishGreen, dx: 4 },
] as const;

/**
 * Renders the coverage plot.
 *
 * @param rows - coverage rows (one per true value)
 * @param parameter - parameter label
 * @param cl - nominal confidence level
 * @returns standalone `<svg>` string
 */
export function coveragePlot(rows: readonly CoverageRow[], parameter: string, cl: number): string {
  const width = 460;
  const ph = 220;
  const left = 60;
  const top = 10;
  const xs = rows.map((r) => r.truth);
  let xlo = Math.min(...xs);
  let xhi = Math.max(...xs);
  const pad = xhi > xlo ? 0.08 * (xhi - xlo) : Math.abs(xlo) * 0.1 || 1;
  xlo -= pad;
  xhi += pad;
  const lows = rows.flatMap((r) => SERIES.map((s) => r[s.key].fraction - r[s.key].error));
  const ylo = Math.max(0, Math.min(cl - 0.1, ...lows) - 0.02);
  const fr = xyFrame({ id: 'coverage-clip', x0_px: left, y0_px: top, width_px: width - left - 20, height_px: ph, xDomain: [xlo, xhi], yDomain: [ylo, 1], xTitle: `true ${parameter}`, yTitle: 'coverage' });
  const body: string[] = ['<g class="panel coverage">', `<g clip-path="${fr.clipUrl}">`];
  const y = f(fr.y(cl));
  body.push(`<line class="nominal" x1="${f(fr.x(xlo))}" y1="${y}" x2="${f(fr.x(xhi))}" y2="${y}" stroke="#777" stroke-dasharray="4 3"/>`);
  for (const s of SERIES) {
    for (const r of rows) {
      const c = r[s.key];
      const x = fr.x(r.truth) + s.dx;
      body.push(
        `<line class="err ${s.key}" x1="${f(x)}" y1="${f(fr.y(Math.min(1, c.fraction + c.error)))}" x2="${f(x)}" y2="${f(fr.y(Math.max(ylo, c.fraction - c.error)))}" stroke="${s.color}"/>`,
        `<circle class="pt ${s.key}" cx="${f(x)}" cy="${f(fr.y(c.fraction))}" r="2.6" fill="${s.color}"/>`,
      );
    }
  }
  body.push('</g>', fr.axes, '</g>');
  const height = top + ph + 44;
  body.push(legendSvg([...SERIES.map((s) => ({ kind: 'dot' as const, color: s.color, text: s.label })), { kind: 'dash', color: '#777', text: `nominal ${(cl * 100).toFixed(1)}%` }], 10, height));
  return svgDocument('nuem-coverage', width, height + 14 * (SERIES.length + 1), `Coverage of ${(cl * 100).toFixed(1)}% CL intervals of ${parameter}`, [fr.clipDef], body);
}
