/**
 * Printing a report (issue 15): in Debian's Chromium through playwright-core, with print media
 * emulated at the content width of an A4 page (210 mm − 2 × 12 mm @page margins = 186 mm = 703 px
 * at 96 px/in), no table is wider than the page and the last column of every table lies inside it
 * (on screen the same tables scroll sideways, which a printer would cut); headings may not end a
 * page (`break-after: avoid`); a PDF is printed and the standalone SVG figures open as XML
 * without errors. Skips when Chromium is absent; REQUIRE_BROWSER=1 turns absence into a failure.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../../src/report/writeReport.js';
import { reportPrior } from '../../src/report/priorTable.js';
import { syntheticReportInput } from '../report/fixtures/syntheticReportInput.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
const executablePath = CANDIDATES.find((p) => existsSync(p));
const required = process.env.REQUIRE_BROWSER === '1';
if (!executablePath) {
  const msg = `Chromium not found (looked at ${CANDIDATES.join(', ')}); install it with 'apt-get install chromium' or set CHROMIUM_PATH`;
  if (required) throw new Error(`REQUIRE_BROWSER=1: ${msg}`);
  console.warn(`test/browser/reportPrint.test.ts skipped: ${msg}`);
}

/** A4 width minus the 12 mm @page margins of the print stylesheet, in CSS px (96 px per inch). */
const PRINT_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

describe.skipIf(!executablePath)('report printed from Chromium', () => {
  it('print media: no table wider than the page, the last column header inside it, headings kept with what follows; the PDF prints', async () => {
    const { chromium } = await import('playwright-core');
    const out = mkdtempSync(join(tmpdir(), 'nuem-print-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'nuem-chromium-'));
    try {
      const input = syntheticReportInput({ n: 2000, compare: true });
      // the widest summary table: with the Bayes-factor column, long published sources
      input.summaries = input.summaries.map((s) => ({ ...s, bayesFactor: { point: 0, bf01: 2.45, bf01Se: 0.0344 } }));
      input.published = [{ parameter: 'q', lo: 1.6e-7, hi: 2.5e-7, cl: 0.9, source: 'Khan, arXiv:2201.10578 eq. 10 (90% CL, qee alone; here qmumu is free too, so the joint result is wider)' }];
      input.priors = [reportPrior('mu', 'nuisance', { type: 'normal', mu: 1, sigma: 0.1 }, 'a long source text that names the paper, the table and the equation it was taken from'), reportPrior('q', 'physics', { type: 'uniform', min: -1e-6, max: 1e-6 })];
      const path = await writeReport(out, input);
      const ctx = await chromium.launchPersistentContext(profileDir, {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = await ctx.newPage();
        await page.setViewportSize({ width: PRINT_WIDTH_PX, height: 1000 });
        await page.goto(pathToFileURL(path).href);
        const measure = (): Promise<{ tables: Array<{ cls: string; right: number; lastTh: string; lastThRight: number; scrollW: number; clientW: number }>; docW: number; headingBreak: string[] }> =>
          page.evaluate(() => ({
            tables: Array.from(document.querySelectorAll('table')).map((t) => {
              const ths = t.querySelectorAll('thead th');
              const last = ths[ths.length - 1] ?? t.querySelector('tr > *:last-child');
              const sec = t.closest('section') as HTMLElement;
              return {
                cls: t.className,
                right: t.getBoundingClientRect().right,
                lastTh: last?.textContent ?? '',
                lastThRight: last ? last.getBoundingClientRect().right : 0,
                scrollW: sec.scrollWidth,
                clientW: sec.clientWidth,
              };
            }),
            docW: document.documentElement.scrollWidth,
            headingBreak: Array.from(document.querySelectorAll('h2, h3')).map((h) => getComputedStyle(h).breakAfter),
          }));
        // on screen at this width the summary table overflows its section (scrolls sideways): a printer would cut it
        const screen = await measure();
        const screenSummary = screen.tables.find((t) => t.cls === 'summary')!;
        expect(screenSummary.scrollW).toBeGreaterThan(screenSummary.clientW);

        await page.emulateMedia({ media: 'print' });
        const print = await measure();
        expect(print.tables.length).toBeGreaterThanOrEqual(4); // summary, priors, diagnostics, provenance
        for (const t of print.tables) {
          expect(t.right, `table.${t.cls} right edge`).toBeLessThanOrEqual(PRINT_WIDTH_PX + 0.5);
          expect(t.lastThRight, `table.${t.cls} last column "${t.lastTh}"`).toBeLessThanOrEqual(PRINT_WIDTH_PX + 0.5);
          expect(t.scrollW, `section of table.${t.cls} scrolls`).toBeLessThanOrEqual(t.clientW);
        }
        expect(print.tables.find((t) => t.cls === 'summary')!.lastTh).toBe('Bayes factor B₀₁');
        expect(print.docW).toBeLessThanOrEqual(PRINT_WIDTH_PX);
        expect(print.headingBreak.length).toBeGreaterThan(5);
        expect(new Set(print.headingBreak)).toEqual(new Set(['avoid']));

        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        // every page of the PDF is A4 portrait: MediaBox [0 0 595.92 842.88] (points)
        const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
        expect(boxes.length).toBeGreaterThan(1);
        for (const [w, h] of boxes) {
          expect(w).toBeCloseTo(595.92, 0);
          expect(h).toBeCloseTo(842.88, 0);
        }

        // the standalone figures parse as SVG documents (a parse error shows a <parsererror>)
        const figDir = join(out, 'synthetic-gauss', 'run-001', 'figures');
        for (const f of readdirSync(figDir)) {
          await page.goto(pathToFileURL(join(figDir, f)).href);
          const ok = await page.evaluate(() => document.documentElement.nodeName === 'svg' && !document.querySelector('parsererror'));
          expect(ok, f).toBe(true);
        }
      } finally {
        await ctx.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    }
  }, 60_000);
});
