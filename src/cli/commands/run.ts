/** `nuem run`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem run` on `program`. */
export function register(program: Command): Command {
  return program
    .command('run')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem run is not built yet');
    });
}
