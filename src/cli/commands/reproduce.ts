/** `nuem reproduce`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem reproduce` on `program`. */
export function register(program: Command): Command {
  return program
    .command('reproduce')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem reproduce is not built yet');
    });
}
