/**
 * The summary table: per parameter, the posterior median and credible interval (with its kind
 * and probability stated, inference.md §6 item 7), MCSE, the profile-likelihood best fit and
 * intervals, and published values, side by side.
 */
import type { PlotParameter } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
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
 * @returns plain text
 */
export function formatInterval(lo: number, hi: number): string {
  if (!Number.isFinite(lo) && Number.isFinite(hi)) return `< ${formatSig(hi, 3)}`;
  if (Number.isFinite(lo) && !Number.isFinite(hi)) return `> ${formatSig(lo, 3)}`;
  return `[${formatSig(lo, 3)}, ${formatSig(hi, 3)}]`;
}

function pct(p: number): string {
  return `${formatSig(100 * p, 3).replace(/\.0+$/, '')}%`;
}

/**
 * Renders the summary table.
 *
 * @param input - the report input
 * @returns HTML `<table>` string (all text escaped)
 */
export function summaryTable(input: ReportInput): string {
  const rows: string[] = [];
  rows.push(
    '<table class="summary"><thead><tr><th>parameter</th><th>unit</th><th>posterior median</th><th>posterior interval</th><th>MCSE</th><th>profile best fit</th><th>profile intervals</th><th>published</th></tr></thead><tbody>',
  );
  for (const p of input.parameters as PlotParameter[]) {
    const s = input.summaries.find((x) => x.parameter === p.name);
    const prof = input.profiles?.oneD?.find((x) => x.parameter === p.name);
    const pubs = (input.published ?? []).filter((x) => x.parameter === p.name);
    const cells = [
      `<td>${escapeHtml(p.label)}</td>`,
      `<td>${escapeHtml(p.unit ?? '')}</td>`,
      `<td class="num">${s ? escapeHtml(formatSig(s.median, 4)) : '—'}</td>`,
      `<td class="num">${s ? escapeHtml(`${formatInterval(s.interval.lo, s.interval.hi)} (${pct(s.interval.prob)} ${KIND_TEXT[s.interval.kind]})`) : '—'}</td>`,
      `<td class="num">${s?.mcse !== undefined ? escapeHtml(formatSig(s.mcse, 2)) : '—'}</td>`,
      `<td class="num">${prof?.bestFit !== undefined ? escapeHtml(formatSig(prof.bestFit, 4)) : '—'}</td>`,
      `<td class="num">${prof ? prof.intervals.map((iv) => escapeHtml(`${formatInterval(iv.lo, iv.hi)} (${pct(iv.cl)} CL, Δχ² = ${iv.deltaChi2})`)).join('<br>') || '—' : '—'}</td>`,
      `<td class="num">${pubs.map((iv) => escapeHtml(`${formatInterval(iv.lo, iv.hi)} (${pct(iv.cl)}; ${iv.source})`)).join('<br>') || '—'}</td>`,
    ];
    rows.push(`<tr data-parameter="${escapeHtml(p.name)}">${cells.join('')}</tr>`);
  }
  rows.push('</tbody></table>');
  return rows.join('\n');
}
