import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/runCliInProcess.js';

const run = runCliInProcess;

describe('nuem report', () => {
  it('nuem report <chain> --compare <chain> writes <out>/<analysis>/<run>/index.html from two seeded sampler runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-cli-'));
    try {
      for (const seed of ['1', '2']) {
        const r = await run(['sample', '--target', 'gaussian', '--dim', '2', '--walkers', '8', '--steps', '600', '--seed', seed, '--out', join(dir, `s${seed}.h5`), '--no-progress']);
        expect(r.code).toBe(0);
      }
      const r = await run(['report', join(dir, 's1.h5'), '--compare', join(dir, 's2.h5'), '--out', join(dir, 'reports')]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const path = r.out.trim();
      expect(path).toBe(join(dir, 'reports', 'builtin_gaussian', 's1', 'index.html'));
      const html = readFileSync(path, 'utf8');
      expect((html.match(/<path class="contour"/g) ?? []).length).toBe(2 * 2); // 2 runs × 1 pair × 2 levels
      expect(html).toContain('2 ensemble(s) × 8 walkers × 600 steps');
      expect(html).toMatch(/R̂/);
      // --json prints { report: <same path> }; the sample output parses as JSON with or without --json
      const j = await run(['report', join(dir, 's2.h5'), '--out', join(dir, 'reports'), '--json']);
      expect(j.code).toBe(0);
      expect(JSON.parse(j.out)).toEqual({ report: join(dir, 'reports', 'builtin_gaussian', 's2', 'index.html') });
      const sj = await run(['sample', '--target', 'gaussian', '--dim', '2', '--walkers', '8', '--steps', '20', '--seed', '3', '--no-progress', '--json']);
      expect(sj.code).toBe(0);
      expect((JSON.parse(sj.out) as { iteration: number }).iteration).toBe(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nuem report on a missing file exits 2 with a one-line error and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-report-cli-'));
    try {
      const r = await run(['report', join(dir, 'nope.h5'), '--out', join(dir, 'reports')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^nuem: .*nope\.h5: chain file not found/);
      expect(existsSync(join(dir, 'reports'))).toBe(false);
      const bad = await run(['report', join(dir, 'nope.h5'), '--prob', '2']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--prob: must be in \[0\.5, 0\.999999\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
