/**
 * Opens a real report in Debian's Chromium through playwright-core (stack.md §3.3–3.4): no console
 * or page errors, no network requests, the expected panels and contours with non-empty bounding
 * boxes, tick labels that do not overlap, and a screenshot in test/output/screenshots/.
 * Skips with a message when Chromium is absent; REQUIRE_BROWSER=1 turns absence into a failure.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../../src/report/writeReport.js';
import { syntheticReportInput } from '../report/fixtures/syntheticReportInput.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (p): p is string => !!p,
);
const executablePath = CANDIDATES.find((p) => existsSync(p));
const required = process.env.REQUIRE_BROWSER === '1';

if (!executablePath) {
  const msg = `Chromium not found (looked at ${CANDIDATES.join(', ')}); install it with 'apt-get install chromium' or set CHROMIUM_PATH`;
  if (required) throw new Error(`REQUIRE_BROWSER=1: ${msg}`);
  console.warn(`test/browser/report.test.ts skipped: ${msg}`);
}

describe.skipIf(!executablePath)('report in Chromium', () => {
  it('the synthetic report renders without errors or network requests, with visible panels, contours and non-overlapping ticks', async () => {
    const { chromium } = await import('playwright-core');
    const out = mkdtempSync(join(tmpdir(), 'nuem-browser-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'nuem-chromium-'));
    try {
      const path = await writeReport(out, syntheticReportInput({ converged: false, compare: true }));
      const ctx = await chromium.launchPersistentContext(profileDir, {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = await ctx.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
        page.on('request', (r) => {
          if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
        });
        await page.setViewportSize({ width: 1200, height: 900 });
        await page.goto(pathToFileURL(path).href);
        const info = await page.evaluate(() => {
          const box = (el: Element): { w: number; h: number } => {
            const b = (el as SVGGraphicsElement).getBBox();
            return { w: b.width, h: b.height };
          };
          const q = (sel: string): Element[] => Array.from(document.querySelectorAll(sel));
          // tick labels of each svg must not overlap one another
          let overlaps = 0;
          for (const svg of q('svg.nuem-plot')) {
            const rects = Array.from(svg.querySelectorAll('text.tick, text.axis-title, text.panel-title, text.legend-text, text.cl-label')).map((t) => t.getBoundingClientRect());
            for (let i = 0; i < rects.length; i++)
              for (let j = i + 1; j < rects.length; j++) {
                const a = rects[i]!;
                const b = rects[j]!;
                const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (ix > 1 && iy > 1) overlaps++;
              }
          }
          return {
            svgs: q('svg.nuem-plot').length,
            diag: q('svg.nuem-corner g.panel.diag').length,
            pair: q('svg.nuem-corner g.panel.pair').length,
            contours: q('svg.nuem-corner path.contour').map(box),
            hists: q('svg.nuem-corner path.hist').map(box),
            profile2d: q('path.profile2d').map(box),
            warning: !!document.querySelector('#convergence-warning'),
            overlaps,
            pageWidth: document.documentElement.scrollWidth,
          };
        });
        const shotDir = join(PACKAGE_ROOT, 'test', 'output', 'screenshots');
        mkdirSync(shotDir, { recursive: true });
        const shot = join(shotDir, 'report.png');
        await page.screenshot({ path: shot, fullPage: true });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(info.svgs).toBe(5);
        expect(info.diag).toBe(3);
        expect(info.pair).toBe(3);
        expect(info.contours.length).toBe(2 * 3 * 2); // runs × pairs × levels
        for (const b of [...info.contours, ...info.hists, ...info.profile2d]) {
          expect(b.w).toBeGreaterThan(5);
          expect(b.h).toBeGreaterThan(5);
        }
        expect(info.profile2d.length).toBe(1);
        expect(info.warning).toBe(true);
        expect(info.overlaps).toBe(0);
        expect(info.pageWidth).toBeLessThanOrEqual(1200);
        expect(statSync(shot).size).toBeGreaterThan(20_000);
      } finally {
        await ctx.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
