/**
 * One self-contained HTML page per run: summary table, corner plot, profile likelihoods, spectra,
 * diagnostics (with a visible warning when not converged) and provenance. Plots are inline SVG
 * rendered in Node; the page has inline CSS only, no scripts, no fonts, no network access
 * (a Content-Security-Policy forbids every external load). Every string from the input is escaped.
 * Rendering is deterministic: the same input gives the same bytes.
 */
import type { CornerOptions, PlotInterval, PlotParameter, ProfileContour2D, Profile1D } from '../plots/types.js';
import { escapeHtml } from '../plots/escape.js';
import { formatSig } from '../plots/formatNumber.js';
import { cornerPlot } from '../plots/cornerPlot.js';
import { profilePlot } from '../plots/profilePlot.js';
import { OKABE_ITO } from '../plots/palette.js';
import { toysSectionHtml } from './toysReport.js';
import { spectrumPlot } from '../plots/spectrumPlot.js';
import { pullPlot } from '../plots/pullPlot.js';
import { autocorrPlot } from '../plots/autocorrPlot.js';
import { tracePlot } from '../plots/tracePlot.js';
import { levelLegend } from '../plots/contourLevels.js';
import type { ReportInput } from './types.js';
import { REPORT_CSS } from './reportStyle.js';
import { summaryTable } from './summaryTable.js';
import { temperingSection } from './temperingSection.js';
import { convergenceBanner, diagnosticsTable } from './diagnosticsSection.js';
import { provenanceTable } from './provenanceSection.js';
import { withDisplayExponents } from './parameterDisplay.js';
import { priorTable } from './priorTable.js';

function pct(p: number): string {
  return `${formatSig(100 * p, 3).replace(/\.0+$/, '')}%`;
}

function indexOfParam(params: readonly PlotParameter[], name: string, where: string): number {
  const k = params.findIndex((p) => p.name === name);
  if (k < 0) throw new Error(`renderReport: ${where} names parameter "${name}", which is not among ${params.map((p) => p.name).join(', ')}`);
  return k;
}

/**
 * Builds the corner-plot options of a report (truths, published bands, profiles).
 *
 * @param input - the report input
 * @returns options for {@link cornerPlot}
 */
export function reportCornerOptions(input: ReportInput): CornerOptions {
  const params = input.parameters;
  const truths = params.map((p) => input.truths?.[p.name] ?? null);
  const published: Array<PlotInterval | null> = params.map((p) => {
    const pub = (input.published ?? []).find((x) => x.parameter === p.name);
    return pub ? { lo: pub.lo, hi: pub.hi, label: `${pub.source} (${pct(pub.cl)})` } : null;
  });
  const profiles1d: Profile1D[] = (input.profiles?.oneD ?? []).map((pr) => ({
    parameter: indexOfParam(params, pr.parameter, 'profiles.oneD'),
    grid: pr.grid,
    deltaChi2: pr.deltaChi2,
  }));
  const profiles2d: ProfileContour2D[] = (input.profiles?.twoD ?? []).map((pr) => {
    let x = indexOfParam(params, pr.x, 'profiles.twoD');
    let y = indexOfParam(params, pr.y, 'profiles.twoD');
    let polygons = pr.polygons;
    if (x > y) {
      // the corner plot has the later parameter on the y axis
      [x, y] = [y, x];
      polygons = pr.polygons.map((poly) => poly.map(([a, b]) => [b, a] as const));
    }
    return { x, y, level: `${pct(pr.cl)} CL, Δχ² = ${pr.deltaChi2}`, polygons };
  });
  const sm = input.standardModel;
  return {
    ...(sm && params.some((p) => sm[p.name] !== undefined) ? { reference: { label: 'Standard Model', values: params.map((p) => sm[p.name] ?? null) } } : {}),
    bins: input.corner?.bins,
    levels: input.corner?.levels,
    density1d: input.corner?.density1d,
    truths,
    published,
    profiles1d,
    profiles2d,
    idPrefix: 'corner',
    ...(input.summaries.some((x) => x.hdiRegion) ? { hdiTitles: params.map((p) => input.summaries.find((x) => x.parameter === p.name)?.hdiRegion ?? null) } : {}),
  };
}

/**
 * Renders the report page.
 *
 * @param given - everything the report shows (see {@link ReportInput}); each linear-axis parameter gets one power of ten for all tables and plots
 * @returns the complete HTML document
 * @throws Error when the input is inconsistent (unknown parameter names, shape mismatches)
 */
export function renderReport(given: ReportInput): string {
  // one power of ten per parameter for the table and every plot
  const input = withDisplayExponents(given);
  const params = input.parameters;
  const title = `${input.analysis.title} — run ${input.run.id}`;
  const cornerOpts = reportCornerOptions(input);
  const sections: string[] = [];
  const nav: Array<[string, string]> = [];
  const add = (id: string, heading: string, html: string): void => {
    nav.push([id, heading]);
    sections.push(`<section id="${id}"><h2>${escapeHtml(heading)}</h2>\n${html}\n</section>`);
  };

  add(
    'summary',
    'Summary',
    `${summaryTable(input)}<p class="note">Posterior intervals are credible intervals of the marginal posterior; profile intervals are frequentist confidence intervals from Δχ² thresholds (Wilks). They answer different questions and need not agree.${
      input.summaries.some((x) => x.bayesFactor)
        ? ' B₀₁ is the Savage–Dickey density ratio p(θ₀|data)/p(θ₀) at the nested point θ₀ (Dickey 1971): B₀₁ &gt; 1 favours θ = θ₀, B₀₁ &lt; 1 the free parameter; it depends on the prior width.'
        : ''
    }</p>`,
  );

  if (input.priors?.length) add('priors', 'Priors', priorTable(input));

  const corner = cornerPlot(params, input.runs, cornerOpts);
  const conv = levelLegend(input.corner?.levels ?? { kind: 'mass', masses: [0.6826894921, 0.9544997361] });
  add(
    'corner',
    'Posterior (corner plot)',
    `<figure>${corner}<figcaption>${escapeHtml(`${conv}. Runs: ${input.runs.map((r) => r.label).join(', ')}.`)}</figcaption></figure>`,
  );

  const oneD = input.profiles?.oneD ?? [];
  if (oneD.length) {
    const figs = oneD.map((pr, m) => {
      const k = indexOfParam(params, pr.parameter, 'profiles.oneD');
      const toy = input.toys?.find((t) => t.parameter === pr.parameter);
      const svg = profilePlot(params[k] as PlotParameter, pr.grid, pr.deltaChi2, {
        idPrefix: `profile-${m}`,
        intervals: [
          ...pr.intervals.map((iv) => ({ lo: iv.lo, hi: iv.hi, label: `${pct(iv.cl)} CL interval (Δχ² = ${iv.deltaChi2})` })),
          ...(toy ? toy.fc.map((iv, i) => ({ lo: iv.loOpen ? -Infinity : iv.lo, hi: iv.hiOpen ? Infinity : iv.hi, color: OKABE_ITO.skyBlue, ...(i === 0 ? { label: `${pct(toy.cl)} CL Feldman–Cousins interval (toys)` } : {}) })) : []),
        ],
        ...(input.standardModel?.[pr.parameter] !== undefined ? { reference: { value: input.standardModel[pr.parameter]!, label: 'Standard Model' } } : {}),
        ...(toy ? { criticalValues: { grid: toy.grid, tc: toy.tc, label: `FC critical value t_c (${pct(toy.cl)} CL)` } } : {}),
      });
      return `<figure>${svg}</figure>`;
    });
    add('profiles', 'Profile likelihood', `<div class="plots">${figs.join('')}</div>`);
  }

  if (input.toys?.length) add('toys', 'Feldman–Cousins (toy Monte Carlo)', toysSectionHtml(input.toys));

  const spectra = input.spectra ?? [];
  if (spectra.length) {
    // the title goes into the caption, where long titles wrap instead of being cut at the plot edge
    const figs = spectra.map((s, m) => {
      const { title, experiment: _experiment, ...rest } = s;
      const caption = title ? `<figcaption>${escapeHtml(title)}</figcaption>` : '';
      return `<figure>${spectrumPlot(rest, { idPrefix: `spectrum-${m}` })}${caption}</figure>`;
    });
    // several experiments (a combined analysis): one group of panels per experiment
    const groups = [...new Set(spectra.map((s) => s.experiment ?? ''))];
    const html =
      groups.length > 1
        ? groups
            .map((g) => `<h3>${escapeHtml(g || 'other')}</h3><div class="plots">${figs.filter((_, m) => (spectra[m]!.experiment ?? '') === g).join('')}</div>`)
            .join('\n')
        : `<div class="plots">${figs.join('')}</div>`;
    add('spectra', 'Spectra', html);
  }

  const pulls = input.pulls ?? [];
  if (pulls.length) {
    const rows = pulls.map(
      (p) =>
        `<tr><td>${escapeHtml(p.label ?? p.name)}</td><td>${escapeHtml(p.experiments.join(', '))}</td><td>${escapeHtml(p.prior)}</td><td>${p.bestFit !== undefined ? formatSig(p.bestFit, 4) : ''}</td><td>${
          p.posterior ? `${formatSig(p.posterior.mean, 4)} ± ${formatSig(p.posterior.sd, 3)}` : ''
        }</td><td>${escapeHtml(p.source ?? '')}</td></tr>`,
    );
    const table = `<table class="pulls"><thead><tr><th>nuisance</th><th>experiments</th><th>prior</th><th>profile best fit</th><th>posterior mean ± sd</th><th>source</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    add('nuisances', 'Nuisance parameters', `<div class="plots"><figure>${pullPlot(pulls)}<figcaption>Prior (bands) against post-fit values, in units of the prior width.</figcaption></figure></div>\n${table}`);
  }

  if (input.tempering) add('evidence', 'Evidence and tempering', temperingSection(params, input.tempering));

  const d = input.diagnostics;
  const diagParts = [diagnosticsTable(params, d)];
  if (d.tauHistory) diagParts.push(`<h3>Autocorrelation time</h3><figure>${autocorrPlot(params, d.tauHistory, { idPrefix: 'tau' })}</figure>`);
  if (input.trace) diagParts.push(`<h3>Walker traces</h3><figure>${tracePlot(params, input.trace, { idPrefix: 'trace' })}</figure>`);
  add('diagnostics', 'Diagnostics', diagParts.join('\n'));

  add('provenance', 'Provenance', provenanceTable(input.provenance));

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="nuem ${escapeHtml(input.provenance.codeVersion)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(input.analysis.title)}</h1><div class="ids">analysis ${escapeHtml(input.analysis.id)} · run ${escapeHtml(input.run.id)}</div>${
      input.analysis.description ? `<p>${escapeHtml(input.analysis.description)}</p>` : ''
    }</header>`,
    `<nav>${nav.map(([id, h]) => `<a href="#${id}">${escapeHtml(h)}</a>`).join('')}</nav>`,
    '<main>',
    convergenceBanner(params, d),
    ...(input.notes?.length ? [`<div class="notice" id="report-notes"><ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>`] : []),
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
