import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../../src/report/renderReport.js';
import { writeReport } from '../../src/report/writeReport.js';
import { formatInterval } from '../../src/report/summaryTable.js';
import { syntheticReportInput } from './fixtures/syntheticReportInput.js';
import { attachReportFiles } from '../../src/report/reportFiles.js';
import { withDisplayExponents } from '../../src/report/parameterDisplay.js';

const EVIL = '<script>alert(1)</script>';

describe('renderReport', () => {
  const html = renderReport(syntheticReportInput({ n: 3000 }));

  it('renderReport is self-contained: no scripts, no external URLs, a CSP that forbids network loads', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(urls.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('renderReport holds the summary table, corner plot, profile, spectrum, diagnostics and provenance sections', () => {
    for (const id of ['summary', 'corner', 'profiles', 'spectra', 'diagnostics', 'provenance']) expect(html).toContain(`<section id="${id}">`);
    expect((html.match(/<tr data-parameter=/g) ?? []).length).toBe(3);
    expect((html.match(/class="nuem-plot /g) ?? []).length).toBe(1 + 1 + 1 + 1 + 1); // corner, profile, spectrum, tau, trace
    expect(html).toContain('id="convergence-ok"');
    expect(html).toContain('Toy et al. 2099');
    expect(html).toContain('sha256:a1b2c3d4');
  });

  it('renderReport shows a visible warning when the run is not converged, naming the failing diagnostics', () => {
    const bad = renderReport(syntheticReportInput({ n: 3000, converged: false }));
    expect(bad).toContain('id="convergence-warning"');
    expect(bad).toContain('Not converged');
    expect(bad).toContain('R̂ of q_νe is 1.080 (needs &lt; 1.01)');
    expect(bad).toContain('τ still changing');
  });

  it('renderReport escapes every string from the model (label <script>alert(1)</script>)', () => {
    const evil = renderReport(syntheticReportInput({ n: 2000, label0: EVIL }));
    expect(evil).not.toContain('<script');
    expect(evil).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil).toContain('Synthetic correlated Gaussian &lt;test&gt;');
    expect(evil).toContain('⟨r²⟩ &amp; co');
  });

  it('renderReport is deterministic (same input, same bytes)', () => {
    expect(renderReport(syntheticReportInput({ n: 3000 }))).toBe(html);
  });

  it('renderReport rejects a profile naming an unknown parameter', () => {
    const input = syntheticReportInput({ n: 1000 });
    const bad = { ...input, profiles: { oneD: [{ parameter: 'nope', grid: [0, 1], deltaChi2: [0, 1], intervals: [] }] } };
    expect(() => renderReport(bad)).toThrow(/names parameter "nope"/);
  });

  it('formatInterval writes open intervals as limits', () => {
    expect(formatInterval(-Infinity, 1.5e-8)).toBe('< 1.50e\u22128');
    expect(formatInterval(2, Infinity)).toBe('> 2.00');
    expect(formatInterval(1, 2)).toBe('[1.00, 2.00]');
  });
});

describe('writeReport', () => {
  it('writeReport(dir, input) writes <dir>/<analysis>/<run>/index.html atomically (no temporary file left)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-'));
    try {
      const input = syntheticReportInput({ n: 1000 });
      const path = await writeReport(dir, input);
      expect(path).toBe(join(dir, 'synthetic-gauss', 'run-001', 'index.html'));
      // the page is renderReport's with links to the data files and figures written next to it
      const { html, files } = attachReportFiles(renderReport(withDisplayExponents(input)), withDisplayExponents(input));
      expect(readFileSync(path, 'utf8')).toBe(html);
      expect(readdirSync(join(dir, 'synthetic-gauss', 'run-001')).sort()).toEqual(['draws.csv', 'figures', 'index.html', 'profiles.json', 'summary.json']);
      for (const f of files) expect(readFileSync(join(dir, 'synthetic-gauss', 'run-001', f.path), 'utf8')).toBe(f.content);
      expect(readdirSync(join(dir, 'synthetic-gauss', 'run-001', 'figures')).every((n) => !n.includes('.tmp-'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writeReport rejects ids that are not one safe path segment, before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-'));
    try {
      const input = syntheticReportInput({ n: 1000 });
      await expect(writeReport(dir, { ...input, run: { id: '../x' } })).rejects.toThrow(/run.id "..\/x" cannot be a directory name/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
