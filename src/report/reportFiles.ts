/**
 * The files written next to a report's `index.html`, for papers and for further analysis:
 * - `summary.json`: parameters (label, unit, power of ten), posterior summaries, profile intervals,
 *   published values, priors, Standard-Model point, convergence diagnostics and provenance;
 * - `draws.csv`: the posterior draws the report plots (one row per draw, a `run` column, one column
 *   per parameter in parameter units, full double precision);
 * - `profiles.json`: the 1-D profile likelihoods (grid, Δχ², intervals) and 2-D contours;
 * - `figures/<section>-<n>.svg`: every figure of the page as a standalone SVG document.
 * The page links to all of them ({@link attachReportFiles}). Non-finite numbers (open interval
 * ends) are written to JSON as the strings `"Infinity"`, `"-Infinity"`, `"NaN"`.
 */
import { escapeHtml } from '../plots/escape.js';
import type { ReportInput } from './types.js';

/** One file of a report, relative to the report directory. */
export interface ReportFile {
  /** relative path with `/` separators, e.g. `figures/corner-1.svg` */
  path: string;
  /** file content (UTF-8 text) */
  content: string;
  /** what the file holds (plain text, shown with the link) */
  description: string;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

/**
 * JSON text with non-finite numbers as strings and typed arrays as arrays.
 *
 * @param value - any JSON-like value
 * @returns pretty-printed JSON with a trailing newline
 */
export function reportJson(value: unknown): string {
  return `${JSON.stringify(value, jsonReplacer, 1)}\n`;
}

/**
 * The summary document (`summary.json`).
 *
 * @param input - the report input as rendered (parameters with their power of ten)
 * @returns a JSON-ready object
 */
export function reportSummaryJson(input: ReportInput): Record<string, unknown> {
  const d = input.diagnostics;
  return {
    format: 'nuem-report-summary/1',
    analysis: input.analysis,
    run: input.run,
    parameters: input.parameters.map((p) => ({
      name: p.name,
      label: p.label,
      unit: p.unit ?? '',
      // the report shows values divided by 10^exponent with the unit; the numbers in this file are NOT scaled
      displayExponent: p.exponent ?? 0,
      scale: p.scale ?? 'lin',
    })),
    summaries: input.summaries,
    profiles: (input.profiles?.oneD ?? []).map((pr) => ({ parameter: pr.parameter, bestFit: pr.bestFit ?? null, intervals: pr.intervals })),
    published: input.published ?? [],
    priors: input.priors ?? [],
    standardModel: input.standardModel ?? {},
    truths: input.truths ?? {},
    diagnostics: {
      converged: d.converged,
      nSteps: d.nSteps,
      nWalkers: d.nWalkers,
      nEnsembles: d.nEnsembles ?? 1,
      tau: d.tau ?? null,
      rhat: d.rhat ?? null,
      essTau: d.essTau ?? null,
      essBulk: d.essBulk ?? null,
      essTail: d.essTail ?? null,
      acceptance: d.acceptance ?? null,
      warnings: d.warnings,
      notes: d.notes ?? [],
    },
    provenance: input.provenance,
  };
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The draws (`draws.csv`): header `run,<parameter names>`, then one line per draw of every run
 * (the main run first), values in parameter units with round-trip precision.
 *
 * @param input - the report input
 * @returns CSV text (RFC 4180 quoting, `\n` line ends)
 */
export function reportDrawsCsv(input: ReportInput): string {
  const d = input.parameters.length;
  const lines = [['run', ...input.parameters.map((p) => p.name)].map(csvField).join(',')];
  for (const run of input.runs) {
    const label = csvField(run.label);
    const n = Math.floor(run.samples.length / d);
    for (let s = 0; s < n; s++) {
      const row = [label];
      for (let k = 0; k < d; k++) row.push(String(run.samples[s * d + k]));
      lines.push(row.join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The profile likelihoods (`profiles.json`).
 *
 * @param input - the report input
 * @returns a JSON-ready object
 */
export function reportProfilesJson(input: ReportInput): Record<string, unknown> {
  return {
    format: 'nuem-report-profiles/1',
    analysis: input.analysis.id,
    run: input.run.id,
    oneD: (input.profiles?.oneD ?? []).map((pr) => ({ parameter: pr.parameter, bestFit: pr.bestFit ?? null, grid: Array.from(pr.grid), deltaChi2: Array.from(pr.deltaChi2), intervals: pr.intervals })),
    twoD: input.profiles?.twoD ?? [],
  };
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", amp: '&' })[e] ?? '');
}

const SVG_RE = /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*?<\/svg>/g;
const SECTION_RE = /<section id="([A-Za-z0-9_-]+)">/g;

/**
 * Extracts every inline figure of a rendered page as a standalone SVG file, puts a link to it after
 * the figure, and adds a "Data and figures" section (and its navigation entry) linking the data
 * files. Figures are named after their section, `figures/<section id>-<n>.svg`.
 *
 * @param html - the page from `renderReport`
 * @param input - the same input (for the data files)
 * @returns the page with links, and every file to write next to it
 */
export function attachReportFiles(html: string, input: ReportInput): { html: string; files: ReportFile[] } {
  const sections: Array<{ at: number; id: string }> = [];
  for (const m of html.matchAll(SECTION_RE)) sections.push({ at: m.index, id: m[1]! });
  const counts = new Map<string, number>();
  const figures: ReportFile[] = [];
  const page = html.replace(SVG_RE, (svg: string, at: number) => {
    let id = 'figure';
    for (const s of sections) if (s.at < at) id = s.id;
    const n = (counts.get(id) ?? 0) + 1;
    counts.set(id, n);
    const path = `figures/${id}-${n}.svg`;
    const title = unescapeXml(/<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? 'figure');
    figures.push({ path, content: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, description: title });
    return `${svg}<a class="figure-file" href="${path}">SVG file</a>`;
  });
  const data: ReportFile[] = [
    { path: 'summary.json', content: reportJson(reportSummaryJson(input)), description: 'parameters with units, posterior summaries, profile intervals, priors, diagnostics, provenance' },
    { path: 'draws.csv', content: reportDrawsCsv(input), description: 'the posterior draws plotted here, one row per draw, parameter units' },
    { path: 'profiles.json', content: reportJson(reportProfilesJson(input)), description: 'profile likelihoods: Δχ² on the scan grid, intervals, 2-D contours' },
  ];
  const li = (f: ReportFile): string => `<li><a href="${escapeHtml(f.path)}">${escapeHtml(f.path)}</a> — ${escapeHtml(f.description)}</li>`;
  const section = `<section id="files"><h2>Data and figures</h2>
<p class="note">Files next to this page. Numbers in the data files are in parameter units, not scaled by the powers of ten of the tables and plots; open interval ends are written as "Infinity".</p>
<ul>${data.map(li).join('')}</ul>
<h3>Figures (standalone SVG)</h3>
<ul>${figures.map(li).join('')}</ul>
</section>`;
  const withSection = page.replace('</main>', `${section}\n</main>`).replace('</nav>', '<a href="#files">Data and figures</a></nav>');
  return { html: withSection, files: [...data, ...figures] };
}
