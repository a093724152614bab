/** `nuem sample`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem sample` on `program`. */
export function register(program: Command): Command {
  return program
    .command('sample')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem sample is not built yet');
    });
}
