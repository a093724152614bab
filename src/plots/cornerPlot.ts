/**
 * Corner plot (Foreman-Mackey 2016, "corner.py", doi:10.21105/joss.00024) as a standalone SVG
 * string, built without a DOM from d3 primitives (contours, ticks).
 *
 * Diagonal: 1-D marginals (histogram or KDE) normalised to the total number of draws, so overlaid
 * runs compare directly; dashed lines at the quantiles whose values make the titles; profile
 * likelihoods exp(−Δχ²/2) scaled so that 1 reaches the height of the tallest marginal.
 * Off-diagonal: smoothed 2-D histograms contoured at density thresholds interpolated from the sorted
 * bins (GetDist-style, see {@link densityThresholds}); the enclosed-mass convention is stated in the
 * legend (corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970). Log axes bin in log10 and reject non-positive draws.
 */
import type { CornerOptions, PlotParameter, SampleRun, PlotInterval, AxisScale } from './types.js';
import { escapeXml } from './escape.js';
import { formatCoord as f, formatEstimate, formatSig } from './formatNumber.js';
import { chooseTicks, axisExponent, textWidth_px, type Tick } from './chooseTicks.js';
import { bottomAxis, leftAxis, axisTitle, axisTitleSvg } from './axisSvg.js';
import { quantileSorted, sortedColumn } from './quantileSorted.js';
import { marginal1d } from './marginal1d.js';
import { histogram2d } from './histogram2d.js';
import { gaussianFilter2d } from './gaussianFilter.js';
import { densityThresholds } from './densityThresholds.js';
import { contourRings } from './contourRings.js';
import { DEFAULT_LEVELS, levelLegend, levelMasses } from './contourLevels.js';
import { linePath, ringsPath } from './svgPath.js';
import { runColor, TRUTH_COLOR, PUBLISHED_COLOR, PROFILE_COLOR, REFERENCE_COLOR } from './palette.js';
import { powerOfTen } from './axisSvg.js';

const FONT = 10;
const TITLE_FONT = 10;
const GAP = 10;
const LINE = 14;

interface Axis {
  scale: AxisScale;
  /** transformed range */
  lo: number;
  hi: number;
  t: (v: number) => number;
}

function transform(scale: AxisScale): (v: number) => number {
  return scale === 'log' ? (v) => (v > 0 ? Math.log10(v) : NaN) : (v) => v;
}

/**
 * Renders a corner plot.
 *
 * @param params - the d parameters (labels, units, scales, optional ranges)
 * @param runs - one or more sample sets, each row-major n × d
 * @param opts - see {@link CornerOptions}
 * @returns a standalone `<svg>` string (deterministic for equal inputs)
 * @throws Error when a log-scale parameter has a non-positive draw, shapes disagree, or a run is empty
 */
export function cornerPlot(params: readonly PlotParameter[], runs: readonly SampleRun[], opts: CornerOptions = {}): string {
  const d = params.length;
  if (d === 0) throw new Error('cornerPlot: no parameters');
  if (runs.length === 0) throw new Error('cornerPlot: no sample runs');
  const bins = opts.bins ?? 30;
  const smooth = opts.smooth2d_bins ?? 0.5;
  const conv = opts.levels ?? DEFAULT_LEVELS;
  const masses = levelMasses(conv);
  const qs = opts.quantiles ?? [0.16, 0.5, 0.84];
  const ps = opts.panelSize_px ?? 150;
  const idp = (opts.idPrefix ?? 'corner').replace(/[^A-Za-z0-9_-]/g, '_');
  const kind1d = opts.density1d ?? 'hist';

  // ---- validation and columns
  const cols: Float64Array[][] = runs.map((run) => {
    if (run.samples.length % d !== 0 || run.samples.length < 2 * d) {
      throw new Error(`cornerPlot: run "${run.label}" has ${run.samples.length} values, not a multiple of ${d} parameters with at least 2 draws`);
    }
    return params.map((p, k) => {
      const c = sortedColumn(run.samples, d, k);
      if (Number.isNaN(c[c.length - 1] as number) || c.some((v) => !Number.isFinite(v))) {
        throw new Error(`cornerPlot: run "${run.label}" parameter "${p.name}" has non-finite draws`);
      }
      if ((p.scale ?? 'lin') === 'log' && !((c[0] as number) > 0)) {
        throw new Error(
          `cornerPlot: parameter "${p.name}" uses a log axis but run "${run.label}" has a non-positive draw (${c[0]}); use scale 'lin' or sample a positive quantity`,
        );
      }
      return c;
    });
  });

  // ---- axes (transformed ranges)
  const axes: Axis[] = params.map((p, k) => {
    const scale = p.scale ?? 'lin';
    const t = transform(scale);
    let lo: number;
    let hi: number;
    if (p.range) {
      [lo, hi] = [t(p.range[0]), t(p.range[1])];
      if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
        throw new Error(`cornerPlot: parameter "${p.name}" has an invalid range [${p.range[0]}, ${p.range[1]}] for a ${scale} axis`);
      }
    } else {
      lo = Infinity;
      hi = -Infinity;
      for (const rc of cols) {
        const c = rc[k] as Float64Array;
        lo = Math.min(lo, t(quantileSorted(c, 0.001)));
        hi = Math.max(hi, t(quantileSorted(c, 0.999)));
      }
      const extra = [opts.truths?.[k], opts.reference?.values[k], opts.published?.[k]?.lo, opts.published?.[k]?.hi];
      for (const v of extra) {
        if (v === null || v === undefined) continue;
        const tv = t(v);
        if (Number.isFinite(tv)) [lo, hi] = [Math.min(lo, tv), Math.max(hi, tv)];
      }
      if (!(hi > lo)) [lo, hi] = [lo - 0.5 * (Math.abs(lo) || 1), hi + 0.5 * (Math.abs(hi) || 1)];
      const pad = 0.05 * (hi - lo);
      [lo, hi] = [lo - pad, hi + pad];
    }
    return { scale, lo, hi, t };
  });
  const frac = (k: number, v: number): number => {
    const a = axes[k] as Axis;
    return (a.t(v) - a.lo) / (a.hi - a.lo);
  };
  const fracT = (k: number, tv: number): number => {
    const a = axes[k] as Axis;
    return (tv - a.lo) / (a.hi - a.lo);
  };

  // ---- quantiles and titles
  const quant = cols.map((rc) => rc.map((c) => qs.map((q) => quantileSorted(c, q)) as [number, number, number]));
  const nTitleRuns = Math.min(runs.length, 3);
  const titleText = (r: number, k: number): string => {
    const [a, m, b] = quant[r]?.[k] as [number, number, number];
    const p = params[k] as PlotParameter;
    const unit = p.unit && p.unit.trim() !== '' ? p.unit : '';
    const e = fixedExponent(p);
    // the parameter's one power of ten (the same as its axis, the report's table and other plots)
    const k10 = e === undefined ? 1 : 10 ** e;
    const inside = [e !== undefined && e !== 0 ? powerOfTen(e) : '', unit].filter((x) => x !== '').join(' ');
    const suffix = inside === '' ? '' : e === undefined ? ` ${inside}` : ` [${inside}]`;
    const hdiT = r === 0 ? opts.hdiTitles?.[k] : null;
    if (hdiT) {
      const iv = hdiT.intervals.map((x) => `[${formatSig(x.lo / k10, 3)}, ${formatSig(x.hi / k10, 3)}]`).join(' ∪ ');
      // the scale goes with the label, so it cannot be read as one more interval
      return `${p.label}${suffix} ∈ ${iv} (${formatSig(100 * hdiT.prob, 3).replace(/\.?0+$/, '')}% HDI)`;
    }
    return `${p.label} = ${formatEstimate(m / k10, (m - a) / k10, (b - m) / k10)}${suffix}`;
  };

  // ---- ticks (positions relative to the panel)
  const dataDomain = (k: number): [number, number] => {
    const a = axes[k] as Axis;
    return a.scale === 'log' ? [10 ** a.lo, 10 ** a.hi] : [a.lo, a.hi];
  };
  const exps = params.map((p, k) => fixedExponent(p) ?? axisExponent(dataDomain(k), (axes[k] as Axis).scale));
  const xTicks: Tick[][] = params.map((_, k) => chooseTicks(dataDomain(k), (axes[k] as Axis).scale, (v) => frac(k, v) * ps, 'x', FONT, 4, exps[k]));
  const yTicks: Tick[][] = params.map((_, k) => chooseTicks(dataDomain(k), (axes[k] as Axis).scale, (v) => (1 - frac(k, v)) * ps, 'y', FONT, 4, exps[k]));
  let maxYLabel = 0;
  for (let k = 1; k < d; k++) for (const t of yTicks[k] as Tick[]) maxYLabel = Math.max(maxYLabel, textWidth_px(t.label, FONT));

  // ---- layout
  const left = Math.ceil(maxYLabel + 10 + (d > 1 ? 18 : 0)) + 6;
  const top = 8 + LINE * nTitleRuns;
  let titleSpill = 0;
  for (let r = 0; r < nTitleRuns; r++) titleSpill = Math.max(titleSpill, textWidth_px(titleText(r, d - 1), TITLE_FONT) - ps);
  const gridW = d * ps + (d - 1) * GAP;
  const bottomAxisH = 6 + FONT + 8 + FONT + 6;
  const x0 = (k: number): number => left + k * (ps + GAP);
  const y0 = (k: number): number => top + k * (ps + GAP);
  const gx = (k: number, v: number): number => x0(k) + frac(k, v) * ps;
  const gy = (row: number, v: number): number => y0(row) + (1 - frac(row, v)) * ps;

  // legend lines
  const legend: Array<{ swatch: string; text: string }> = [];
  runs.forEach((run, r) => {
    const n = Math.floor(run.samples.length / d);
    legend.push({ swatch: `fill:${run.color ?? runColor(r)}`, text: `${run.label} (${n} draws)` });
  });
  legend.push({ swatch: '', text: `${levelLegend(conv)}; 1-D marginals normalised to unit area` });
  legend.push({
    swatch: '',
    text: `dashed lines and titles: ${qs.map((q) => `${formatSig(100 * q, 4).replace(/\.?0+$/, '')}%`).join(', ')} quantiles (title = median +upper −lower)`,
  });
  if (opts.hdiTitles?.some((t) => t)) legend.push({ swatch: '', text: 'titles ending in “HDI”: highest-density region of a multimodal marginal (one interval per mode) instead of median and quantiles' });
  if (opts.truths?.some((v) => v !== null && v !== undefined)) legend.push({ swatch: `stroke:${TRUTH_COLOR}`, text: 'true (injected) value' });
  const ref = opts.reference;
  if (ref?.values.some((v) => v !== null && v !== undefined)) legend.push({ swatch: `dot:${REFERENCE_COLOR}`, text: `${ref.label} (dotted lines, cross)` });
  const pubLabels = [...new Set((opts.published ?? []).filter((p): p is PlotInterval => !!p).map((p) => p.label ?? 'published interval'))];
  for (const l of pubLabels) legend.push({ swatch: `fill:${PUBLISHED_COLOR}`, text: `band: ${l}` });
  if (opts.profiles1d?.length) legend.push({ swatch: `dash:${PROFILE_COLOR}`, text: 'profile likelihood exp(−Δχ²/2) on the diagonal (peak scaled to the tallest marginal)' });
  const p2Levels = [...new Set((opts.profiles2d ?? []).map((c) => c.level))];
  if (p2Levels.length) legend.push({ swatch: `dash:${PROFILE_COLOR}`, text: `profile-likelihood contours: ${p2Levels.join('; ')}` });
  let legendW = 0;
  for (const l of legend) legendW = Math.max(legendW, 22 + textWidth_px(l.text, FONT));
  const legendTop = top + gridW + bottomAxisH + 8;
  const width = Math.ceil(Math.max(left + gridW + Math.max(12, titleSpill + 4), legendW + 12));
  const height = Math.ceil(legendTop + legend.length * LINE + 6);

  const out: string[] = [];
  const labelsAll = params.map((p) => p.label).join(', ');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="nuem-plot nuem-corner" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${FONT}" role="img">`,
  );
  out.push(`<title>Corner plot of ${escapeXml(labelsAll)}</title>`);
  out.push('<defs>');
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) out.push(`<clipPath id="${idp}-clip-${i}-${j}"><rect x="${f(x0(j))}" y="${f(y0(i))}" width="${ps}" height="${ps}"/></clipPath>`);
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);

  const profileByParam = new Map<number, NonNullable<CornerOptions['profiles1d']>[number]>();
  for (const p of opts.profiles1d ?? []) profileByParam.set(p.parameter, p);

  // ---- diagonal panels
  for (let k = 0; k < d; k++) {
    const marg = runs.map((_, r) => {
      const c = (cols[r] as Float64Array[])[k] as Float64Array;
      const a = axes[k] as Axis;
      const tc = a.scale === 'log' ? c.map((v) => Math.log10(v)) : c;
      return marginal1d(tc, [a.lo, a.hi], bins, kind1d);
    });
    let ymax = 0;
    for (const m of marg) for (const v of m.density) ymax = Math.max(ymax, v);
    ymax = ymax > 0 ? ymax * 1.08 : 1;
    const yOf = (dens: number): number => y0(k) + ps - (dens / ymax) * ps;
    out.push(`<g class="panel diag" data-i="${k}" data-j="${k}">`);
    out.push(`<g clip-path="url(#${idp}-clip-${k}-${k})">`);
    const pub = opts.published?.[k];
    if (pub) out.push(bandX(k, pub));
    marg.forEach((m, r) => {
      const color = (runs[r] as SampleRun).color ?? runColor(r);
      const pts: Array<[number, number]> = [];
      if (m.kind === 'hist') {
        for (let b = 0; b < m.density.length; b++) {
          const xa = x0(k) + fracT(k, m.x[b] as number) * ps;
          const xb = x0(k) + fracT(k, m.x[b + 1] as number) * ps;
          const y = yOf(m.density[b] as number);
          if (b === 0) pts.push([xa, yOf(0)]);
          pts.push([xa, y], [xb, y]);
        }
        pts.push([x0(k) + fracT(k, m.x[m.x.length - 1] as number) * ps, yOf(0)]);
      } else {
        for (let b = 0; b < m.density.length; b++) pts.push([x0(k) + fracT(k, m.x[b] as number) * ps, yOf(m.density[b] as number)]);
      }
      out.push(`<path class="hist" data-run="${r}" d="${linePath(pts)}" fill="none" stroke="${color}" stroke-width="1.3"/>`);
      const q = (quant[r] as Array<[number, number, number]>)[k] as [number, number, number];
      for (const v of q) {
        const x = f(gx(k, v));
        out.push(`<line class="quantile" data-run="${r}" x1="${x}" y1="${f(y0(k))}" x2="${x}" y2="${f(y0(k) + ps)}" stroke="${color}" stroke-dasharray="4 3" stroke-width="1"/>`);
      }
    });
    const prof = profileByParam.get(k);
    if (prof) {
      const pts: Array<[number, number]> = [];
      const n = Math.min(prof.grid.length, prof.deltaChi2.length);
      for (let g = 0; g < n; g++) {
        const L = Math.exp(-0.5 * (prof.deltaChi2[g] as number));
        pts.push([gx(k, prof.grid[g] as number), y0(k) + ps - (L / 1.08) * ps]);
      }
      out.push(`<path class="profile1d" d="${linePath(pts)}" fill="none" stroke="${PROFILE_COLOR}" stroke-width="1.3" stroke-dasharray="6 3"/>`);
    }
    const rv = ref?.values[k];
    if (rv !== null && rv !== undefined && Number.isFinite(gx(k, rv))) {
      const x = f(gx(k, rv));
      out.push(`<line class="reference" x1="${x}" y1="${f(y0(k))}" x2="${x}" y2="${f(y0(k) + ps)}" stroke="${REFERENCE_COLOR}" stroke-width="1.5" stroke-dasharray="1.5 2"/>`);
    }
    const tr = opts.truths?.[k];
    if (tr !== null && tr !== undefined && Number.isFinite(gx(k, tr))) {
      const x = f(gx(k, tr));
      out.push(`<line class="truth" x1="${x}" y1="${f(y0(k))}" x2="${x}" y2="${f(y0(k) + ps)}" stroke="${TRUTH_COLOR}" stroke-width="1.5"/>`);
    }
    out.push('</g>');
    out.push(frame(x0(k), y0(k), ps));
    for (let r = 0; r < nTitleRuns; r++) {
      const color = nTitleRuns > 1 ? ((runs[r] as SampleRun).color ?? runColor(r)) : '#000000';
      const y = y0(k) - 4 - (nTitleRuns - 1 - r) * LINE;
      out.push(`<text class="panel-title" x="${f(x0(k))}" y="${f(y)}" font-size="${TITLE_FONT}" fill="${color}">${escapeXml(titleText(r, k))}</text>`);
    }
    out.push('</g>');
  }

  // ---- pair panels
  const masterMasses = [...masses].sort((a, b) => b - a); // outer (largest mass) first
  for (let i = 1; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const ai = axes[i] as Axis;
      const aj = axes[j] as Axis;
      out.push(`<g class="panel pair" data-i="${i}" data-j="${j}">`);
      out.push(`<g clip-path="url(#${idp}-clip-${i}-${j})">`);
      const pj = opts.published?.[j];
      if (pj) out.push(bandX(j, pj, i));
      const pi = opts.published?.[i];
      if (pi) out.push(bandY(i, pi, j));
      runs.forEach((run, r) => {
        const color = run.color ?? runColor(r);
        const n = Math.floor(run.samples.length / d);
        const xs = new Float64Array(n);
        const ys = new Float64Array(n);
        for (let s = 0; s < n; s++) {
          xs[s] = aj.t(run.samples[s * d + j] as number);
          ys[s] = ai.t(run.samples[s * d + i] as number);
        }
        const h = histogram2d(xs, ys, bins, bins, [aj.lo, aj.hi], [ai.lo, ai.hi]);
        const grid = gaussianFilter2d(h.counts, bins, bins, smooth);
        const thr = densityThresholds(grid, masterMasses);
        const toPx = (px: number, py: number): readonly [number, number] => [x0(j) + (px / bins) * ps, y0(i) + ps - (py / bins) * ps];
        masterMasses.forEach((mass, l) => {
          const rings = contourRings(grid, bins, bins, thr[l] as number, toPx);
          const dpath = ringsPath(rings);
          if (dpath === '') return;
          out.push(
            `<path class="contour" data-run="${r}" data-mass="${mass.toFixed(4)}" d="${dpath}" fill="${color}" fill-opacity="${runs.length > 1 ? 0.15 : 0.25}" fill-rule="evenodd" stroke="${color}" stroke-width="1"/>`,
          );
        });
      });
      for (const pc of opts.profiles2d ?? []) {
        if (pc.x !== j || pc.y !== i) continue;
        const rings = pc.polygons.map((poly) => poly.map(([x, y]) => [gx(j, x), gy(i, y)] as const));
        const dpath = ringsPath(rings);
        if (dpath !== '')
          out.push(`<path class="profile2d" d="${dpath}" fill="none" stroke="${PROFILE_COLOR}" stroke-width="1.3" stroke-dasharray="6 3"/>`);
      }
      const rx = ref?.values[j];
      const ry = ref?.values[i];
      const rxOk = rx !== null && rx !== undefined && Number.isFinite(gx(j, rx));
      const ryOk = ry !== null && ry !== undefined && Number.isFinite(gy(i, ry));
      if (rxOk) out.push(`<line class="reference" x1="${f(gx(j, rx))}" y1="${f(y0(i))}" x2="${f(gx(j, rx))}" y2="${f(y0(i) + ps)}" stroke="${REFERENCE_COLOR}" stroke-width="1.2" stroke-dasharray="1.5 2"/>`);
      if (ryOk) out.push(`<line class="reference" x1="${f(x0(j))}" y1="${f(gy(i, ry))}" x2="${f(x0(j) + ps)}" y2="${f(gy(i, ry))}" stroke="${REFERENCE_COLOR}" stroke-width="1.2" stroke-dasharray="1.5 2"/>`);
      if (rxOk && ryOk) {
        const cx = gx(j, rx);
        const cy = gy(i, ry);
        out.push(`<path class="reference-point" d="M${f(cx - 4)},${f(cy - 4)}L${f(cx + 4)},${f(cy + 4)}M${f(cx - 4)},${f(cy + 4)}L${f(cx + 4)},${f(cy - 4)}" stroke="${REFERENCE_COLOR}" stroke-width="2" fill="none"/>`);
      }
      const tx = opts.truths?.[j];
      const ty = opts.truths?.[i];
      if (tx !== null && tx !== undefined && Number.isFinite(gx(j, tx))) {
        const x = f(gx(j, tx));
        out.push(`<line class="truth" x1="${x}" y1="${f(y0(i))}" x2="${x}" y2="${f(y0(i) + ps)}" stroke="${TRUTH_COLOR}" stroke-width="1"/>`);
      }
      if (ty !== null && ty !== undefined && Number.isFinite(gy(i, ty))) {
        const y = f(gy(i, ty));
        out.push(`<line class="truth" x1="${f(x0(j))}" y1="${y}" x2="${f(x0(j) + ps)}" y2="${y}" stroke="${TRUTH_COLOR}" stroke-width="1"/>`);
      }
      if (tx != null && ty != null && Number.isFinite(gx(j, tx)) && Number.isFinite(gy(i, ty))) {
        out.push(`<circle class="truth" cx="${f(gx(j, tx))}" cy="${f(gy(i, ty))}" r="3" fill="${TRUTH_COLOR}"/>`);
      }
      out.push('</g>');
      out.push(frame(x0(j), y0(i), ps));
      out.push('</g>');
    }
  }

  // ---- axes
  const yb = y0(d - 1) + ps;
  for (let k = 0; k < d; k++) {
    out.push(`<g class="axis x" data-k="${k}">`);
    out.push(bottomAxis(xTicks[k] as Tick[], x0(k), yb, FONT));
    for (let i = k; i < d - 1; i++) out.push(bottomAxis(xTicks[k] as Tick[], x0(k), y0(i) + ps, FONT, false));
    const p = params[k] as PlotParameter;
    out.push(axisTitleSvg(axisTitle(p.label, p.unit, exps[k]), x0(k) + ps / 2, yb + 6 + FONT + 8 + FONT, FONT + 1));
    out.push('</g>');
  }
  for (let i = 1; i < d; i++) {
    out.push(`<g class="axis y" data-k="${i}">`);
    out.push(leftAxis(yTicks[i] as Tick[], x0(0), y0(i), FONT));
    const p = params[i] as PlotParameter;
    out.push(axisTitleSvg(axisTitle(p.label, p.unit, exps[i]), 14, y0(i) + ps / 2, FONT + 1, true));
    out.push('</g>');
  }

  // ---- legend
  out.push('<g class="legend">');
  legend.forEach((l, m) => {
    const y = legendTop + m * LINE;
    if (l.swatch.startsWith('fill:')) out.push(`<rect x="6" y="${f(y - 8)}" width="12" height="9" fill="${l.swatch.slice(5)}" fill-opacity="0.7"/>`);
    else if (l.swatch.startsWith('stroke:')) out.push(`<line x1="6" y1="${f(y - 3)}" x2="18" y2="${f(y - 3)}" stroke="${l.swatch.slice(7)}" stroke-width="2"/>`);
    else if (l.swatch.startsWith('dot:')) out.push(`<line x1="6" y1="${f(y - 3)}" x2="18" y2="${f(y - 3)}" stroke="${l.swatch.slice(4)}" stroke-width="1.5" stroke-dasharray="1.5 2"/>`);
    else if (l.swatch.startsWith('dash:')) out.push(`<line x1="6" y1="${f(y - 3)}" x2="18" y2="${f(y - 3)}" stroke="${l.swatch.slice(5)}" stroke-width="1.5" stroke-dasharray="4 2"/>`);
    out.push(`<text class="legend-text" x="22" y="${f(y)}" font-size="${FONT}">${escapeXml(l.text)}</text>`);
  });
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');

  function bandX(k: number, iv: PlotInterval, row = k): string {
    const a = Math.max(x0(k), Math.min(x0(k) + ps, Number.isFinite(gx(k, iv.lo)) ? gx(k, iv.lo) : x0(k)));
    const b = Math.max(x0(k), Math.min(x0(k) + ps, Number.isFinite(gx(k, iv.hi)) ? gx(k, iv.hi) : x0(k) + ps));
    return `<rect class="published" x="${f(a)}" y="${f(y0(row))}" width="${f(Math.max(0, b - a))}" height="${ps}" fill="${PUBLISHED_COLOR}" fill-opacity="0.45"/>`;
  }
  function bandY(row: number, iv: PlotInterval, col: number): string {
    const lo = Number.isFinite(gy(row, iv.lo)) ? gy(row, iv.lo) : y0(row) + ps;
    const hi = Number.isFinite(gy(row, iv.hi)) ? gy(row, iv.hi) : y0(row);
    const a = Math.max(y0(row), Math.min(y0(row) + ps, hi));
    const b = Math.max(y0(row), Math.min(y0(row) + ps, lo));
    return `<rect class="published" x="${f(x0(col))}" y="${f(a)}" width="${ps}" height="${f(Math.max(0, b - a))}" fill="${PUBLISHED_COLOR}" fill-opacity="0.45"/>`;
  }
}

/** The parameter's fixed power of ten (linear axes only), or undefined when the plot chooses. */
function fixedExponent(p: PlotParameter): number | undefined {
  return p.exponent !== undefined && (p.scale ?? 'lin') === 'lin' ? p.exponent : undefined;
}

function frame(x: number, y: number, size: number): string {
  return `<rect class="frame" x="${f(x)}" y="${f(y)}" width="${f(size)}" height="${f(size)}" fill="none" stroke="#333" stroke-width="0.8"/>`;
}
