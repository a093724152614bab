/** `nuem validate`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem validate` on `program`. */
export function register(program: Command): Command {
  return program
    .command('validate')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem validate is not built yet');
    });
}
