/**
 * Provenance table: seed, RNG-state hash, model hash, code version and commit, node and
 * dependency versions, chain files, timings.
 */
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import type { ReportProvenance } from './types.js';

/**
 * Renders the provenance table.
 *
 * @param p - provenance
 * @returns HTML `<table>`
 */
export function provenanceTable(p: ReportProvenance): string {
  const rows: Array<[string, string]> = [
    ['seed', String(p.seed)],
    ['RNG state hash', p.rngStateHash ?? '—'],
    ['model hash', p.modelHash ?? '—'],
    ['nuem version', p.codeVersion],
    ['git commit', p.gitCommit],
    ['node', p.node ?? '—'],
    ['created', p.createdAt ?? '—'],
    ['chain files', (p.chainFiles ?? []).join(', ') || '—'],
  ];
  for (const [k, v] of Object.entries(p.dependencies ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) rows.push([`dependency ${k}`, v]);
  for (const [k, v] of Object.entries(p.timings_s ?? {})) rows.push([`time: ${k}`, `${formatSig(v, 3)} s`]);
  return `<table class="provenance"><tbody>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="mono">${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}
