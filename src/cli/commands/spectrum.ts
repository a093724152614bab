/** `nuem spectrum`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem spectrum` on `program`. */
export function register(program: Command): Command {
  return program
    .command('spectrum')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem spectrum is not built yet');
    });
}
