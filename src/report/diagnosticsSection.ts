/**
 * Diagnostics: a visible banner (not converged / needs attention / converged), and a table per
 * parameter with τ, N/τ, the τ-based ESS and — only when there are ≥ 2 independent ensembles —
 * rank-normalised R̂ and bulk/tail ESS, out-of-range cells flagged. Limits and their sources:
 * - R̂ < 1.01 and bulk/tail ESS > 400: Vehtari et al. 2021, doi:10.1214/20-BA1221 (arXiv:1903.08008), §4;
 *   the same ESS guideline is applied to the τ-based ESS.
 * - N > 50 τ: emcee autocorrelation tutorial (Foreman-Mackey);.
 * - acceptance per walker in (0.1, 0.9): the range emcee's own integration tests require of every
 *   walker (emcee src/emcee/tests/integration/test_proposal.py) — outside it is a warning.
 * - mean acceptance 0.2–0.5: Foreman-Mackey et al. 2013, arXiv:1202.3665, §4, a rule of thumb for
 *   the stretch move in many dimensions; low-dimensional targets are healthy at 0.6–0.7, so this
 *   is only an informational note.
 */
import type { PlotParameter } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import type { ReportDiagnostics } from './types.js';

/** Limits used to flag diagnostics (sources in the module documentation). */
export const DIAGNOSTIC_LIMITS = Object.freeze({
  rhatMax: 1.01,
  essMin: 400,
  stepsPerTauMin: 50,
  /** per-walker acceptance must lie strictly inside (min, max) (emcee's integration tests) */
  acceptanceWarnMin: 0.1,
  acceptanceWarnMax: 0.9,
  /** informational range of the mean acceptance (Foreman-Mackey et al. 2013 §4) */
  acceptanceMin: 0.2,
  acceptanceMax: 0.5,
});

/** Warnings from elsewhere (src/diagnostics `acceptanceReport`) that this report shows as notes, not warnings. */
const INFORMATIONAL = /outside the usual 0\.2[–-]0\.5 range/;

/** ESS as a whole number of draws (NaN as "n/a"). */
function formatEss(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v)) : 'n/a';
}

/** The ESS columns of a run after the compatibility rule of {@link ReportDiagnostics.essBulk}. */
export interface ResolvedEss {
  /** τ-based ESS per parameter (or undefined) */
  essTau?: readonly number[];
  /** rank-normalised bulk ESS (only with ≥ 2 ensembles) */
  essBulk?: readonly number[];
  /** rank-normalised tail ESS (only with ≥ 2 ensembles) */
  essTail?: readonly number[];
  /** R̂ (only with ≥ 2 ensembles) */
  rhat?: readonly number[];
}

/**
 * Which diagnostics are shown: τ-based ESS always (when known); R̂ and rank-normalised ESS only
 * across ≥ 2 independent ensembles (walkers of one ensemble are not independent chains,
 * Vehtari et al. 2021, arXiv:1903.08008). Older callers stored the τ-based ESS in `essBulk` without `essTail`.
 *
 * @param d - diagnostics as given
 * @returns the columns to show
 */
export function resolveEss(d: ReportDiagnostics): ResolvedEss {
  const legacy = d.essTau === undefined && d.essTail === undefined && d.essBulk !== undefined;
  const multi = (d.nEnsembles ?? 1) >= 2;
  return {
    essTau: legacy ? d.essBulk : d.essTau,
    ...(multi && !legacy && d.essBulk ? { essBulk: d.essBulk } : {}),
    ...(multi && d.essTail ? { essTail: d.essTail } : {}),
    ...(multi && d.rhat ? { rhat: d.rhat } : {}),
  };
}

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
  const e = resolveEss(d);
  params.forEach((p, k) => {
    const r = e.rhat?.[k];
    if (r !== undefined && !(r < L.rhatMax)) w.push(`R̂ of ${p.label} is ${formatSig(r, 4)} (needs < ${L.rhatMax})`);
    const et = e.essTau?.[k];
    if (et !== undefined && !(et > L.essMin)) w.push(`τ-based ESS of ${p.label} is ${formatEss(et)} (needs > ${L.essMin})`);
    const eb = e.essBulk?.[k];
    if (eb !== undefined && !(eb > L.essMin)) w.push(`bulk ESS of ${p.label} is ${formatEss(eb)} (needs > ${L.essMin})`);
    const es = e.essTail?.[k];
    if (es !== undefined && !(es > L.essMin)) w.push(`tail ESS of ${p.label} is ${formatEss(es)} (needs > ${L.essMin})`);
    const t = d.tau?.[k];
    if (t !== undefined && !(d.nSteps > L.stepsPerTauMin * t)) w.push(`chain of ${d.nSteps} steps is shorter than ${L.stepsPerTauMin} τ for ${p.label} (τ = ${formatSig(t, 3)})`);
  });
  const inside = (a: number): boolean => a > L.acceptanceWarnMin && a < L.acceptanceWarnMax;
  if (d.acceptance !== undefined && !inside(d.acceptance)) {
    w.push(`mean acceptance ${d.acceptance.toFixed(3)} is outside (${L.acceptanceWarnMin}, ${L.acceptanceWarnMax}), the range emcee's own tests require of every walker`);
  }
  const outside = (d.acceptanceFractions ?? []).filter((a) => !inside(a)).length;
  if (outside > 0) w.push(`${outside} of ${d.acceptanceFractions!.length} walkers have acceptance outside (${L.acceptanceWarnMin}, ${L.acceptanceWarnMax})`);
  return w;
}

/**
 * Informational notes about the acceptance (not warnings).
 *
 * @param d - diagnostics
 * @returns plain-text notes
 */
export function diagnosticNotes(d: ReportDiagnostics): string[] {
  const L = DIAGNOSTIC_LIMITS;
  const notes = d.warnings.filter((x) => INFORMATIONAL.test(x));
  if (notes.length === 0 && d.acceptance !== undefined && !(d.acceptance >= L.acceptanceMin && d.acceptance <= L.acceptanceMax)) {
    notes.push(`mean acceptance ${d.acceptance.toFixed(3)} is outside 0.2–0.5`);
  }
  return notes.map(
    (n) => `${n} (informational: 0.2–0.5 is the rule of thumb of Foreman-Mackey et al. 2013, arXiv:1202.3665 §4; the stretch move on low-dimensional targets is healthy at 0.6–0.7)`,
  );
}

/**
 * Renders the convergence banner (warning or confirmation).
 *
 * @param params - parameters
 * @param d - diagnostics
 * @returns HTML fragment
 */
export function convergenceBanner(params: readonly PlotParameter[], d: ReportDiagnostics): string {
  const all = [...d.warnings.filter((x) => !INFORMATIONAL.test(x)), ...diagnosticWarnings(params, d)];
  const unique = [...new Set(all)];
  const notes = [...(d.notes ?? []), ...diagnosticNotes(d)];
  const noteHtml = notes.length ? `<ul class="info">${notes.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : '';
  const L = DIAGNOSTIC_LIMITS;
  const multi = (d.nEnsembles ?? 1) >= 2;
  if (!d.converged || unique.length > 0) {
    const head = d.converged ? 'Diagnostics need attention' : 'Not converged: do not quote these results';
    const sub = d.converged
      ? 'The convergence rule was met, but the checks below failed; treat the numbers with care.'
      : 'The sampler stopped before the convergence rule (N > 50 τ with τ stable) was met. Run longer (nuem run --resume, or nuem sample --resume --steps <more>) before using the intervals.';
    return `<div class="warning" role="alert" id="convergence-warning"><h2>${escapeHtml(head)}</h2><p>${escapeHtml(sub)}</p><ul>${unique
      .map((x) => `<li>${escapeHtml(x)}</li>`)
      .join('')}</ul>${noteHtml}</div>`;
  }
  const checks = `${multi ? `R̂ < ${L.rhatMax}, bulk/tail ESS > ${L.essMin}, ` : ''}τ-based ESS > ${L.essMin}, N > ${L.stepsPerTauMin} τ, acceptance in (${L.acceptanceWarnMin}, ${L.acceptanceWarnMax})`;
  const single = multi ? '' : ' R̂ is not available: it needs at least two independent ensembles.';
  return `<div class="converged" id="convergence-ok">Converged: all diagnostics within limits (${escapeHtml(checks)}).${escapeHtml(single)}${noteHtml}</div>`;
}

/**
 * Renders the per-parameter diagnostics table with a caption explaining every column.
 *
 * @param params - parameters
 * @param d - diagnostics
 * @returns HTML fragment (`<p>` + `<table>`)
 */
export function diagnosticsTable(params: readonly PlotParameter[], d: ReportDiagnostics): string {
  const L = DIAGNOSTIC_LIMITS;
  const e = resolveEss(d);
  const multi = (d.nEnsembles ?? 1) >= 2;
  const cell = (v: number | undefined, good: (v: number) => boolean, sig: number): string =>
    v === undefined ? '<td class="num">—</td>' : `<td class="num ${good(v) ? 'ok' : 'bad'}">${escapeHtml(formatSig(v, sig))}</td>`;
  const ess = (v: number | undefined): string =>
    v === undefined ? '<td class="num">—</td>' : `<td class="num ${v > L.essMin ? 'ok' : 'bad'}">${escapeHtml(formatEss(v))}</td>`;
  const rows = params.map((p, k) => {
    const tau = d.tau?.[k];
    const cells = [
      `<td>${escapeHtml(p.label)}</td>`,
      cell(tau, (v) => d.nSteps > L.stepsPerTauMin * v, 3),
      cell(tau !== undefined ? d.nSteps / tau : undefined, (v) => v > L.stepsPerTauMin, 3),
      ess(e.essTau?.[k]),
      ...(multi ? [cell(e.rhat?.[k], (v) => v < L.rhatMax, 4), ess(e.essBulk?.[k]), ess(e.essTail?.[k])] : []),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const acc = d.acceptance === undefined ? '—' : d.acceptance.toFixed(3);
  const head = ['parameter', 'τ [steps]', 'N / τ', 'ESS (τ-based)', ...(multi ? ['R̂ (rank-normalised)', 'bulk ESS', 'tail ESS'] : [])];
  const caption = [
    `τ: integrated autocorrelation time of the walker-averaged autocorrelation function (emcee estimator), in steps; flagged unless N > ${L.stepsPerTauMin} τ.`,
    `ESS (τ-based): effective sample size N·W/τ summed over ensembles (N kept steps, W walkers); flagged below ${L.essMin}.`,
    multi
      ? `R̂: rank-normalised split R̂ across the ${d.nEnsembles} independent ensembles, each one chain of its draws in step order, all walkers of a step side by side (Vehtari et al. 2021; docs/statistics.md §7); flagged unless < ${L.rhatMax}. Bulk / tail ESS: rank-normalised ESS of the centre and of the 5%/95% quantiles, each ensemble one chain with its walkers laid end to end; flagged below ${L.essMin}.`
      : 'R̂ and rank-normalised bulk/tail ESS are not shown: they need at least two independent ensembles, and the walkers of one ensemble are not independent chains.',
  ];
  return [
    `<p class="note">${d.nEnsembles ?? 1} ensemble(s) × ${d.nWalkers} walkers × ${d.nSteps} steps; mean acceptance ${escapeHtml(acc)} (warning outside (${L.acceptanceWarnMin}, ${L.acceptanceWarnMax}) per walker, as emcee's own tests).</p>`,
    `<table class="diagnostics"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table>',
    `<ul class="note caption">${caption.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
  ].join('\n');
}
