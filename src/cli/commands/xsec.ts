/** `nuem xsec`: placeholder registration; the owning module replaces this file. */
import type { Command } from 'commander';

/** Registers `nuem xsec` on `program`. */
export function register(program: Command): Command {
  return program
    .command('xsec')
    .description('(not built yet)')
    .action(() => {
      throw new Error('nuem xsec is not built yet');
    });
}
