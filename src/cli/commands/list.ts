/** `nuem list`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem list` on `program`. */
export function register(program: Command): Command {
  return program
    .command('list')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem list is not built yet');
    });
}
