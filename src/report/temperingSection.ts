/**
 * The "Evidence and tempering" section of the report (runs with parallel tempering): the evidence
 * table — ln Z of the full model and of every nested model θ = θ₀ with the ladder
 * (discretisation) and Monte Carlo errors stated separately, the Bayes factor B₀₁ = Z₀/Z₁ next to
 * the Savage–Dickey value of the same point and their agreement z — and the swap-acceptance
 * diagnostics per adjacent pair of temperatures with the final ladder.
 * Estimators: src/sampler/tempering/thermodynamicEvidence.ts, src/summaries/savageDickeyRB.ts;
 * docs/statistics.md.
 * @module
 */
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import type { PlotParameter } from '../plots/types.js';
import type { ReportTempering } from './types.js';

/** Swap acceptance below this between some pair means the ladder has a gap (ptemcee aims at ≈ 0.25 and above). */
export const LOW_SWAP_ACCEPTANCE = 0.05;

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');

/**
 * @param params - the run's parameters (labels for the nested models)
 * @param t - ladder, swap acceptance and evidences
 * @returns HTML of the section body (all text escaped)
 */
export function temperingSection(params: readonly PlotParameter[], t: ReportTempering): string {
  const label = (name: string): string => params.find((p) => p.name === name)?.label ?? name;
  const out: string[] = [];
  if (t.evidence) {
    const rows = [
      `<tr><td>full model</td><td class="num">${f3(t.evidence.lnZ)}</td><td class="num">${f3(t.evidence.discretisationError)}</td><td class="num">${f3(t.evidence.mcse)}</td><td>—</td><td>—</td><td>—</td></tr>`,
      ...t.nested.map((n) => {
        const sd = n.savageDickey ? `${formatSig(n.savageDickey.bf01, 3)} ± ${formatSig(n.savageDickey.bf01Se, 2)}` : '—';
        const bf = `${formatSig(n.bf01, 3)} (ln B₀₁ ± ${f3(n.lnBf01Discretisation)} ladder ± ${f3(n.lnBf01Mcse)} MC)`;
        return `<tr><td>${escapeHtml(`${label(n.parameter)} = ${formatSig(n.point, 3)}`)}</td><td class="num">${f3(n.lnZ)}</td><td class="num">${f3(n.lnZDiscretisation)}</td><td class="num">${f3(n.lnZMcse)}</td><td class="num">${escapeHtml(bf)}</td><td class="num">${escapeHtml(sd)}</td><td class="num">${n.agreementZ !== undefined ? escapeHtml(n.agreementZ.toFixed(1)) : '—'}</td></tr>`;
      }),
    ];
    out.push(
      `<table class="evidence"><thead><tr><th>model</th><th>ln Z</th><th>ladder error</th><th>MC error</th><th>B₀₁ from evidences</th><th>B₀₁ Savage–Dickey</th><th>z</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      `<p class="note">ln Z by thermodynamic integration over the temperature ladder (ln L without constants, normalised priors). The ladder error compares the rule on all rungs with the rule on every other rung (conservative); the MC error is the Monte Carlo standard error from the autocorrelation of the per-step estimate. B₀₁ = Z(θ = θ₀)/Z(free) from two independent tempered runs, next to the Savage–Dickey estimate from the full model's chain; z = (ln B₀₁ − ln B₀₁,SD)/(combined error) should be of order 1.</p>`,
    );
  } else {
    out.push('<p class="note">No evidence: the hottest rung is not the prior (β = 0).</p>');
  }
  const T = t.betas[0]?.length ?? 0;
  const head = Array.from({ length: T - 1 }, (_, i) => `<th>${i}↔${i + 1}</th>`).join('');
  const rows = t.swapAcceptance.map((acc, k) => `<tr><td>ensemble ${k}</td>${acc.map((a) => `<td class="num${a < LOW_SWAP_ACCEPTANCE ? ' warn' : ''}">${a.toFixed(2)}</td>`).join('')}</tr>`);
  const ladders = t.betas.map((b, k) => `<tr><td>ensemble ${k}</td>${b.map((v) => `<td class="num">${escapeHtml(formatSig(v, 3))}</td>`).join('')}</tr>`);
  out.push(
    `<h3>Swap acceptance between neighbouring temperatures</h3><table class="swaps"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `<h3>Ladder (inverse temperatures β, adapted during the first ${t.adaptSteps} steps, fixed after)</h3><table class="ladder"><thead><tr><th></th>${Array.from({ length: T }, (_, i) => `<th>β${i}</th>`).join('')}</tr></thead><tbody>${ladders.join('')}</tbody></table>`,
  );
  const low = t.swapAcceptance.some((acc) => acc.some((a) => a < LOW_SWAP_ACCEPTANCE));
  if (low) out.push(`<p class="note warn">Some neighbouring temperatures swap in fewer than ${LOW_SWAP_ACCEPTANCE * 100}% of proposals: add temperatures (--temperatures) so that walkers travel along the whole ladder.</p>`);
  return out.join('\n');
}
