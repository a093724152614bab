/**
 * Writes a report to `<root>/<analysis id>/<run id>/index.html` with its data files and standalone
 * figures next to it (src/report/reportFiles.ts), each atomically (temporary file, then rename:
 * readers never see a half-written file).
 */
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import type { ReportInput } from './types.js';
import { renderReport } from './renderReport.js';
import { withDisplayExponents } from './parameterDisplay.js';
import { attachReportFiles } from './reportFiles.js';

/**
 * Checks that an id is usable as one path segment.
 *
 * @param id - analysis or run id
 * @param what - `analysis.id` or `run.id` (for the message)
 * @returns the id
 * @throws Error naming the field when the id is empty, `.`/`..`, or holds characters outside [A-Za-z0-9._-]
 */
export function checkPathSegment(id: string, what: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id) || id === '.' || id === '..') {
    throw new Error(`writeReport: ${what} "${id}" cannot be a directory name; use letters, digits, '.', '_' or '-'`);
  }
  return id;
}

/**
 * Renders and writes the report: `index.html`, `summary.json`, `draws.csv`, `profiles.json` and
 * `figures/*.svg` (figures of an earlier report in the same directory that this one no longer has
 * are removed). The page is written last, so its links never point to missing files.
 *
 * @param dir - reports root directory (e.g. `reports`); created if missing
 * @param input - the report input
 * @returns absolute path of the written `index.html`
 */
export async function writeReport(dir: string, input: ReportInput): Promise<string> {
  const outDir = join(resolve(dir), checkPathSegment(input.analysis.id, 'analysis.id'), checkPathSegment(input.run.id, 'run.id'));
  const shown = withDisplayExponents(input);
  const { html, files } = attachReportFiles(renderReport(shown), shown);
  mkdirSync(join(outDir, 'figures'), { recursive: true });
  const written = new Set<string>();
  for (const f of files) {
    writeFileAtomic(join(outDir, ...f.path.split('/')), f.content, { fsync: false });
    if (f.path.startsWith('figures/')) written.add(f.path.slice('figures/'.length));
  }
  for (const name of readdirSync(join(outDir, 'figures'))) {
    if (/^[A-Za-z0-9_-]+-\d+\.svg$/.test(name) && !written.has(name)) unlinkSync(join(outDir, 'figures', name));
  }
  const path = join(outDir, 'index.html');
  writeFileAtomic(path, html);
  return path;
}
