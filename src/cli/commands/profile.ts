/** `nuem profile`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem profile` on `program`. */
export function register(program: Command): Command {
  return program
    .command('profile')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem profile is not built yet');
    });
}
