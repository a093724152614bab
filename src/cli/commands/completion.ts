/**
 * `nuem completion bash|zsh`: prints a shell completion script generated from the command tree
 * (src/cli/completion.ts).
 */
import type { Command } from 'commander';
import { UserError } from '../userError.js';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from '../completion.js';

/**
 * Registers `nuem completion` on `program`.
 *
 * @param program - the root commander program
 * @returns the registered sub-command
 */
export function register(program: Command): Command {
  return program
    .command('completion')
    .description('print a bash or zsh completion script for nuem (generated from its verbs and options)')
    .argument('<shell>', `one of ${COMPLETION_SHELLS.join(', ')}`)
    .addHelpText(
      'after',
      `
Examples:
  $ source <(nuem completion bash)                        # this shell
  $ nuem completion bash > ~/.local/share/bash-completion/completions/nuem
  $ nuem completion zsh > "\${fpath[1]}/_nuem"              # zsh, then restart it
Exit codes: 0 ok, 2 unknown shell.`,
    )
    .action((shell: string) => {
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) throw new UserError(shell, 'no completion script for this shell', `use one of ${COMPLETION_SHELLS.join(', ')}`);
      process.stdout.write(completionScript(program, shell as CompletionShell));
    });
}
