/**
 * `nuem report <chain.h5> [--compare <chain.h5> ...] [--out <dir>] [--prob <p>] [--no-profile]`:
 * reads chains (emcee layout + nuem sidecar), computes diagnostics and summaries, recomputes the
 * profile likelihoods and best-fit spectra of the chain's analysis (when it can be loaded), and
 * writes `<out>/<analysis>/<run>/index.html`. Options and help only (the action is loaded on demand from src/cli/actions/reportAction.ts); the work is in src/report.
 */
import type { Command } from 'commander';
import type { ReportFlags } from '../actions/reportAction.js';

/**
 * Registers `nuem report` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('report')
    .description('write a self-contained HTML report (summary, corner plot, profiles, spectra, diagnostics, provenance) for a chain')
    .argument('<chain>', 'chain file written by `nuem sample` (HDF5, emcee layout)')
    .option('--compare <chains...>', 'further chains to overlay (same parameters); chains of the same analysis and model also enter R-hat')
    .option('--out <dir>', 'reports root directory', 'reports')
    .option('--prob <p>', 'credible probability of the summary intervals', '0.9')
    .option('--no-profile', "skip the profile likelihoods and best-fit spectra (recomputed from the chain's analysis otherwise)")
    .option('--profile-points <n>', '1-D profile scan nodes (default: profile.points of the analysis)')
    .option('--profile-grid <n>', '2-D profile coarse nodes per axis (default: profile.nx/ny of the analysis)')
    .option('--profile-refine <n>', '2-D profile refinement depth (default: profile.refine of the analysis)')
    .option('--toys <dir>', 'where `nuem toys` results are looked for (<dir>/<analysis>/*.json); shown when present', 'toys')
    .option('--names <a,b,...>', 'parameter names, comma-separated, one per parameter (for chains without names, e.g. written by emcee; default: the names stored in the file, else param_0, param_1, …)')
    .option('--json', 'print { "report": <path of index.html> } instead of the bare path')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem report chains/default/seed20240916.e0.h5 --compare chains/default/seed20240916.e1.h5
  $ nuem report chain.h5 --out reports --prob 0.95
  $ nuem report chain.h5 --no-profile --json
  $ nuem report emcee_chain.h5 --names m,b,lnf      # a chain written by emcee
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (chainPath: string, o: ReportFlags) => {
      const { reportAction } = await import('../actions/reportAction.js');
      await reportAction(chainPath, o);
    });
}
