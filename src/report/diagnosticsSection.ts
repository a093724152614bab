/**
 * Diagnostics: a visible warning box when the run is not converged, and a table of R̂, bulk and
 * tail ESS, τ and N/τ per parameter with out-of-range cells flagged. Thresholds:
 * R̂ < 1.01 and ESS > 400 (Vehtari et al. 2021, arXiv:1903.08008, §4), N > 50 τ (emcee
 * autocorrelation tutorial; inference.md §6 item 3), acceptance in [0.2, 0.5] (Foreman-Mackey et
 * al. 2013, arXiv:1202.3665, §4).
 */
import type { PlotParameter } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import type { ReportDiagnostics } from './types.js';

/** Limits used to flag diagnostics. */
export const DIAGNOSTIC_LIMITS = Object.freeze({ rhatMax: 1.01, essMin: 400, stepsPerTauMin: 50, acceptanceMin: 0.2, acceptanceMax: 0.5 });

/**
 * Warnings implied by the numbers themselves (added to the caller's warnings).
 *
 * @param params - parameters (labels)
 * @param d - diagnostics
 * @returns plain-text warnings
 */
export function diagnosticWarnings(params: readonly PlotParameter[], d: ReportDiagnostics): string[] {
  const w: string[] = [];
  const L = DIAGNOSTIC_LIMITS;
  params.forEach((p, k) => {
    const r = d.rhat?.[k];
    if (r !== undefined && !(r < L.rhatMax)) w.push(`R̂ of ${p.label} is ${formatSig(r, 4)} (needs < ${L.rhatMax})`);
    const eb = d.essBulk?.[k];
    if (eb !== undefined && !(eb > L.essMin)) w.push(`bulk ESS of ${p.label} is ${formatSig(eb, 3)} (needs > ${L.essMin})`);
    const et = d.essTail?.[k];
    if (et !== undefined && !(et > L.essMin)) w.push(`tail ESS of ${p.label} is ${formatSig(et, 3)} (needs > ${L.essMin})`);
    const t = d.tau?.[k];
    if (t !== undefined && !(d.nSteps > L.stepsPerTauMin * t)) w.push(`chain of ${d.nSteps} steps is shorter than ${L.stepsPerTauMin} τ for ${p.label} (τ = ${formatSig(t, 3)})`);
  });
  const mentioned = d.warnings.some((x) => /acceptance/i.test(x));
  if (!mentioned && d.acceptance !== undefined && !(d.acceptance >= L.acceptanceMin && d.acceptance <= L.acceptanceMax)) {
    w.push(`mean acceptance ${formatSig(d.acceptance, 3)} is outside [${L.acceptanceMin}, ${L.acceptanceMax}]`);
  }
  return w;
}

/**
 * Renders the convergence banner (warning or confirmation).
 *
 * @param params - parameters
 * @param d - diagnostics
 * @returns HTML fragment
 */
export function convergenceBanner(params: readonly PlotParameter[], d: ReportDiagnostics): string {
  const all = [...d.warnings, ...diagnosticWarnings(params, d)];
  const unique = [...new Set(all)];
  if (!d.converged || unique.length > 0) {
    const head = d.converged ? 'Diagnostics need attention' : 'Not converged: do not quote these results';
    return `<div class="warning" role="alert" id="convergence-warning"><h2>${escapeHtml(head)}</h2><ul>${unique.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul></div>`;
  }
  return `<div class="converged" id="convergence-ok">Converged: all diagnostics within limits (R̂ &lt; ${DIAGNOSTIC_LIMITS.rhatMax}, ESS &gt; ${DIAGNOSTIC_LIMITS.essMin}, N &gt; ${DIAGNOSTIC_LIMITS.stepsPerTauMin} τ).</div>`;
}

/**
 * Renders the per-parameter diagnostics table.
 *
 * @param params - parameters
 * @param d - diagnostics
 * @returns HTML `<table>`
 */
export function diagnosticsTable(params: readonly PlotParameter[], d: ReportDiagnostics): string {
  const L = DIAGNOSTIC_LIMITS;
  const cell = (v: number | undefined, good: (v: number) => boolean, sig: number): string =>
    v === undefined ? '<td class="num">—</td>' : `<td class="num ${good(v) ? 'ok' : 'bad'}">${escapeHtml(formatSig(v, sig))}</td>`;
  const rows = params.map((p, k) => {
    const tau = d.tau?.[k];
    return `<tr><td>${escapeHtml(p.label)}</td>${cell(d.rhat?.[k], (v) => v < L.rhatMax, 4)}${cell(d.essBulk?.[k], (v) => v > L.essMin, 3)}${cell(
      d.essTail?.[k],
      (v) => v > L.essMin,
      3,
    )}${cell(tau, (v) => d.nSteps > L.stepsPerTauMin * v, 3)}${cell(tau !== undefined ? d.nSteps / tau : undefined, (v) => v > L.stepsPerTauMin, 3)}</tr>`;
  });
  const acc = d.acceptance === undefined ? '—' : formatSig(d.acceptance, 3);
  return [
    `<p class="note">${d.nEnsembles ?? 1} ensemble(s) × ${d.nWalkers} walkers × ${d.nSteps} steps; mean acceptance ${escapeHtml(acc)}. R̂ and ESS are computed across independent ensembles, never across walkers of one ensemble.</p>`,
    '<table class="diagnostics"><thead><tr><th>parameter</th><th>R̂</th><th>bulk ESS</th><th>tail ESS</th><th>τ [steps]</th><th>N / τ</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
}
