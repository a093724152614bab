/** `nuem report`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem report` on `program`. */
export function register(program: Command): Command {
  return program
    .command('report')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem report is not built yet');
    });
}
