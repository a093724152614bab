/**
 * `nuem report` on a chain whose metadata names a real analysis: the profile likelihood and the
 * best-fit spectrum are recomputed from the analysis (small grid via --profile-points to keep the
 * test fast); --no-profile skips them; an analysis that cannot be loaded gives a visible note in
 * the report and one line on stderr.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/runCliInProcess.js';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { modelHash } from '../../src/experiments/modelHash.js';

const run = runCliInProcess;

let dir = '';
let nChains = 0;
/** chain of a 1-D Gaussian relabelled as the `qee` parameter of an analysis (the draws do not matter here) */
async function chainFor(analysisId: string, hash: string): Promise<string> {
  const sub = join(dir, `c${++nChains}`);
  mkdirSync(sub);
  const path = join(sub, `${analysisId}.h5`);
  const r = await run(['sample', '--target', 'gaussian', '--dim', '1', '--walkers', '8', '--steps', '200', '--seed', '3', '--out', path, '--no-progress']);
  expect(r.code).toBe(0);
  const side = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { meta: Record<string, unknown> };
  side.meta = { ...side.meta, analysisId, modelHash: hash, parameterNames: ['qee'] };
  writeFileSync(`${path}.json`, JSON.stringify(side));
  return path;
}

describe('nuem report with the chain analysis', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nuem-report-profile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('khan2022-qee: the report has the profile likelihood, its interval in the summary table and the best-fit spectrum with residuals', async () => {
    const chain = await chainFor('khan2022-qee', modelHash(loadAnalysis('khan2022-qee')));
    const r = await run(['report', chain, '--profile-points', '15', '--out', join(dir, 'reports')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(r.out.trim(), 'utf8');
    expect(html).toContain('<section id="profiles">');
    expect(html).toContain('<section id="spectra">');
    expect(html).toContain('obs − fit');
    expect(html).toMatch(/90% CL, Δχ² = 2\.706/);
    // the label's unit goes to the unit column: "Q_ee [e]" → label Q_ee, unit e
    expect(html).toMatch(/<tr data-parameter="qee"><td>Q_ee<\/td>/);
    expect(html).not.toContain('id="report-notes"');
  });

  it('--no-profile skips profiles and spectra and says so in the report', async () => {
    const chain = await chainFor('khan2022-qee', modelHash(loadAnalysis('khan2022-qee')));
    const r = await run(['report', chain, '--no-profile', '--out', join(dir, 'reports-np')]);
    expect(r.code).toBe(0);
    const html = readFileSync(r.out.trim(), 'utf8');
    expect(html).not.toContain('<section id="profiles">');
    expect(html).not.toContain('<section id="spectra">');
    expect(html).toContain('skipped (--no-profile)');
  });

  it('an analysis that cannot be loaded: a visible note in the report and one stderr line, exit 0', async () => {
    const chain = await chainFor('no-such-analysis', 'sha256:0');
    const r = await run(['report', chain, '--out', join(dir, 'reports-missing')]);
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^nuem report: analysis "no-such-analysis" could not be loaded/);
    const html = readFileSync(r.out.trim(), 'utf8');
    expect(html).toContain('id="report-notes"');
    expect(html).toContain('could not be loaded');
  });
});
