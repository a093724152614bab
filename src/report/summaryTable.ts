/**
 * The summary table: per parameter, the posterior median and credible interval (with its kind
 * and probability stated), MCSE, the profile-likelihood best fit and
 * intervals, published values, and (when any parameter has one) the Savage–Dickey Bayes factor
 * B₀₁ at the nested point with its standard error, side by side. Multimodal marginals also list
 * their highest-density region and the mass of each mode.
 */
import type { PlotParameter } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import { powerOfTen } from '../plots/axisSvg.js';
import type { ReportInput, IntervalKind } from './types.js';

const KIND_TEXT: Record<IntervalKind, string> = {
  eti: 'equal-tailed',
  hdi: 'highest density',
  upper: 'upper limit',
  lower: 'lower limit',
};

/**
 * Formats an interval `[lo, hi]`, or `< hi` / `> lo` when one side is open.
 *
 * @param lo - lower end (−Infinity if open)
 * @param hi - upper end (+Infinity if open)
 * @param scale - divide both ends by this (default 1)
 * @returns plain text
 */
export function formatInterval(lo: number, hi: number, scale = 1): string {
  if (!Number.isFinite(lo) && Number.isFinite(hi)) return `< ${formatSig(hi / scale, 3)}`;
  if (Number.isFinite(lo) && !Number.isFinite(hi)) return `> ${formatSig(lo / scale, 3)}`;
  return `[${formatSig(lo / scale, 3)}, ${formatSig(hi / scale, 3)}]`;
}

/**
 * The power of ten shown in the unit column of a row, so that its numbers read 0.1–1000
 * (e.g. `10⁻⁷ e` and `[−2.30, 5.81]` instead of `[−2.30e−7, 5.81e−7]`); 0 for values of order one.
 *
 * @param values - the row's numbers (non-finite ones ignored)
 * @returns exponent (multiple of 1), 0 when no scaling is needed
 */
export function rowExponent(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  if (finite.length === 0) return 0;
  const e = Math.floor(Math.log10(Math.max(...finite)));
  return e <= -3 || e >= 4 ? e : 0;
}

function pct(p: number): string {
  return `${formatSig(100 * p, 3).replace(/\.0+$/, '')}%`;
}

/** Multimodal marginals: the HDI region and each mode's mass ± MCSE, under the interval. */
function modeLines(s: NonNullable<ReportInput['summaries'][number]>, k: number): string {
  if (!s.modes || s.modes.length < 2) return '';
  const parts: string[] = [];
  if (s.hdiRegion) parts.push(`${pct(s.hdiRegion.prob)} HDI ${s.hdiRegion.intervals.map((iv) => formatInterval(iv.lo, iv.hi, k)).join(' ∪ ')}`);
  s.modes.forEach((m, i) => {
    const err = Number.isFinite(m.mcse) ? ` ± ${formatSig(100 * m.mcse, 2)}%` : '';
    const region = Number.isFinite(m.lo) && Number.isFinite(m.hi) ? formatInterval(m.lo, m.hi, k) : Number.isFinite(m.hi) ? `≤ ${formatSig(m.hi / k, 3)}` : Number.isFinite(m.lo) ? `> ${formatSig(m.lo / k, 3)}` : 'all';
    parts.push(`mode ${i + 1} (peak ${formatSig(m.peak / k, 3)}, ${region}): mass ${formatSig(100 * m.mass, 3)}%${err}`);
  });
  return `<br><span class="kind modes">${parts.map((t) => escapeHtml(t)).join('<br>')}</span>`;
}

/**
 * Renders the summary table.
 *
 * @param input - the report input
 * @returns HTML `<table>` string (all text escaped)
 */
export function summaryTable(input: ReportInput): string {
  const rows: string[] = [];
  // the Bayes-factor column only appears when some parameter has one (older inputs render unchanged)
  const withBf = input.summaries.some((x) => x.bayesFactor !== undefined);
  rows.push(
    `<table class="summary"><thead><tr><th>parameter</th><th>unit</th><th>posterior median</th><th>posterior interval</th><th>MCSE</th><th>profile best fit</th><th>profile intervals</th><th>published</th>${withBf ? '<th>Bayes factor B₀₁</th>' : ''}</tr></thead><tbody>`,
  );
  for (const p of input.parameters as PlotParameter[]) {
    const s = input.summaries.find((x) => x.parameter === p.name);
    const prof = input.profiles?.oneD?.find((x) => x.parameter === p.name);
    const pubs = (input.published ?? []).filter((x) => x.parameter === p.name);
    // the parameter's one power of ten (set by the report for every table and plot), else the row's own
    const e = p.exponent ?? rowExponent([
      ...(s ? [s.median, s.interval.lo, s.interval.hi] : []),
      ...(prof ? [prof.bestFit ?? NaN, ...prof.intervals.flatMap((iv) => [iv.lo, iv.hi])] : []),
      ...pubs.flatMap((iv) => [iv.lo, iv.hi]),
    ]);
    const k = 10 ** e;
    const unit = [e !== 0 ? powerOfTen(e) : '', p.unit ?? ''].filter((x) => x !== '').join(' ');
    const kindText = (t: string): string => `<br><span class="kind">${escapeHtml(t)}</span>`;
    const cells = [
      `<td>${escapeHtml(p.label)}${input.interest?.parameter === p.name ? kindText('parameter of interest') : ''}</td>`,
      `<td class="unit">${escapeHtml(unit)}</td>`,
      `<td class="num">${s ? escapeHtml(formatSig(s.median / k, 3)) : '—'}</td>`,
      `<td class="num">${s ? `${escapeHtml(formatInterval(s.interval.lo, s.interval.hi, k))}${kindText(`${pct(s.interval.prob)} ${KIND_TEXT[s.interval.kind]}`)}${modeLines(s, k)}` : '—'}</td>`,
      `<td class="num">${s?.mcse !== undefined ? escapeHtml(formatSig(s.mcse / k, 2)) : '—'}</td>`,
      `<td class="num">${prof?.bestFit !== undefined ? escapeHtml(formatSig(prof.bestFit / k, 3)) : '—'}</td>`,
      `<td class="num">${prof ? prof.intervals.map((iv) => `${escapeHtml(formatInterval(iv.lo, iv.hi, k))}${kindText(`${pct(iv.cl)} CL, Δχ² = ${iv.deltaChi2}`)}`).join('<br>') || '—' : '—'}</td>`,
      `<td class="num">${pubs.map((iv) => `${escapeHtml(formatInterval(iv.lo, iv.hi, k))}${kindText(`${pct(iv.cl)}; ${iv.source}`)}`).join('<br>') || '—'}</td>`,
    ];
    if (withBf) {
      const bf = s?.bayesFactor;
      // the nested point is in parameter units, shown unscaled (usually 0)
      cells.push(
        `<td class="num">${bf ? `${escapeHtml(`${formatSig(bf.bf01, 3)} ± ${formatSig(bf.bf01Se, 2)}`)}${kindText(`Savage–Dickey at ${p.label} = ${formatSig(bf.point, 3)}${p.unit && bf.point !== 0 ? ` ${p.unit}` : ''}`)}` : '—'}</td>`,
      );
    }
    rows.push(`<tr data-parameter="${escapeHtml(p.name)}">${cells.join('')}</tr>`);
  }
  rows.push('</tbody></table>');
  if (input.derived?.length) rows.push(derivedTable(input.derived));
  return rows.join('\n');
}

/**
 * The table of derived quantities (e.g. the fitted CEvNS events of an SM fit): profile best fit and
 * intervals, posterior median and credible interval.
 * @param derived - the rows
 * @returns an HTML table
 */
export function derivedTable(derived: NonNullable<ReportInput['derived']>): string {
  const rows = derived.map((d) => {
    const prof = d.profile;
    const post = d.posterior;
    return `<tr><td>${escapeHtml(d.quantity)}${d.note ? `<br><span class="kind">${escapeHtml(d.note)}</span>` : ''}</td><td class="unit">${escapeHtml(d.unit)}</td><td class="num">${prof ? escapeHtml(formatSig(prof.best, 4)) : '—'}</td><td class="num">${
      prof ? prof.intervals.map((iv) => `${escapeHtml(formatInterval(iv.lo, iv.hi))}<br><span class="kind">${escapeHtml(`${pct(iv.cl)} CL`)}</span>`).join('<br>') || '—' : '—'
    }</td><td class="num">${post ? escapeHtml(formatSig(post.median, 4)) : '—'}</td><td class="num">${post ? `${escapeHtml(formatInterval(post.lo, post.hi))}<br><span class="kind">${escapeHtml(`${pct(post.prob)} equal-tailed`)}</span>` : '—'}</td></tr>`;
  });
  return `<h3>Derived quantities</h3><table class="summary derived"><thead><tr><th>quantity</th><th>unit</th><th>profile best fit</th><th>profile intervals</th><th>posterior median</th><th>posterior interval</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
