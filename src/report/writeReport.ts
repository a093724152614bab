/**
 * Writes a report to `<root>/<analysis id>/<run id>/index.html` atomically (temporary file, then
 * rename: readers never see a half-written page; design.md §3.4).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import type { ReportInput } from './types.js';
import { renderReport } from './renderReport.js';

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
 * Renders and writes the report.
 *
 * @param dir - reports root directory (e.g. `reports`); created if missing
 * @param input - the report input
 * @returns absolute path of the written `index.html`
 */
export async function writeReport(dir: string, input: ReportInput): Promise<string> {
  const outDir = join(resolve(dir), checkPathSegment(input.analysis.id, 'analysis.id'), checkPathSegment(input.run.id, 'run.id'));
  const html = renderReport(input);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'index.html');
  writeFileAtomic(path, html);
  return path;
}
