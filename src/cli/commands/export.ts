/**
 * `nuem export <chain…> --to arviz|getdist|csv --out <path>`: the kept draws of one or more chain
 * files (nuem's or emcee's) for ArviZ (netCDF-4 InferenceData), GetDist (plain-text chains) or
 * spreadsheets (CSV of the draws and of the summary). Options and help only (the action is loaded
 * on demand from src/cli/actions/exportAction.ts); the work is in src/export; docs/export.md
 * describes the formats.
 */
import type { Command } from 'commander';
import type { ExportFlags } from '../actions/exportAction.js';

/**
 * Registers `nuem export` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('export')
    .description('export chains for ArviZ (netCDF-4), GetDist (root.txt, .paramnames, .ranges) or as CSV (draws and summary)')
    .argument('<chains...>', 'chain files (HDF5, emcee layout; several = independent ensembles of one run)')
    .option('--to <format>', 'arviz | getdist | csv')
    .option('--out <path>', 'arviz: the .nc file; getdist: the root (writes <root>.txt or <root>_1.txt…, <root>.paramnames, <root>.ranges); csv: the prefix (writes <prefix>.draws.csv and <prefix>.summary.csv)')
    .option('--discard <n>', 'steps dropped from the start of every chain, or "auto" (2·max τ, as nuem run)', 'auto')
    .option('--thin <n>', 'keep every n-th step after the burn-in, or "auto" (⌊min τ/2⌋, as nuem run)', 'auto')
    .option('--prob <p>', 'credible probability of the summary intervals (csv summary)', '0.9')
    .option('--names <a,b,...>', 'parameter names, comma-separated, one per parameter (for chains without names, e.g. written by emcee)')
    .option('--force', 'replace existing output files')
    .option('--json', 'print { "files": [...], "discard", "thin", ... } instead of the file list')
    .addHelpText(
      'after',
      `
Examples:
  $ nuem export chains/default/seed20240916.e0.h5 chains/default/seed20240916.e1.h5 --to arviz --out default.nc
  $ nuem export chains/default/seed20240916.e*.h5 --to getdist --out getdist/default
  $ nuem export chain.h5 --to csv --out tables/run1 --discard 500 --thin 10
  $ nuem export emcee_chain.h5 --names m,b,lnf --to arviz --out line.nc    # a chain written by emcee
Every walker becomes an ArviZ chain (as arviz.from_emcee does). Nothing is overwritten without --force.
Exit codes: 0 ok, 1 failure, 2 bad input.`,
    )
    .action(async (chainPaths: string[], o: ExportFlags) => {
      const { exportAction } = await import('../actions/exportAction.js');
      await exportAction(chainPaths, o);
    });
}
