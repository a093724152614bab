/**
 * Interleaved A/B of `nuem run models/analyses/default.yaml --json` between two builds (e.g. the
 * previous commit's `dist/` copied to `dist-base/`, and this one's `dist/`), printing one JSON line
 * per run: 1-min load average before it, wall time, the sampling stage, `sampling_s.write` and its
 * share of the stage, sampler and monitoring seconds, steps and thread layout. Used for the
 * "Checkpointing off the critical path" figures in docs/performance.md.
 *
 * Usage (after `npm run build`): node dist/bench/abWriter.js <build A dir> <build B dir> <rounds>
 * [extra nuem run args, e.g. --threads 0]; build directories relative to the package root.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const [a, b, rounds, ...extra] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node dist/bench/abWriter.js <build A dir> <build B dir> <rounds> [nuem run args]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'nuem-ab-'));
try {
  for (let i = 0; i < Number(rounds ?? 3); i++) {
    for (const [name, build] of [['A', a], ['B', b]] as const) {
      const load = loadavg()[0];
      const t0 = performance.now();
      const out = join(dir, name);
      const r = spawnSync(process.execPath, [join(resolve(ROOT, build), 'src/cli/main.js'), 'run', 'models/analyses/default.yaml', '--json', '--chains-dir', join(out, 'chains'), '--reports-dir', join(out, 'reports'), '--force', ...extra], { cwd: ROOT, encoding: 'utf8' });
      const wall = (performance.now() - t0) / 1000;
      if (r.status !== 0) {
        process.stdout.write(`${JSON.stringify({ build: name, error: (r.stderr ?? '').slice(-300) })}\n`);
        continue;
      }
      const j = JSON.parse(r.stdout) as { timings_s: { sample: number }; sampling_s: { write: number; sampler: number; monitor: number }; diagnostics: { steps: number[] }; threads?: number };
      const rec = { build: name, load1: load, wall_s: wall, sample_s: j.timings_s.sample, write_s: j.sampling_s.write, write_over_sample_stage: j.sampling_s.write / j.timings_s.sample, sampler_s: j.sampling_s.sampler, monitor_s: j.sampling_s.monitor, steps: j.diagnostics.steps, threads: j.threads };
      process.stdout.write(`${JSON.stringify(rec)}\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
