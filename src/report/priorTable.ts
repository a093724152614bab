/**
 * The prior table of the report: every sampled parameter with its prior type, the prior's
 * parameters (in the parameter's unit and power of ten, as in the summary table), the unit and
 * where the prior comes from. Densities are those of src/sampler/priors.ts.
 */
import type { PlotParameter } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import { powerOfTen } from '../plots/axisSvg.js';
import type { Prior } from '../sampler/priors.js';
import type { ReportInput, ReportPrior } from './types.js';

/** Prior arguments that are not in the parameter's units (log-normal μ, σ are of ln x). */
const DIMENSIONLESS_ARGS: Readonly<Record<string, readonly string[]>> = { lognormal: ['mu', 'sigma'] };

/** `−12.00` → `−12`, `0.1270` → `0.127` (prior parameters are exact numbers from the file). */
function trimZeros(s: string): string {
  return s.includes('e') || !s.includes('.') ? s : s.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * A prior in the report's row form.
 *
 * @param parameter - parameter name
 * @param role - `physics` or `nuisance`
 * @param prior - the prior (src/sampler/priors.ts)
 * @param source - where it comes from (plain text)
 * @returns the row
 */
export function reportPrior(parameter: string, role: 'physics' | 'nuisance', prior: Prior, source?: string): ReportPrior {
  const { type, ...args } = prior;
  return { parameter, role, type, args: args as Record<string, number>, ...(source ? { source } : {}) };
}

/**
 * Renders the prior table (empty string when the input has no priors).
 *
 * @param input - the report input (parameters carry the unit and power of ten)
 * @returns HTML `<table class="priors">` (all text escaped)
 */
export function priorTable(input: ReportInput): string {
  const priors = input.priors ?? [];
  if (priors.length === 0) return '';
  const rows = priors.map((pr) => {
    const p: PlotParameter | undefined = input.parameters.find((q) => q.name === pr.parameter);
    const e = p?.exponent ?? 0;
    const unit = [e !== 0 ? powerOfTen(e) : '', p?.unit ?? ''].filter((x) => x !== '').join(' ');
    const plain = DIMENSIONLESS_ARGS[pr.type] ?? [];
    const args = Object.entries(pr.args)
      .map(([k, v]) => `${k} = ${trimZeros(formatSig(plain.includes(k) ? v : v / 10 ** e, 4))}`)
      .join(', ');
    const note = plain.length ? ' (of ln x)' : '';
    return `<tr data-parameter="${escapeHtml(pr.parameter)}"><td>${escapeHtml(p?.label ?? pr.parameter)}</td><td>${escapeHtml(pr.role)}</td><td>${escapeHtml(pr.type)}</td><td class="num">${escapeHtml(args + note)}</td><td class="unit">${escapeHtml(unit)}</td><td>${escapeHtml(pr.source ?? '')}</td></tr>`;
  });
  return `<table class="priors"><thead><tr><th>parameter</th><th>role</th><th>prior</th><th>prior parameters</th><th>unit</th><th>source</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
