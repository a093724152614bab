/**
 * `nuem report <chain.h5> [--compare <chain.h5> ...] [--out <dir>] [--prob <p>]`: reads chains
 * (emcee layout + nuem sidecar), computes diagnostics and summaries, and writes
 * `<out>/<analysis>/<run>/index.html`. Commander wiring only; the work is in src/report.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../userError.js';
import { readChain } from '../../sampler/backends/readChain.js';
import { readChainSidecar, sidecarPathFor } from '../../sampler/backends/hdf5Backend.js';
import { reportInputFromChains } from '../../report/reportInputFromChains.js';
import { writeReport } from '../../report/writeReport.js';
import { codeProvenance } from '../../provenance.js';
import { loadAnalysis } from '../../experiments/loadAnalysis.js';
import type { PlotParameter } from '../../plots/types.js';
import type { PublishedValue } from '../../report/types.js';

function runIdOf(path: string): string {
  return basename(path).replace(/\.(h5|hdf5)$/i, '').replace(/[^A-Za-z0-9._-]/g, '_') || 'run';
}

/**
 * Registers `nuem report` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('report')
    .description('write a self-contained HTML report (summary, corner plot, diagnostics, provenance) for a chain')
    .argument('<chain>', 'chain file written by `nuem sample` (HDF5, emcee layout)')
    .option('--compare <chains...>', 'further chains to overlay (same parameters); chains of the same analysis and model also enter R-hat')
    .option('--out <dir>', 'reports root directory', 'reports')
    .option('--prob <p>', 'credible probability of the summary intervals', '0.9')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem report chains/default/seed20240916.e0.h5 --compare chains/default/seed20240916.e1.h5
  $ nuem report chain.h5 --out reports --prob 0.95
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (chainPath: string, o: { compare?: string[]; out: string; prob: string }) => {
      const t0 = performance.now();
      const prob = Number(o.prob);
      if (!(prob > 0 && prob < 1)) throw new UserError('--prob', `must be in (0, 1), got "${o.prob}"`, 'pass e.g. --prob 0.9');
      const paths = [chainPath, ...(o.compare ?? [])];
      const chains = [];
      for (const p of paths) chains.push(await readChain(p));
      const main = chains[0]!;
      for (let i = 1; i < chains.length; i++) {
        if (chains[i]!.parameterNames.join(',') !== main.parameterNames.join(',')) {
          throw new UserError(paths[i]!, `has parameters ${chains[i]!.parameterNames.join(', ')}, not ${main.parameterNames.join(', ')}`, 'compare chains of the same parameters');
        }
      }
      const side = sidecarPathFor(chainPath);
      const rngState = existsSync(side) ? readChainSidecar(side).resume?.rng : undefined;
      // labels, title and published intervals from the analysis file, when it can be found
      let title: string | undefined;
      const labels = new Map<string, Omit<PlotParameter, 'name'>>();
      let published: PublishedValue[] | undefined;
      const id = main.meta?.analysisId;
      if (id) {
        try {
          const a = loadAnalysis(id);
          title = a.title;
          for (const p of a.physics) labels.set(p.name, { label: p.label });
          published = a.spec.published.map((p) => ({ parameter: p.parameter, lo: p.interval[0], hi: p.interval[1], cl: p.cl, source: p.source }));
        } catch {
          // built-in targets and foreign chains have no analysis file: names serve as labels
        }
      }
      const code = codeProvenance();
      const input = reportInputFromChains(chains, {
        runId: runIdOf(chainPath),
        compareLabels: (o.compare ?? []).map(runIdOf),
        title,
        parameters: labels,
        published,
        prob,
        chainFiles: paths,
        rngState,
        provenance: { codeVersion: code.version, gitCommit: code.commit, node: code.node, dependencies: code.dependencies, createdAt: new Date().toISOString() },
      });
      input.provenance.timings_s = { report: (performance.now() - t0) / 1000 };
      let path: string;
      try {
        path = await writeReport(o.out, input);
      } catch (e) {
        if (e instanceof Error && /cannot be a directory name/.test(e.message)) throw new UserError(chainPath, e.message.replace(/^writeReport: /, ''), 'rename the run or analysis id');
        throw e;
      }
      process.stdout.write(`${path}\n`);
    });
}
