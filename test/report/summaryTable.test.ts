/**
 * Savage–Dickey Bayes factors in the summary table (issue 7 follow-up): the column appears only when
 * a summary carries `bayesFactor`, shows B₀₁ ± its standard error and the nested point, and stays
 * escaped. Exact-string checks against formatSig's 3/2 significant digits.
 */
import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/report/summaryTable.js';
import { renderReport } from '../../src/report/renderReport.js';
import { syntheticReportInput } from './fixtures/syntheticReportInput.js';

describe('summaryTable: Savage–Dickey column', () => {
  it('no column without Bayes factors (inputs from before the field render unchanged)', () => {
    const html = summaryTable(syntheticReportInput({ n: 500 }));
    expect(html).not.toContain('Bayes factor');
    expect(html).not.toContain('Savage–Dickey');
  });

  it('shows B01 ± error and the nested point for the parameter that has one, a dash for the others', () => {
    const input = syntheticReportInput({ n: 500 });
    const first = input.summaries[0]!;
    const withBf = { ...input, summaries: [{ ...first, bayesFactor: { point: 0, bf01: 2.5, bf01Se: 0.3125 } }, ...input.summaries.slice(1)] };
    const html = summaryTable(withBf);
    expect(html).toContain('<th>Bayes factor B₀₁</th>');
    const rows = html.split('\n').filter((l) => l.startsWith('<tr data-parameter='));
    expect(rows).toHaveLength(input.parameters.length);
    const row0 = rows.find((r) => r.includes(`data-parameter="${first.parameter}"`))!;
    expect(row0).toContain('2.50 ± 0.31');
    expect(row0).toMatch(/Savage–Dickey at [^<]* = 0</);
    // every other row gets an empty cell, so the columns stay aligned
    for (const r of rows.filter((x) => x !== row0)) expect(r.endsWith('<td class="num">—</td></tr>')).toBe(true);
    expect(rows.every((r) => (r.match(/<td/g) ?? []).length === 9)).toBe(true);
  });

  it('the report explains B01 below the table only when the column is there', () => {
    const input = syntheticReportInput({ n: 500 });
    expect(renderReport(input)).not.toContain('Savage–Dickey density ratio');
    const first = input.summaries[0]!;
    const html = renderReport({ ...input, summaries: [{ ...first, bayesFactor: { point: 0, bf01: 2.5, bf01Se: 0.3 } }, ...input.summaries.slice(1)] });
    expect(html).toContain('Savage–Dickey density ratio');
  });

  it('escapes the parameter label inside the Bayes-factor note', () => {
    const input = syntheticReportInput({ n: 500, label0: '<b>x</b>' });
    const first = input.summaries[0]!;
    const html = summaryTable({ ...input, summaries: [{ ...first, bayesFactor: { point: 0, bf01: 1, bf01Se: 0.1 } }, ...input.summaries.slice(1)] });
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('Savage–Dickey at &lt;b&gt;x&lt;/b&gt; = 0');
  });
});
