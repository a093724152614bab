/**
 * `npm run bench`: runs every benchmark section (but the opt-in ones, which take minutes: run them
 * with `--only=<section>`) side by side in one process and prints a
 * human-readable summary, or one JSON object with `--json`.
 * Sections live in `bench/<section>.ts` and export `run(): Promise<Record<string, unknown>>`.
 */
const sections: Record<string, () => Promise<{ run: () => Promise<unknown> }>> = {
  sampler: () => import('./sampler.js'),
  forward: () => import('./forward.js'),
  endToEnd: () => import('./endToEnd.js'),
  toys: () => import('./toys.js'),
  csi2d: () => import('./csi2d.js'),
  argon: () => import('./argon.js'),
  modes: () => import('./modes.js'),
  combinedProfile: () => import('./combinedProfile.js'),
  parallelStages: () => import('./parallelStages.js'),
  combinedConvergence: () => import('./combinedConvergence.js'),
  profileStage: () => import('./profileStage.js'),
};

/** Sections that take minutes: run only when named with --only. */
const optIn = new Set(['combinedConvergence']);

async function mainBench(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const out: Record<string, unknown> = {};
  for (const [name, load] of Object.entries(sections)) {
    if (only ? only !== name : optIn.has(name)) continue;
    const mod = await load();
    if (!json) process.stderr.write(`[bench] ${name} ...\n`);
    out[name] = await mod.run();
  }
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

mainBench().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
